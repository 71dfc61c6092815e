/**
 * A parsed pattern written back as an ES2016 regex source for the native engine. Leading
 * one-character lookbehinds (`(?<![0-9])…`, common in rule packages) are not written: classic
 * Outlook's runtime has no lookbehind, so they come back as a start check done in code.
 */
import type { Node } from "./ast";

function unit(code: number): string {
  // Not padStart: the event bundle runs on ES2016.
  return `\\u${("000" + code.toString(16)).slice(-4)}`;
}

function setSource(ranges: readonly number[], negate: boolean | undefined): string {
  let body = "";
  for (let i = 0; i < ranges.length; i += 2)
    body += ranges[i] === ranges[i + 1] ? unit(ranges[i]) : `${unit(ranges[i])}-${unit(ranges[i + 1])}`;
  if (body === "") return negate ? "[\\s\\S]" : "[^\\s\\S]";
  return `[${negate ? "^" : ""}${body}]`;
}

function quantifier(min: number, max: number): string {
  if (min === 0 && max === 1) return "?";
  if (max === Infinity) return min === 0 ? "*" : min === 1 ? "+" : `{${min},}`;
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

export function emitSource(node: Node): string {
  switch (node.t) {
    case "set":
      return setSource(node.ranges, node.negate);
    case "seq":
      return node.items.map((n) => `(?:${emitSource(n)})`).join("");
    case "alt":
      return node.alts.map(emitSource).join("|");
    case "repeat":
      return `(?:${emitSource(node.body)})${quantifier(node.min, node.max)}${node.greedy ? "" : "?"}`;
    case "assert":
      return { start: "^", end: "$", word: "\\b", notWord: "\\B" }[node.kind];
    case "look":
      // Lookaheads only: emitNative takes lookbehinds off first.
      return `(?${node.negate ? "!" : "="}${emitSource(node.body)})`;
  }
}

/** The leading lookbehinds taken off, and the source of the rest. */
export function splitLeadingLookbehinds(node: Node): {
  behind: Array<{ set: Extract<Node, { t: "set" }>; negate: boolean }>;
  rest: Node;
} {
  const items = node.t === "seq" ? node.items : [node];
  const behind: Array<{ set: Extract<Node, { t: "set" }>; negate: boolean }> = [];
  let i = 0;
  for (; i < items.length; i++) {
    const item = items[i];
    if (item.t !== "look" || !item.behind || item.body.t !== "set") break;
    behind.push({ set: item.body, negate: item.negate });
  }
  return { behind, rest: { t: "seq", items: items.slice(i) } };
}
