export { RunPanel } from "./RunPanel";
