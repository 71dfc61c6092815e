export * from "./RolloutView";
