export * from "./LabelsView";
