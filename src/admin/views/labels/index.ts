export { LabelsView } from "./LabelsView";
