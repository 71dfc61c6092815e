export * from "./TryMapping";
