export { ReportsView } from "./ReportsView";
