/**
 * The parsed form of an admin's pattern. Character sets are sorted, merged code-unit ranges
 * [lo0, hi0, lo1, hi1, …]; a negated class `[^…]` keeps its ranges and a flag, because under
 * case-insensitive matching JavaScript folds the class first and negates after.
 */

export type Node =
  | { t: "set"; ranges: number[]; negate?: boolean }
  | { t: "seq"; items: Node[] }
  | { t: "alt"; alts: Node[] }
  | { t: "repeat"; body: Node; min: number; max: number; greedy: boolean }
  | { t: "assert"; kind: "start" | "end" | "word" | "notWord" }
  | { t: "look"; behind: boolean; negate: boolean; body: Node };

export interface ParsedPattern {
  node: Node;
  /** `(?i)` at the very start, or the caller's flag. */
  ignoreCase: boolean;
}

/** Highest code unit. */
export const MAX_UNIT = 0xffff;

/** Sorts and merges [lo, hi] pairs. */
export function normalizeRanges(pairs: number[]): number[] {
  const list: Array<[number, number]> = [];
  for (let i = 0; i < pairs.length; i += 2) list.push([pairs[i], pairs[i + 1]]);
  list.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of list) {
    const last = out.length - 1;
    if (last > 0 && lo <= out[last] + 1) out[last] = Math.max(out[last], hi);
    else out.push(lo, hi);
  }
  return out;
}

export function complementRanges(ranges: number[]): number[] {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i] > next) out.push(next, ranges[i] - 1);
    next = ranges[i + 1] + 1;
  }
  if (next <= MAX_UNIT) out.push(next, MAX_UNIT);
  return out;
}

/** Whether `code` lies in the ranges (binary search: classes can be long). */
export function inRanges(ranges: readonly number[], code: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (code < ranges[2 * mid]) hi = mid - 1;
    else if (code > ranges[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

// The classes JavaScript gives \d, \w and \s (so the native and the linear engines agree).
export const DIGIT = [0x30, 0x39];
export const WORD = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
export const SPACE = normalizeRanges([
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f,
  0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
]);
/** `.`: anything but a line terminator. */
export const DOT = complementRanges([0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029]);

export function isWordCode(code: number): boolean {
  return inRanges(WORD, code);
}

/** Whether one code unit matches a set, folding case as JavaScript's non-Unicode `i` flag does. */
export function setMatches(
  ranges: readonly number[],
  negate: boolean | undefined,
  c: number,
  ignoreCase: boolean,
): boolean {
  let found = inRanges(ranges, c);
  if (!found && ignoreCase) {
    const s = String.fromCharCode(c);
    const lower = s.toLowerCase();
    const upper = s.toUpperCase();
    found =
      (lower.length === 1 && inRanges(ranges, lower.charCodeAt(0))) ||
      (upper.length === 1 && inRanges(ranges, upper.charCodeAt(0)));
  }
  return found !== (negate === true);
}
