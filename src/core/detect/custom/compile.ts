/**
 * A custom information type run as Purview runs an entity: every occurrence of a pattern's
 * primary element is an instance at the pattern's confidence when all its Match evidence and its
 * Any groups are found within the window (the pattern's own, else the type's); an occurrence that
 * several patterns accept gets the highest of their levels.
 */
import type { CustomInfoType, InfoTypePattern } from "../../policy/infoTypes";
import { patternRefs } from "./refs";
import { firstAtOrAfter } from "../evidence";
import type { SitRule } from "../rules/rule";
import { elementFinder, type ElementFinder, type Occurrences } from "./elements";

export interface CompiledInfoType {
  id: string;
  name: string;
  /** Elements that cannot run, with the reason (a stored policy saved before a rule tightened). */
  broken: Array<{ element: string; reason: string }>;
  rule: SitRule;
}

/** Occurrences within `window` characters of [start, end), the primary occurrence itself excluded. */
function countNear(
  text: string,
  o: Occurrences,
  start: number,
  end: number,
  window: number,
  unique: boolean,
  enough: number,
): number {
  const seen = unique ? new Set<string>() : undefined;
  let count = 0;
  for (let i = firstAtOrAfter(o.starts, start - window - o.maxLength); i < o.starts.length; i++) {
    if (o.starts[i] > end + window) break;
    if (o.ends[i] < start - window || (o.starts[i] === start && o.ends[i] === end)) continue;
    if (seen) {
      const value = text.slice(o.starts[i], o.ends[i]).toLowerCase();
      if (seen.has(value)) continue;
      seen.add(value);
    }
    if (++count >= enough) return count;
  }
  return count;
}

export function compileInfoType(type: CustomInfoType): CompiledInfoType {
  const finders = new Map<string, ElementFinder>();
  const broken: CompiledInfoType["broken"] = [];
  for (const element of type.elements) {
    const finder = elementFinder(element);
    if (typeof finder === "function") finders.set(element.id, finder);
    else broken.push({ element: element.id, reason: finder.error });
  }
  const runnable = (p: InfoTypePattern): boolean => patternRefs(p).every((ref) => finders.has(ref));
  const patterns = type.patterns.filter(runnable);

  const rule: SitRule = {
    sitId: type.id,
    candidatePattern: /(?:)/g,
    scan(context, emit) {
      const { text, scanEnd } = context;
      const ruleFor = context.ruleFor ?? (() => undefined);
      const cache = new Map<string, Occurrences>();
      const occurrences = (id: string): Occurrences => {
        let o = cache.get(id);
        if (!o) {
          o = finders.get(id)!(text, scanEnd, ruleFor);
          cache.set(id, o);
        }
        return o;
      };
      const best = new Map<string, { start: number; end: number; confidence: number }>();
      for (const pattern of patterns) {
        const window = pattern.proximity ?? type.proximity;
        const primary = occurrences(pattern.idMatch);
        for (let i = 0; i < primary.starts.length; i++) {
          const start = primary.starts[i];
          const end = primary.ends[i];
          const key = `${start}:${end}`;
          if ((best.get(key)?.confidence ?? 0) >= pattern.confidence) continue;
          const found = (m: { ref: string; minCount: number; uniqueResults: boolean }) =>
            countNear(text, occurrences(m.ref), start, end, window, m.uniqueResults, m.minCount) >=
            m.minCount;
          if (!pattern.matches.every(found)) continue;
          const groupsHold = pattern.any.every((group) => {
            const hits = group.matches.filter(found).length;
            return hits >= group.minMatches && (group.maxMatches === undefined || hits <= group.maxMatches);
          });
          if (groupsHold) best.set(key, { start, end, confidence: pattern.confidence });
        }
      }
      const instances = [...best.values()].sort((a, b) => a.start - b.start || a.end - b.end);
      for (const i of instances) if (!emit(i.start, i.end, i.confidence)) return;
    },
  };
  return { id: type.id, name: type.name, broken, rule };
}
