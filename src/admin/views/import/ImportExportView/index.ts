export * from "./ImportExportView";
