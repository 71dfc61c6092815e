import type { CustomInfoType } from "../policy/infoTypes";

/**
 * Sensitive information types (SITs) as Microsoft Purview defines them: an entity GUID, a pattern
 * function, supporting evidence within a proximity window, and confidence levels.
 * Source: docs/reference/label-policy.md §9.
 */

/** A sensitive information type, identified by its Microsoft entity GUID (never by name). */
export interface SensitiveInfoType {
  /** Microsoft entity GUID, lower case. */
  id: string;
  name: string;
}

/**
 * Purview confidence levels: low ≤ 65 (55 only for randomized unformatted SSNs), medium 75, high
 * 85; and 95, ours, for a number its own keyword labels ("SSN: 123-45-6789"; see Evidence.labels).
 */
export type Confidence = 55 | 65 | 75 | 85 | 95;

/** A number labelled by its type's own keyword (above Purview's levels, so no condition loses it). */
export const LABELLED: Confidence = 95;

/** One match: character offsets into the scanned text (end exclusive) and the confidence it reached. */
export interface DetectionInstance {
  start: number;
  end: number;
  confidence: number;
}

/** All matches of one sensitive information type in one text. */
export interface Detection {
  sitId: string;
  name: string;
  /** Number of instances found (equals `instances.length`; see `DetectionResult.cappedTypes`). */
  count: number;
  /** Highest confidence level any instance reached: 65 | 75 | 85 (55 for SSN low). */
  confidence: number;
  /** In text order. */
  instances: DetectionInstance[];
}

export interface DetectOptions {
  /** Type ids (built-in or custom) to look for; default every built-in and every custom type given. */
  types?: string[];
  /** The policy's custom types (policy/infoTypes.ts): found like the built-in ones, under their own ids. */
  customTypes?: readonly CustomInfoType[];
  /** Scan at most this many characters from the start of the text (default `DEFAULT_MAX_CHARS`). */
  maxChars?: number;
  /** Stop collecting a type after this many instances (default `DEFAULT_MAX_INSTANCES_PER_TYPE`). */
  maxInstancesPerType?: number;
}

export interface DetectionResult {
  /** One entry per type with at least one instance, in catalog order. */
  detections: Detection[];
  /** Characters of the text that were scanned (text length, or `maxChars` when the text is longer). */
  scannedChars: number;
  /** True when the text was longer than `maxChars`: what lies beyond was not looked at. */
  truncated: boolean;
  /** Types that reached `maxInstancesPerType`; their counts and confidence cover only what was collected. */
  cappedTypes: string[];
  /** Requested type ids this detector does not know; a policy naming them can never be met here. */
  unsupportedTypes: string[];
}

/** A content condition as an auto-labeling or recommendation rule states it. */
export interface SitCondition {
  sitId: string;
  minCount: number;
  minConfidence: number;
}
