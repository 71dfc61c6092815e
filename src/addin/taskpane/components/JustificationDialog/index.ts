export * from "./JustificationDialog";
