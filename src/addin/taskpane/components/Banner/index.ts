export * from "./Banner";
