export * from "./MarkingEditor";
