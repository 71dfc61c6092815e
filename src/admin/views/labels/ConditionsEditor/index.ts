export * from "./ConditionsEditor";
