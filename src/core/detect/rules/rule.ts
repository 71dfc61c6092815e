import type { Evidence, EvidenceMatcher } from "../evidence";

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
  /** The built-in rules, for custom types whose elements are Purview functions (Func_…). */
  ruleFor?(sitId: string): SitRule | undefined;
}

/** Records an instance (built-in levels are Confidence; custom types use 1–100); false once the type hit its instance cap. */
export type Emit = (start: number, end: number, confidence: number) => boolean;

/** How one sensitive information type is found: prefilter, bounded regex, checksum, evidence. */
export interface SitRule {
  readonly sitId: string;
  /** The bare candidate regex, before boundary rules, checksums and evidence (benchmark baseline). */
  readonly candidatePattern: RegExp;
  scan(context: ScanContext, emit: Emit): void;
}
