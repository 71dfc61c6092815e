export * from "./CreateConfiguration";
