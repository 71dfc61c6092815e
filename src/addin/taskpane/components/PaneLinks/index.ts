export * from "./PaneLinks";
