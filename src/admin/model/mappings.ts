/**
 * Editing the tenant's label mappings (core/policy/mapping.ts): new records, switching a custom
 * property mapping between an exact value and a pattern, and order — the first match wins.
 */
import type { CustomPropertyMapping, LabelMapping, TenantPolicy } from "../../core/policy";

export type MatchKind = "value" | "pattern";

/** Titus writes `Information Classification`; the admin names the value and the label. */
export function newCustomPropertyMapping(): CustomPropertyMapping {
  return { type: "customProperty", property: "", value: "", labelId: "" };
}

export function newPartnerLabelMapping(): LabelMapping {
  return { type: "partnerLabel", siteId: "", partnerLabelId: "", labelId: "" };
}

export function matchOf(mapping: CustomPropertyMapping): MatchKind {
  return mapping.pattern !== undefined && mapping.value === undefined ? "pattern" : "value";
}

/** The same text, now read as the other kind of match (an exact value becomes a pattern, or back). */
export function withMatch(mapping: CustomPropertyMapping, kind: MatchKind): CustomPropertyMapping {
  const text = mapping.value ?? mapping.pattern ?? "";
  const { value: _value, pattern: _pattern, ...rest } = mapping;
  return kind === "value" ? { ...rest, value: text } : { ...rest, pattern: text };
}

/** The match text: an exact value may be empty, a pattern may not (validation says so at the field). */
export function withMatchText(mapping: CustomPropertyMapping, text: string): CustomPropertyMapping {
  return matchOf(mapping) === "value"
    ? { ...mapping, value: text }
    : { ...mapping, pattern: text === "" ? undefined : text };
}

/** An optional text field: empty means absent (the schema refuses an empty name). */
export const optionalText = (text: string): string | undefined => (text.trim() === "" ? undefined : text);

/** The item at `index` moved one place up (-1) or down (+1); null when it cannot move. */
export function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] | null {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return null;
  const next = [...list];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** The document with these mappings; none at all leaves the field out rather than an empty list. */
export function withMappings(policy: TenantPolicy, mappings: LabelMapping[]): TenantPolicy {
  const { labelMappings: _old, ...rest } = policy;
  return mappings.length === 0 ? rest : { ...rest, labelMappings: mappings };
}
