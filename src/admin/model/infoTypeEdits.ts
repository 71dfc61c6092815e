/**
 * Edits of the tenant's custom information types (`infoTypes`) as the console makes them, and the
 * names conditions show for a type, built-in or custom. Pure: the draft in, the draft out.
 */
import { SENSITIVE_INFO_TYPES } from "../../core/detect/catalog";
import type { CustomInfoType, InfoTypeElement, InfoTypePattern } from "../../core/policy/infoTypes";
import type { TenantPolicy } from "../../core/policy";

export type ElementKind = InfoTypeElement["kind"];

export function withInfoTypes(draft: TenantPolicy, infoTypes: CustomInfoType[]): TenantPolicy {
  return { ...draft, infoTypes };
}

export function updateInfoType(
  draft: TenantPolicy,
  id: string,
  change: (type: CustomInfoType) => CustomInfoType,
): TenantPolicy {
  return withInfoTypes(
    draft,
    draft.infoTypes.map((t) => (t.id === id ? change(t) : t)),
  );
}

/** A type that runs as it is: one regex element, one pattern at the recommended level. */
export function newInfoType(existing: readonly CustomInfoType[], id: string): CustomInfoType {
  const names = new Set(existing.map((t) => t.name));
  let n = existing.length + 1;
  while (names.has(`Information type ${n}`)) n++;
  return {
    id,
    name: `Information type ${n}`,
    description: "",
    proximity: 300,
    recommendedConfidence: 75,
    elements: [{ id: "id", kind: "regex", pattern: "\\b[A-Z]{2}-\\d{6}\\b", ignoreCase: false }],
    patterns: [{ confidence: 75, idMatch: "id", matches: [], any: [] }],
  };
}

function freeId(elements: readonly InfoTypeElement[], base: string): string {
  const ids = new Set(elements.map((e) => e.id));
  if (!ids.has(base)) return base;
  let n = 2;
  while (ids.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}

export function newElement(kind: ElementKind, elements: readonly InfoTypeElement[]): InfoTypeElement {
  if (kind === "regex")
    return { id: freeId(elements, "pattern"), kind, pattern: "\\b\\d{8}\\b", ignoreCase: false };
  if (kind === "keywords")
    return {
      id: freeId(elements, "keywords"),
      kind,
      terms: ["number"],
      matchStyle: "word",
      caseSensitive: false,
    };
  return { id: freeId(elements, "function"), kind, name: "Func_eu_date" };
}

/** A pattern built on the type's first element, one level below the highest so far. */
export function newPattern(type: CustomInfoType): InfoTypePattern {
  const highest = Math.max(0, ...type.patterns.map((p) => p.confidence));
  const confidence = highest === 0 ? 75 : Math.min(100, highest + 10);
  return { confidence, idMatch: type.elements[0]?.id ?? "", matches: [], any: [] };
}

function renameRef(pattern: InfoTypePattern, from: string, to: string): InfoTypePattern {
  const ref = (r: string) => (r === from ? to : r);
  return {
    ...pattern,
    idMatch: ref(pattern.idMatch),
    matches: pattern.matches.map((m) => ({ ...m, ref: ref(m.ref) })),
    any: pattern.any.map((g) => ({ ...g, matches: g.matches.map((m) => ({ ...m, ref: ref(m.ref) })) })),
  };
}

/** Replaces element `index`; a new id is followed by the patterns that referred to the old one. */
export function replaceElement(type: CustomInfoType, index: number, next: InfoTypeElement): CustomInfoType {
  const before = type.elements[index];
  const elements = type.elements.map((e, i) => (i === index ? next : e));
  const renamed = before !== undefined && before.id !== next.id;
  return {
    ...type,
    elements,
    patterns: renamed ? type.patterns.map((p) => renameRef(p, before.id, next.id)) : type.patterns,
  };
}

/** What a condition's type dropdown offers: the built-in catalog, then the tenant's own types. */
export function conditionTypeChoices(
  infoTypes: readonly CustomInfoType[],
): Array<{ value: string; text: string }> {
  return [
    ...SENSITIVE_INFO_TYPES.map((t) => ({ value: t.id, text: t.name })),
    ...infoTypes.map((t) => ({ value: t.id, text: `${t.name} (custom)` })),
  ];
}

export function infoTypeName(infoTypes: readonly CustomInfoType[], id: string): string {
  const wanted = id.trim().toLowerCase();
  return (
    SENSITIVE_INFO_TYPES.find((t) => t.id === wanted)?.name ??
    infoTypes.find((t) => t.id === wanted)?.name ??
    id
  );
}

/**
 * The confidence levels a condition may ask for: Purview's low, medium and high, our 95 for a
 * labelled number, and the levels a custom type's patterns give.
 */
export function confidenceChoices(
  infoTypes: readonly CustomInfoType[],
  sitId: string,
): Array<{ value: string; text: string }> {
  const standard = [
    { value: "65", text: "Low (65)" },
    { value: "75", text: "Medium (75)" },
    { value: "85", text: "High (85)" },
    { value: "95", text: "Labelled (95)" },
  ];
  const custom = infoTypes.find((t) => t.id === sitId.trim().toLowerCase());
  if (!custom) return standard;
  const levels = [...new Set(custom.patterns.map((p) => p.confidence))].sort((a, b) => a - b);
  return levels.map((l) => ({ value: String(l), text: `Pattern level ${l}` }));
}
