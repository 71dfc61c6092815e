export { PoliciesView } from "./PoliciesView";
