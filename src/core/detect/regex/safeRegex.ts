/**
 * An admin's pattern made safe to run on any text: parsed (refusing what cannot run exactly),
 * checked (refusing repetitions of empty matches and unbounded lookarounds), then run natively
 * when its worst-case backtracking per position is small, and on the linear-time engine otherwise.
 * Either way the work per character is bounded by the pattern, never by the text.
 */
import { complementRanges, type Node, normalizeRanges, setMatches } from "./ast";
import {
  backtrackCost,
  checkRunnable,
  lengthRange,
  NATIVE_COST_LIMIT,
  onlyLeadingLookbehind,
} from "./analyse";
import { emitSource, splitLeadingLookbehinds } from "./emit";
import { parsePattern, PatternError } from "./parse";
import { MAX_MATCH_LENGTH, PikeMatcher } from "./pike";

export interface SafePattern {
  /** `native`: JavaScript's engine (cheap pattern); `linear`: the Pike engine. */
  readonly engine: "native" | "linear";
  /** Longest match (MAX_MATCH_LENGTH for the linear engine's unbounded patterns). */
  readonly maxLength: number;
  /**
   * Calls `visit(start, end)` for each match in [0, end) of `text`, left to right, not
   * overlapping; stops when `visit` returns false.
   */
  forEach(text: string, end: number, visit: (start: number, end: number) => boolean): void;
}

export type SafePatternResult = { ok: true; pattern: SafePattern } | { ok: false; reason: string };

/** Characters that can begin a match, or null when a match can begin anywhere (or be empty). */
function firstChars(node: Node): { ranges: number[]; nullable: boolean } {
  switch (node.t) {
    case "set":
      // A superset is enough here: these only let the linear engine skip hopeless positions.
      return { ranges: node.negate ? complementRanges(node.ranges) : node.ranges, nullable: false };
    case "assert":
    case "look":
      return { ranges: [], nullable: true };
    case "seq": {
      const acc: number[] = [];
      for (const item of node.items) {
        const f = firstChars(item);
        acc.push(...f.ranges);
        if (!f.nullable) return { ranges: normalizeRanges(acc), nullable: false };
      }
      return { ranges: normalizeRanges(acc), nullable: true };
    }
    case "alt": {
      const acc: number[] = [];
      let nullable = false;
      for (const alt of node.alts) {
        const f = firstChars(alt);
        acc.push(...f.ranges);
        nullable = nullable || f.nullable;
      }
      return { ranges: normalizeRanges(acc), nullable };
    }
    case "repeat": {
      const f = firstChars(node.body);
      return { ranges: f.ranges, nullable: f.nullable || node.min === 0 };
    }
  }
}

function nativePattern(node: Node, ignoreCase: boolean, maxLength: number): SafePattern {
  const { behind, rest } = splitLeadingLookbehinds(node);
  const regex = new RegExp(emitSource(rest), ignoreCase ? "gi" : "g");
  const mayStartAt = (text: string, at: number): boolean =>
    behind.every(
      ({ set, negate }) =>
        (at > 0 && setMatches(set.ranges, set.negate, text.charCodeAt(at - 1), ignoreCase)) !== negate,
    );
  return nativeSafePattern(regex, maxLength, mayStartAt);
}

/**
 * A global regex JavaScript runs safely (bounded cost per position) as a SafePattern;
 * `mayStartAt` rejects a start after the fact (a lookbehind done in code).
 */
export function nativeSafePattern(
  regex: RegExp,
  maxLength: number,
  mayStartAt?: (text: string, at: number) => boolean,
): SafePattern {
  return {
    engine: "native",
    maxLength,
    forEach(text, end, visit) {
      const scanned = end === text.length ? text : text.slice(0, end);
      regex.lastIndex = 0;
      for (let m = regex.exec(scanned); m !== null; m = regex.exec(scanned)) {
        if (mayStartAt && !mayStartAt(scanned, m.index)) {
          // The lookbehind fails here, so no match starts here at all: look from the next position.
          regex.lastIndex = m.index + 1;
          continue;
        }
        if (m[0].length === 0) regex.lastIndex++;
        if (!visit(m.index, m.index + m[0].length)) return;
      }
    },
  };
}

function linearPattern(node: Node, ignoreCase: boolean, maxLength: number): SafePattern {
  const f = firstChars(node);
  const matcher = new PikeMatcher(node, ignoreCase, f.nullable ? null : f.ranges);
  return {
    engine: "linear",
    maxLength: Math.min(maxLength, MAX_MATCH_LENGTH),
    forEach(text, end, visit) {
      for (let from = 0; from <= end;) {
        const m = matcher.exec(text, from, end);
        if (m === null || !visit(m[0], m[1])) return;
        from = m[1] > m[0] ? m[1] : m[1] + 1;
      }
    },
  };
}

/** Compiles `source` (an admin's or a rule package's pattern), or says why it cannot run. */
export function compileSafePattern(
  source: string,
  options: { ignoreCase?: boolean; /** Tests and benchmarks compare the engines. */ engine?: "linear" } = {},
): SafePatternResult {
  try {
    const parsed = parsePattern(source);
    checkRunnable(parsed.node);
    const ignoreCase = parsed.ignoreCase || options.ignoreCase === true;
    const [min, max] = lengthRange(parsed.node);
    if (min === 0)
      return { ok: false, reason: "the pattern can match empty text, so it would be found everywhere" };
    const native =
      options.engine !== "linear" &&
      max !== Infinity &&
      onlyLeadingLookbehind(parsed.node) &&
      backtrackCost(parsed.node).steps <= NATIVE_COST_LIMIT;
    const pattern = native
      ? nativePattern(parsed.node, ignoreCase, max)
      : linearPattern(parsed.node, ignoreCase, max);
    return { ok: true, pattern };
  } catch (error) {
    if (error instanceof PatternError) return { ok: false, reason: error.message };
    if (error instanceof RangeError)
      return { ok: false, reason: "the pattern is too large once its repetitions are expanded" };
    throw error;
  }
}
