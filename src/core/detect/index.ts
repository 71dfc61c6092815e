// The package entry runs custom types too (the event bundle imports detect.ts alone, without them).
import "./custom/register";

export { SENSITIVE_INFO_TYPES, SIT_IDS, findSensitiveInfoType } from "./catalog";
export {
  DEFAULT_MAX_CHARS,
  DEFAULT_MAX_INSTANCES_PER_TYPE,
  detectSensitiveInfo,
  meetsCondition,
} from "./detect";
export { PROXIMITY_CHARS } from "./evidence";
export { detectOptionsFor } from "./forPolicy";
export { testInfoType, type InfoTypeMatch, type InfoTypeTestResult } from "./custom/testInfoType";
export { compileSafePattern } from "./regex/safeRegex";
export type {
  Confidence,
  Detection,
  DetectionInstance,
  DetectionResult,
  DetectOptions,
  SensitiveInfoType,
  SitCondition,
} from "./types";
