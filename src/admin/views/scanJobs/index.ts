export { ScanJobsView } from "./ScanJobsView";
