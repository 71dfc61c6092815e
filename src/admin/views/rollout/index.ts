export { RolloutView } from "./RolloutView";
