export * from "./HostWarnings";
