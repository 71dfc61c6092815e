export * from "./SaveBar";
