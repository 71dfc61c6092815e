export * from "./PoliciesView";
