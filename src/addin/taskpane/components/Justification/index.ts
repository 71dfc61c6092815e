export * from "./Justification";
