export * from "./LabelChooser";
