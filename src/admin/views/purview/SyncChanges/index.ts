export * from "./SyncChanges";
