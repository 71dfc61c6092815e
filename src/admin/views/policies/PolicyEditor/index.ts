export * from "./PolicyEditor";
