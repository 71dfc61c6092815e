export * from "./LabelEditor";
