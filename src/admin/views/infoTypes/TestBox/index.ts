export { TestBox } from "./TestBox";
