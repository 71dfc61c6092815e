/**
 * Supporting evidence (keywords, expiry dates) and the proximity window around a match.
 */

/** Purview's proximity window (label-policy.md §9). */
export const PROXIMITY_CHARS = 300;

export interface Span {
  start: number;
  end: number;
}

/** A named source of supporting evidence: a global regex whose matches count as evidence. */
export interface EvidenceMatcher {
  readonly name: string;
  /** Must carry the `g` flag; every quantifier bounded. */
  readonly pattern: RegExp;
}

/** Offsets of evidence matches, ascending; kept as two number arrays so keyword-dense text stays cheap. */
export interface SpanList {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/**
 * Where one evidence matcher occurs in the scanned part of a text. Computed on first use, so a text
 * without any candidate number never pays for keyword scanning.
 */
export class Evidence {
  private spans: SpanList | undefined;

  constructor(
    private readonly text: string,
    private readonly scanEnd: number,
    private readonly matcher: EvidenceMatcher,
  ) {}

  all(): SpanList {
    if (this.spans === undefined) this.spans = collectSpans(this.text, this.scanEnd, this.matcher.pattern);
    return this.spans;
  }

  anywhere(): boolean {
    return this.all().starts.length > 0;
  }

  /**
   * Choice (the reference only says "within 300 characters"): evidence is near a match when at most
   * `window` characters lie between them, on either side; overlapping or touching counts too. So a
   * keyword ending 300 characters before the match start is in, one ending 301 before is out.
   */
  near(start: number, end: number, window: number = PROXIMITY_CHARS): boolean {
    const { starts, ends } = this.all();
    // Matches of one global regex never overlap, so both starts and ends ascend: binary-search the
    // first span that ends late enough, then it is the only one that can also start early enough.
    const from = start - window;
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length && starts[lo] <= end + window;
  }
}

function collectSpans(text: string, scanEnd: number, pattern: RegExp): SpanList {
  const starts: number[] = [];
  const ends: number[] = [];
  const scanned = scanEnd === text.length ? text : text.slice(0, scanEnd);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(scanned); m !== null; m = pattern.exec(scanned)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  return { starts, ends };
}

/**
 * The parts of the text within reach of any span: each span widened by `reach` on both sides,
 * clipped to [0, limit), overlapping or touching ranges merged. Scanning only these keeps
 * keyword-gated types (SSN, passport) cheap on long texts with few keywords.
 */
export function regionsAround(spans: SpanList, reach: number, limit: number): Span[] {
  const regions: Span[] = [];
  const { starts, ends } = spans;
  for (let i = 0; i < starts.length; i++) {
    const start = Math.max(0, starts[i] - reach);
    const end = Math.min(limit, ends[i] + reach);
    const last = regions[regions.length - 1];
    if (last !== undefined && start <= last.end) last.end = Math.max(last.end, end);
    else regions.push({ start, end });
  }
  return regions;
}
