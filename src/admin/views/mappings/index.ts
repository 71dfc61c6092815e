export { LabelMappingsView } from "./LabelMappingsView";
