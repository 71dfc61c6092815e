/** Content marking (headers, footers, watermarks) and government protective markings. */
export * from "./types";
export * from "./template";
export * from "./limits";
export * from "./resolve";
export * from "./excel";
export * from "./epms";
export * from "./nz";
export * from "./nzTerms";
