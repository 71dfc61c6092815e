export * from "./ids";
export * from "./model";
export * from "./path";
export * from "./validate";
export * from "./phases";
export * from "./effective";
export * from "./labels";
export * from "./taxonomy";
