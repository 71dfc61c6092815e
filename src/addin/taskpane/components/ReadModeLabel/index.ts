export * from "./ReadModeLabel";
