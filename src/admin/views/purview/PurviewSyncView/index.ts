export * from "./PurviewSyncView";
