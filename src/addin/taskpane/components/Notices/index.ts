export * from "./Notices";
