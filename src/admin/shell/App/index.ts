export * from "./App";
