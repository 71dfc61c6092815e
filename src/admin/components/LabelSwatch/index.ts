export * from "./LabelSwatch";
