export * from "./LabelMappingsView";
