export { ImportExportView } from "./ImportExportView";
