import type { Evidence, EvidenceMatcher } from "../evidence";
import type { Confidence } from "../types";

/** What a rule sees of one detection call. */
export interface ScanContext {
  readonly text: string;
  /** Only [0, scanEnd) is scanned; the rest of `text` is consulted for boundaries only. */
  readonly scanEnd: number;
  /**
   * Evidence for a matcher, one instance per rule pass: a rule asks for windows front to back, which
   * lets each part of the text be searched for keywords at most once.
   */
  evidence(matcher: EvidenceMatcher): Evidence;
  /**
   * Work more than one rule needs over the same text (the card candidates of the credit card and
   * EU debit card types), done by the first rule that asks and reused by the others in the same
   * detection call. `key` names the work; `compute` must depend on the text alone.
   */
  shared<T>(key: object, compute: () => T): T;
}

/** Records an instance; returns false once the type has reached its instance cap (stop scanning). */
export type Emit = (start: number, end: number, confidence: Confidence) => boolean;

/** How one sensitive information type is found: prefilter, bounded regex, checksum, evidence. */
export interface SitRule {
  readonly sitId: string;
  /** The bare candidate regex, before boundary rules, checksums and evidence (benchmark baseline). */
  readonly candidatePattern: RegExp;
  scan(context: ScanContext, emit: Emit): void;
}
