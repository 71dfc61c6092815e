export * from "./ConfirmDialog";
