/**
 * Where a custom type's elements occur in a text: regexes (run safely, then their checksum),
 * keyword lists and built-in functions, each found once per detection call and kept sorted.
 */
import type { InfoTypeElement } from "../../policy/infoTypes";
import { checksumPasses } from "../checksums";
import { forEachFunctionMatch, type FunctionName } from "../functions";
import { withLeftBoundary } from "../leftBoundary";
import { compileSafePattern, nativeSafePattern, type SafePattern } from "../regex/safeRegex";
import type { SitRule } from "../rules/rule";

export interface Occurrences {
  starts: number[];
  ends: number[];
  /** Longest occurrence, so a window search knows how far back to look. */
  maxLength: number;
}

/** Letters (Latin, with accents) and digits: what may not touch a keyword matched as a word. */
const WORD_CHARS = "0-9A-Za-z\\u00c0-\\u024f";

function keywordPattern(terms: readonly string[], word: boolean, caseSensitive: boolean): SafePattern {
  const alternatives = [...new Set(terms)]
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&").replace(/ /g, "\\s"));
  const flags = caseSensitive ? "g" : "gi";
  const source = word ? `(?:${alternatives.join("|")})(?![${WORD_CHARS}])` : alternatives.join("|");
  const regex = word ? withLeftBoundary(new RegExp(source, flags), WORD_CHARS) : new RegExp(source, flags);
  const maxLength = Math.max(...terms.map((t) => t.length));
  return nativeSafePattern(regex, maxLength);
}

/** Bounds memory on hostile text; far above what any pattern's evidence needs. */
export const MAX_OCCURRENCES = 200_000;

function sortOccurrences(o: Occurrences): Occurrences {
  const order = o.starts.map((_, i) => i).sort((a, b) => o.starts[a] - o.starts[b] || o.ends[a] - o.ends[b]);
  return { starts: order.map((i) => o.starts[i]), ends: order.map((i) => o.ends[i]), maxLength: o.maxLength };
}

export type ElementFinder = (
  text: string,
  scanEnd: number,
  ruleFor: (sitId: string) => SitRule | undefined,
) => Occurrences;

/** A finder for one element, or the reason it cannot run (a pattern that fails the safety checks). */
export function elementFinder(element: InfoTypeElement): ElementFinder | { error: string } {
  let visitAll: (
    text: string,
    end: number,
    ruleFor: (sitId: string) => SitRule | undefined,
    visit: (s: number, e: number) => boolean,
  ) => void;
  if (element.kind === "regex") {
    const compiled = compileSafePattern(element.pattern, { ignoreCase: element.ignoreCase });
    if (!compiled.ok) return { error: compiled.reason };
    const { checksum } = element;
    visitAll = (text, end, _r, visit) =>
      compiled.pattern.forEach(text, end, (s, e) =>
        checksum === undefined || checksumPasses(checksum, text.slice(s, e)) ? visit(s, e) : true,
      );
  } else if (element.kind === "keywords") {
    const pattern = keywordPattern(element.terms, element.matchStyle === "word", element.caseSensitive);
    visitAll = (text, end, _r, visit) => pattern.forEach(text, end, visit);
  } else {
    visitAll = (text, end, ruleFor, visit) =>
      forEachFunctionMatch(element.name as FunctionName, text, end, ruleFor, visit);
  }
  return (text, scanEnd, ruleFor) => {
    const found: Occurrences = { starts: [], ends: [], maxLength: 0 };
    let sorted = true;
    visitAll(text, scanEnd, ruleFor, (s, e) => {
      const last = found.starts.length - 1;
      if (last >= 0 && s < found.starts[last]) sorted = false;
      found.starts.push(s);
      found.ends.push(e);
      if (e - s > found.maxLength) found.maxLength = e - s;
      return found.starts.length < MAX_OCCURRENCES;
    });
    return sorted ? found : sortOccurrences(found);
  };
}
