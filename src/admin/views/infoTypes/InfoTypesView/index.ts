export { InfoTypesView } from "./InfoTypesView";
