/**
 * The reading rule of label mappings (mapping.ts), without zod: the Outlook event bundle maps an
 * attachment's label at send time and must stay ES2016 and small, so the matcher lives apart from
 * the schemas. `mapForeignLabel` is the one rule the scanner, `inspect` and the add-in share
 * (docs/coexistence.md): our own label wins; otherwise the first mapping that matches a partner
 * label; otherwise the first mapping that matches a custom property. Mappings never write anything.
 */
import type { CustomPropertyMapping, LabelMapping } from "./mapping";

/** Longest property value a pattern is tested against: Office's own limit for a property value. */
export const MAPPING_VALUE_LIMIT = 255;

/** A label a reader found on the item (LabelInfo.xml, custom properties, mail headers). */
export interface LabelRead {
  labelId: string;
  siteId: string;
  enabled?: boolean;
  removed?: boolean;
}

/** What the reader found: labels in effect and the item's other name/value properties. */
export interface ForeignLabelInput {
  labels: readonly LabelRead[];
  properties: readonly { name: string; value: string }[];
}

export type OriginalLabel =
  | { kind: "label"; labelId: string; siteId: string; ours: boolean }
  | { kind: "customProperty"; property: string; value: string };

export interface MappedLabel {
  /** Our label. */
  labelId: string;
  via: "own" | "partnerLabel" | "customProperty";
  /** Index in the tenant's `labelMappings`; null for our own label. */
  mapping: number | null;
  mappingName: string | null;
}

export interface ForeignLabelResult {
  /** What the item carries, as found; null when it carries nothing we read. */
  original: OriginalLabel | null;
  /** Our label it means; null when neither our label nor a mapping applies. */
  mapped: MappedLabel | null;
}

/** A mapping's pattern as a case-insensitive RegExp, or the engine's message when it does not compile. */
export function compileMappingPattern(pattern: string): RegExp | string {
  try {
    return new RegExp(pattern, "i");
  } catch (err) {
    return (err as Error).message;
  }
}

const compiled = new WeakMap<CustomPropertyMapping, RegExp | null>();

function regexOf(mapping: CustomPropertyMapping): RegExp | null {
  if (mapping.pattern === undefined) return null;
  let re = compiled.get(mapping);
  if (re === undefined) {
    const made = compileMappingPattern(mapping.pattern);
    re = typeof made === "string" ? null : made;
    compiled.set(mapping, re);
  }
  return re;
}

function propertyMatches(mapping: CustomPropertyMapping, name: string, value: string): boolean {
  if (name.trim().toLowerCase() !== mapping.property.toLowerCase()) return false;
  if (mapping.value !== undefined) return value.trim().toLowerCase() === mapping.value.trim().toLowerCase();
  if (value.length > MAPPING_VALUE_LIMIT) return false;
  const re = regexOf(mapping);
  return re !== null && re.test(value);
}

const inEffect = (l: LabelRead) => l.enabled !== false && l.removed !== true;

/** The reading rule: our label, else a mapped partner label, else a mapped custom property. */
export function mapForeignLabel(
  read: ForeignLabelInput,
  mappings: readonly LabelMapping[] | undefined,
  siteId: string,
): ForeignLabelResult {
  const labels = read.labels.filter(inEffect);
  const own = labels.find((l) => l.siteId === siteId);
  if (own)
    return {
      original: { kind: "label", labelId: own.labelId, siteId, ours: true },
      mapped: { labelId: own.labelId, via: "own", mapping: null, mappingName: null },
    };
  const list = mappings ?? [];
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (m.type !== "partnerLabel") continue;
    const hit = labels.find((l) => l.siteId === m.siteId && l.labelId === m.partnerLabelId);
    if (hit)
      return {
        original: { kind: "label", labelId: hit.labelId, siteId: hit.siteId, ours: false },
        mapped: { labelId: m.labelId, via: "partnerLabel", mapping: i, mappingName: m.name ?? null },
      };
  }
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (m.type !== "customProperty") continue;
    const hit = read.properties.find((p) => propertyMatches(m, p.name, p.value));
    if (hit)
      return {
        original: { kind: "customProperty", property: hit.name, value: hit.value },
        mapped: { labelId: m.labelId, via: "customProperty", mapping: i, mappingName: m.name ?? null },
      };
  }
  const partner = labels[0];
  return {
    original: partner
      ? { kind: "label", labelId: partner.labelId, siteId: partner.siteId, ours: false }
      : null,
    mapped: null,
  };
}
