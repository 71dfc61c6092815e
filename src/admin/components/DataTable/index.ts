export { DataTable } from "./DataTable";
