/**
 * Sensitive-information detection over text of any length in bounded memory: the text arrives in
 * chunks and is scanned in overlapping windows. Each window counts only the matches that start in
 * its core; the margins on both sides (wider than the 300-character proximity window plus the
 * longest pattern) give every match the same evidence it would have in the whole text.
 *
 * One type takes its evidence from the whole text rather than a window: the EU debit card
 * (relaxProximity; see core/detect/rules/euDebitCard.ts). For a text longer than one window, its
 * keywords and expiry dates are looked for in every window until found, and then count for every
 * EU debit card number in the text, as they would in one pass.
 */
import {
  type Detection,
  type DetectionInstance,
  PROXIMITY_CHARS,
  SENSITIVE_INFO_TYPES,
  SIT_IDS,
  detectSensitiveInfo,
} from "../../core/detect";
import { EXPIRATION_DATE, KEYWORD_EU_DEBIT_CARD } from "../../core/detect/keywords";
import type { CustomInfoType } from "../../core/policy/infoTypes";

/** The policy's custom types, found by every detector from now on (scanFile sets them per job). */
let customTypes: readonly CustomInfoType[] = [];

export function useCustomInfoTypes(types: readonly CustomInfoType[]): void {
  customTypes = types;
}

export const WINDOW_CHARS = 1024 * 1024;
export const MARGIN_CHARS = PROXIMITY_CHARS + 212;
/** Per type; far above any labeling condition, bounds memory on hostile text. */
export const MAX_INSTANCES_PER_TYPE = 10_000;

export interface TextDetection {
  detections: Detection[];
  scannedChars: number;
  /** Some type hit MAX_INSTANCES_PER_TYPE: its count is a lower bound. */
  capped: boolean;
}

export class StreamingDetector {
  private pending = "";
  /**
   * Text pushed since the last window, joined only when a window is scanned: the detector's loops
   * over characters run several times faster on a flat string than on the chain of small strings
   * that `+=` of many pieces would make.
   */
  private pieces: string[] = [];
  private piecesLength = 0;
  /** Absolute offset of pending[0]. */
  private base = 0;
  /** Matches starting before this absolute offset were counted by an earlier window. */
  private counted = 0;
  private total = 0;
  private readonly found = new Map<string, { name: string; instances: DetectionInstance[] }>();
  private capped = false;
  private windows = 0;
  private euDebitEvidence = false;

  constructor(
    private readonly window = WINDOW_CHARS,
    private readonly margin = MARGIN_CHARS,
  ) {
    if (window <= 4 * margin) throw new RangeError("the window must be wider than four margins");
  }

  push(text: string): void {
    if (text.length === 0) return;
    this.pieces.push(text);
    this.piecesLength += text.length;
    this.total += text.length;
    if (this.pending.length + this.piecesLength < this.window) return;
    this.absorb();
    while (this.pending.length >= this.window) this.scanWindow(false);
  }

  private absorb(): void {
    if (this.pieces.length === 0) return;
    if (this.pending === "" && this.pieces.length === 1) this.pending = this.pieces[0];
    else {
      this.pieces.unshift(this.pending);
      this.pending = this.pieces.join("");
    }
    this.pieces = [];
    this.piecesLength = 0;
  }

  finish(): TextDetection {
    this.absorb();
    this.scanWindow(true);
    const detections: Detection[] = [];
    if (this.euDebitEvidence)
      for (const i of this.found.get(SIT_IDS.euDebitCard)?.instances ?? []) i.confidence = 85;
    for (const [sitId, { name, instances }] of this.found) {
      let confidence = 0;
      for (const i of instances) if (i.confidence > confidence) confidence = i.confidence;
      detections.push({ sitId, name, count: instances.length, confidence, instances });
    }
    return { detections: inCatalogOrder(detections), scannedChars: this.total, capped: this.capped };
  }

  private scanWindow(final: boolean): void {
    const text = final ? this.pending : this.pending.slice(0, this.window);
    const coreEnd = final ? Infinity : this.base + this.window - this.margin;
    if (text.length > 0) {
      const result = detectSensitiveInfo(text, {
        customTypes,
        maxChars: text.length,
        maxInstancesPerType: MAX_INSTANCES_PER_TYPE,
      });
      for (const d of result.detections) {
        let entry = this.found.get(d.sitId);
        if (!entry) {
          entry = { name: d.name, instances: [] };
          this.found.set(d.sitId, entry);
        }
        for (const i of d.instances) {
          const start = this.base + i.start;
          if (start < this.counted || start >= coreEnd) continue;
          if (entry.instances.length >= MAX_INSTANCES_PER_TYPE) {
            this.capped = true;
            break;
          }
          entry.instances.push({ start, end: this.base + i.end, confidence: i.confidence });
        }
      }
      if (result.cappedTypes.length > 0) this.capped = true;
    }
    if (!this.euDebitEvidence && (this.windows > 0 || !final))
      this.euDebitEvidence = hasEuDebitEvidence(text);
    this.windows++;
    if (final) {
      this.pending = "";
      return;
    }
    // Keep two margins: left context for the next core, and the part of this window past its core.
    const keepFrom = this.window - 2 * this.margin;
    this.pending = this.pending.slice(keepFrom);
    this.base += keepFrom;
    this.counted = coreEnd;
  }
}

function hasEuDebitEvidence(text: string): boolean {
  return [KEYWORD_EU_DEBIT_CARD, EXPIRATION_DATE].some(({ pattern }) => {
    pattern.lastIndex = 0;
    const found = pattern.test(text);
    pattern.lastIndex = 0;
    return found;
  });
}

function inCatalogOrder(detections: Detection[]): Detection[] {
  // Custom types (not in the catalog) come after the built-in ones.
  const rank = (id: string) => {
    const i = SENSITIVE_INFO_TYPES.findIndex((t) => t.id === id);
    return i < 0 ? SENSITIVE_INFO_TYPES.length : i;
  };
  return detections.sort((a, b) => rank(a.sitId) - rank(b.sitId));
}

export function detectText(text: string): TextDetection {
  const d = new StreamingDetector();
  d.push(text);
  return d.finish();
}

/** Adds detections of several texts (an email's body and attachments) into one per type. */
export function mergeDetections(parts: readonly Detection[][]): Detection[] {
  const byType = new Map<string, Detection>();
  for (const list of parts) {
    for (const d of list) {
      const prev = byType.get(d.sitId);
      if (!prev) byType.set(d.sitId, { ...d, instances: [...d.instances] });
      else {
        prev.count += d.count;
        prev.confidence = Math.max(prev.confidence, d.confidence);
        prev.instances.push(...d.instances);
      }
    }
  }
  return inCatalogOrder([...byType.values()]);
}
