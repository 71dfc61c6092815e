export * from "./Shell";
