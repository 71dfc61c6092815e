export * from "./types";
export * from "./plan";
export * from "./justification";
export * from "./labelChange";
export * from "./defaultLabel";
export * from "./recommend";
export * from "./send";
export * from "./protection";
