export * from "./FieldChange";
