/**
 * One function per labeling moment (docs/architecture.md, "The moments"): each reads the item, decides
 * with src/core/decide, applies through the host adapter and records the audit, once.
 */
export * from "./deps";
export * from "./protect";
export * from "./open";
export * from "./reply";
export * from "./documentOpen";
export * from "./outsideChange";
export * from "./choose";
export * from "./recommend";
export * from "./send";
export * from "./composeChanged";
