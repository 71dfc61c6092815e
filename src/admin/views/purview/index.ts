export { PurviewSyncView } from "./PurviewSyncView";
