/**
 * Label mappings: what another tool's classification or another tenant's label means here.
 *
 * - `customProperty`: a document custom property as Titus or Boldon James write it (for example
 *   `Information Classification` = `General`, or a `TitusGUID` next to it), matched by name and an
 *   exact value or a regular expression — the role of AIP's `labelByCustomProperties`.
 * - `partnerLabel`: a partner tenant's label GUID (its SiteId and label id) → one of our labels.
 *
 * `mapForeignLabel` is the one reading rule the scanner, `inspect` and the add-in share
 * (docs/coexistence.md): our own label wins; otherwise the first mapping that matches a partner
 * label; otherwise the first mapping that matches a custom property. Mappings never write anything.
 */
import { z } from "zod";
import { guidSchema } from "./guidSchema";
import { shortId } from "./ids";
import type { PolicyIssue } from "./validate";

/** Longest property value a pattern is tested against: Office's own limit for a property value. */
export const MAPPING_VALUE_LIMIT = 255;

const ruleName = z.string().min(1).max(120).optional();

export const customPropertyMappingSchema = z
  .object({
    type: z.literal("customProperty"),
    /** Shown in reports next to the mapped label. */
    name: ruleName,
    /** The custom property's name, matched case-insensitively. */
    property: z.string().trim().min(1).max(255),
    /** The exact value (case-insensitive, surrounding spaces ignored)… */
    value: z.string().max(255).optional(),
    /** …or a JavaScript regular expression tested case-insensitively. */
    pattern: z.string().min(1).max(255).optional(),
    labelId: guidSchema,
  })
  .strict();

export const partnerLabelMappingSchema = z
  .object({
    type: z.literal("partnerLabel"),
    name: ruleName,
    /** The partner tenant's id, as its labels carry it in SiteId. */
    siteId: guidSchema,
    partnerLabelId: guidSchema,
    labelId: guidSchema,
  })
  .strict();

export const labelMappingSchema = z.discriminatedUnion("type", [
  customPropertyMappingSchema,
  partnerLabelMappingSchema,
]);
export const labelMappingsSchema = z.array(labelMappingSchema).max(200);

export type CustomPropertyMapping = z.infer<typeof customPropertyMappingSchema>;
export type PartnerLabelMapping = z.infer<typeof partnerLabelMappingSchema>;
export type LabelMapping = z.infer<typeof labelMappingSchema>;

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

const NO_REGEX = null;
const compiled = new WeakMap<CustomPropertyMapping, RegExp | null>();

function compile(pattern: string): RegExp | string {
  try {
    return new RegExp(pattern, "i");
  } catch (err) {
    return (err as Error).message;
  }
}

function regexOf(mapping: CustomPropertyMapping): RegExp | null {
  if (mapping.pattern === undefined) return NO_REGEX;
  let re = compiled.get(mapping);
  if (re === undefined) {
    const made = compile(mapping.pattern);
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

/** What the referential check needs to know about a label. */
export interface MappingTarget {
  isActive: boolean;
  isParent: boolean;
}

/** The rules a schema cannot express: a usable pattern, one of value/pattern, an appliable target. */
export function checkLabelMappings(
  mappings: readonly LabelMapping[],
  siteId: string,
  targetOf: (labelId: string) => MappingTarget | undefined,
): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const seen = new Map<string, number>();
  mappings.forEach((m, i) => {
    const at = `labelMappings[${i}]`;
    const add = (path: string, rule: string, message: string) => issues.push({ path, rule, message });
    let key: string;
    if (m.type === "customProperty") {
      if ((m.value === undefined) === (m.pattern === undefined))
        add(at, "mapping-match", "give either value (an exact match) or pattern (a regular expression)");
      if (m.pattern !== undefined) {
        const made = compile(m.pattern);
        if (typeof made === "string")
          add(`${at}.pattern`, "bad-pattern", `is not a valid regular expression: ${made}`);
      }
      if (/^msip_label_/i.test(m.property))
        add(
          `${at}.property`,
          "sensitivity-label-property",
          "MSIP_Label_ properties are sensitivity labels and are read as such; map another tenant's label with type partnerLabel",
        );
      key = `p:${m.property.toLowerCase()}:${(m.value ?? `/${m.pattern ?? ""}/`).trim().toLowerCase()}`;
    } else {
      if (m.siteId === siteId)
        add(`${at}.siteId`, "own-tenant", "is this tenant's own id; a partner mapping names another tenant");
      key = `l:${m.siteId}:${m.partnerLabelId}`;
    }
    const earlier = seen.get(key);
    if (earlier !== undefined)
      add(at, "duplicate-mapping", `matches the same thing as labelMappings[${earlier}], which wins`);
    else seen.set(key, i);
    const target = targetOf(m.labelId);
    if (!target) add(`${at}.labelId`, "unknown-label", `label ${m.labelId} does not exist`);
    else if (target.isParent)
      add(
        `${at}.labelId`,
        "parent-not-appliable",
        `label ${shortId(m.labelId)} is a parent with sublabels; map to a sublabel`,
      );
    else if (!target.isActive)
      add(`${at}.labelId`, "inactive-label", `label ${shortId(m.labelId)} is not active`);
  });
  return issues;
}
