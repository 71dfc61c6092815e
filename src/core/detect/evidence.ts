/**
 * Supporting evidence (keywords, expiry dates) and the proximity window around a match.
 */

/** Purview's proximity window (docs/reference/label-policy.md §9). */
export const PROXIMITY_CHARS = 300;

/** A named source of supporting evidence: a global regex whose matches count as evidence. */
export interface EvidenceMatcher {
  readonly name: string;
  /** Must carry the `g` flag; every quantifier bounded; never matches the empty string. */
  readonly pattern: RegExp;
  /** Longest text a match can span; lets a window be searched without missing a straddling match. */
  readonly maxLength: number;
}

/**
 * Where one evidence matcher occurs in the scanned part of a text, found lazily: only the windows
 * around candidate numbers are searched, so keyword regexes (the slowest part of detection) never
 * run over text far from any number. Windows asked for in ascending order — as a rule scanning the
 * text front to back does — are searched once each; a request that goes backwards falls back to
 * searching the whole scanned text once.
 */
export class Evidence {
  /** Match offsets, ascending by start. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Every match starting in [coveredFrom, coveredTo) is known. */
  private coveredFrom = 0;
  private coveredTo = 0;
  private anyMatch: boolean | undefined;

  constructor(
    private readonly text: string,
    private readonly scanEnd: number,
    private readonly matcher: EvidenceMatcher,
  ) {}

  /** True when the matcher occurs anywhere in the scanned text (stops at the first occurrence). */
  anywhere(): boolean {
    if (this.anyMatch === undefined) {
      if (this.starts.length > 0) this.anyMatch = true;
      else {
        const { pattern } = this.matcher;
        pattern.lastIndex = 0;
        // exec, not test: an engine whose test skips the pattern's own exec would skip its left
        // boundary (leftBoundary.ts) too.
        this.anyMatch = pattern.exec(this.scanned(0, this.scanEnd)) !== null;
      }
    }
    return this.anyMatch;
  }

  /**
   * Choice (the reference only says "within 300 characters"): evidence is near a match when at most
   * `window` characters lie between them, on either side; overlapping or touching counts too. So a
   * keyword ending 300 characters before the match start is in, one ending 301 before is out.
   */
  near(start: number, end: number, window: number = PROXIMITY_CHARS): boolean {
    // Evidence that can be near starts in [from, to): it must end at or after start - window and a
    // match is at most maxLength long; it must start at or before end + window.
    const from = Math.max(0, start - window - this.matcher.maxLength);
    const to = Math.min(this.scanEnd, end + window + 1);
    this.cover(from, to);
    const { starts, ends } = this;
    for (let i = firstAtOrAfter(starts, from); i < starts.length && starts[i] < to; i++) {
      if (ends[i] >= start - window) return true;
    }
    return false;
  }

  /**
   * Whether the evidence labels the match: it ends at most LABEL_GAP characters before the match
   * (or starts at most that far after it) with only spaces and label punctuation in between —
   * "SSN: 123-45-6789", "Passport No. C03005988", "021000021 (RTN)". A labelled number is the
   * strongest corroboration there is; prose that merely mentions a keyword nearby is weaker.
   * Ask near() first for the same match: its window holds this one, so nothing is searched twice.
   */
  labels(start: number, end: number): boolean {
    const from = Math.max(0, start - LABEL_GAP - this.matcher.maxLength);
    const to = Math.min(this.scanEnd, end + LABEL_GAP + 1);
    this.cover(from, to);
    const { starts, ends, text } = this;
    for (let i = firstAtOrAfter(starts, from); i < starts.length && starts[i] < to; i++) {
      if (ends[i] <= start && start - ends[i] <= LABEL_GAP && onlyLabelGap(text, ends[i], start)) return true;
      if (starts[i] >= end && starts[i] - end <= LABEL_GAP && onlyLabelGap(text, end, starts[i])) return true;
    }
    return false;
  }

  private cover(from: number, to: number): void {
    if (from >= to) return;
    if (from < this.coveredFrom) {
      // Asked to go back: search everything once; nothing can be missing afterwards.
      this.starts.length = 0;
      this.ends.length = 0;
      this.search(0, this.scanEnd);
      this.coveredFrom = 0;
      this.coveredTo = this.scanEnd;
      return;
    }
    if (to <= this.coveredTo) return;
    // Text between the covered range and `from` is skipped: later requests only go further on.
    const searchFrom = Math.max(from, this.coveredTo);
    this.search(searchFrom, to);
    if (from > this.coveredTo) this.coveredFrom = from;
    this.coveredTo = to;
  }

  /** Records the matches that start in [from, to). */
  private search(from: number, to: number): void {
    const { pattern, maxLength } = this.matcher;
    // Context on both sides: the regex's lookarounds see real neighbours, and a match starting
    // before `to` may run on. A match at the very first character of the slice has no left context
    // and may be spurious, but it starts before `from` and ends before it too, so it is dropped and
    // hides nothing.
    const sliceFrom = Math.max(0, from - maxLength - 1);
    const sliceTo = Math.min(this.text.length, to + maxLength + 1);
    const slice = this.scanned(sliceFrom, sliceTo);
    pattern.lastIndex = 0;
    for (let m = pattern.exec(slice); m !== null; m = pattern.exec(slice)) {
      const start = sliceFrom + m.index;
      if (start >= to) break;
      if (start < from) continue;
      this.starts.push(start);
      this.ends.push(start + m[0].length);
    }
  }

  private scanned(from: number, to: number): string {
    return from === 0 && to === this.text.length ? this.text : this.text.slice(from, to);
  }
}

/** Characters between a label keyword and its number (see Evidence.labels). */
export const LABEL_GAP = 3;
const LABEL_PUNCTUATION = " \t\u00a0:#.-=()";

function onlyLabelGap(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (LABEL_PUNCTUATION.indexOf(text[i]) < 0) return false;
  return true;
}

/** Index of the first value ≥ `value` in an ascending array. */
export function firstAtOrAfter(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
