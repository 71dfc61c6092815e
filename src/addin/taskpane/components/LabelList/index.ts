export * from "./LabelList";
