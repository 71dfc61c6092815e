export { NodesTable } from "./NodesTable";
