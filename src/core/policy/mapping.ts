/**
 * Label mappings: what another tool's classification or another tenant's label means here.
 *
 * - `customProperty`: a document custom property as Titus or Boldon James write it (for example
 *   `Information Classification` = `General`, or a `TitusGUID` next to it), matched by name and an
 *   exact value or a regular expression — the role of AIP's `labelByCustomProperties`.
 * - `partnerLabel`: a partner tenant's label GUID (its SiteId and label id) → one of our labels.
 *
 * The reading rule itself, `mapForeignLabel`, is in mapForeign.ts (zod-free, for the event bundle).
 */
import { z } from "zod";
import { guidSchema } from "./guidSchema";
import { shortId } from "./ids";
import type { PolicyIssue } from "./validate";
import { compileMappingPattern } from "./mapForeign";

export * from "./mapForeign";

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
        const made = compileMappingPattern(m.pattern);
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
