export * from "./LabelPicker";
