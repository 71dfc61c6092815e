/**
 * What a parsed pattern can cost. A pattern is refused when it could make any engine misbehave
 * (a repetition of something that can match nothing, an unbounded or variable-length lookaround);
 * otherwise its worst-case backtracking work per start position decides the engine: cheap patterns
 * run as native regexes, the rest on the linear-time engine (pike.ts).
 */
import type { Node } from "./ast";
import { PatternError } from "./parse";

/** Longest text a lookaround may inspect. */
export const MAX_LOOK_LENGTH = 255;
/** Backtracking steps per start position up to which the native engine is used. */
export const NATIVE_COST_LIMIT = 256;

const CAP = 1e12;
const sat = (n: number): number => (n > CAP ? CAP : n);

export function lengthRange(node: Node): [number, number] {
  switch (node.t) {
    case "set":
      return [1, 1];
    case "assert":
    case "look":
      return [0, 0];
    case "seq": {
      let min = 0;
      let max = 0;
      for (const item of node.items) {
        const [a, b] = lengthRange(item);
        min += a;
        max += b;
      }
      return [min, max];
    }
    case "alt": {
      let min = Infinity;
      let max = 0;
      for (const alt of node.alts) {
        const [a, b] = lengthRange(alt);
        min = Math.min(min, a);
        max = Math.max(max, b);
      }
      return [min, max];
    }
    case "repeat": {
      const [a, b] = lengthRange(node.body);
      return [a * node.min, node.max === Infinity ? (b === 0 ? 0 : Infinity) : b * node.max];
    }
  }
}

/**
 * Refuses what no engine here runs safely: a repeated part that can match nothing (`(a*)*`,
 * where a backtracking engine explodes and iteration rules differ between engines), and a
 * lookaround that is unbounded, longer than MAX_LOOK_LENGTH or — looking behind — not of one
 * fixed length.
 */
export function checkRunnable(node: Node, at = 0): void {
  switch (node.t) {
    case "seq":
      node.items.forEach((n) => checkRunnable(n, at));
      return;
    case "alt":
      node.alts.forEach((n) => checkRunnable(n, at));
      return;
    case "repeat":
      if (node.max > 1 && lengthRange(node.body)[0] === 0)
        throw new PatternError(
          "a repeated part can match nothing, so the repetition can loop without consuming text (catastrophic backtracking)",
          at,
        );
      checkRunnable(node.body, at);
      return;
    case "look": {
      const [min, max] = lengthRange(node.body);
      if (max > MAX_LOOK_LENGTH)
        throw new PatternError(
          `a lookaround may look at most ${MAX_LOOK_LENGTH} characters ahead or behind`,
          at,
        );
      if (node.behind && min !== max)
        throw new PatternError("a lookbehind must always match the same number of characters", at);
      checkRunnable(node.body, at);
      return;
    }
    default:
      return;
  }
}

interface Cost {
  /** Distinct ways the node can match at one position (paths a backtracking engine may try). */
  ways: number;
  /** Upper bound of the steps a backtracking engine spends on the node at one position. */
  steps: number;
}

function optional(x: Cost): Cost {
  return { ways: sat(x.ways + 1), steps: sat(x.steps + 1) };
}

function then(a: Cost, b: Cost): Cost {
  return { ways: sat(a.ways * b.ways), steps: sat(a.steps + a.ways * b.steps) };
}

/**
 * Worst-case backtracking work of `node` at one start position: every way the first part can
 * match retries everything after it. Unbounded repetition costs CAP (it is never native).
 */
export function backtrackCost(node: Node): Cost {
  switch (node.t) {
    case "set":
    case "assert":
      return { ways: 1, steps: 1 };
    case "look":
      return { ways: 1, steps: backtrackCost(node.body).steps };
    case "seq":
      return node.items.reduce((acc, item) => then(acc, backtrackCost(item)), { ways: 1, steps: 0 });
    case "alt":
      return node.alts.reduce(
        (acc, alt) => {
          const c = backtrackCost(alt);
          return { ways: sat(acc.ways + c.ways), steps: sat(acc.steps + c.steps) };
        },
        { ways: 0, steps: 0 },
      );
    case "repeat": {
      if (node.max === Infinity) return { ways: CAP, steps: CAP };
      const body = backtrackCost(node.body);
      let acc: Cost = { ways: 1, steps: 0 };
      for (let i = 0; i < node.min && acc.steps < CAP; i++) acc = then(acc, body);
      // Optional copies nest: X(X(X)?)?)? — the tail is built from the inside out.
      let tail: Cost = { ways: 1, steps: 0 };
      for (let i = node.min; i < node.max && tail.steps < CAP; i++) tail = optional(then(body, tail));
      return then(acc, tail);
    }
  }
}

/** True when every lookbehind is a one-character class at the very start of the pattern. */
export function onlyLeadingLookbehind(node: Node): boolean {
  const items = node.t === "seq" ? node.items : [node];
  let leading = true;
  const inner = (n: Node): boolean => {
    if (n.t === "look") return !n.behind && inner(n.body);
    if (n.t === "seq") return n.items.every(inner);
    if (n.t === "alt") return n.alts.every(inner);
    if (n.t === "repeat") return inner(n.body);
    return true;
  };
  for (const item of items) {
    if (item.t === "look" && item.behind) {
      if (!leading || item.body.t !== "set") return false;
      continue;
    }
    leading = false;
    if (!inner(item)) return false;
  }
  return true;
}
