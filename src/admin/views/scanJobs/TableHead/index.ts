export { TableHead } from "./TableHead";
