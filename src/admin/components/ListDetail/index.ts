export * from "./ListDetail";
