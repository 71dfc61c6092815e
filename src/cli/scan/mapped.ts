/**
 * `inspect` and `scan` through the tenant's label mappings (core/policy/mapping.ts): what the file
 * carries as found (the original) and our label it means (the mapped label). Another tool's
 * classification property or a partner tenant's label reads as unlabeled unless a mapping says so.
 */
import type { CustomProperty, LabelRecord } from "../../core/metadata";
import { type EffectivePolicy, type OriginalLabel, mapForeignLabel } from "../../core/policy";
import { fullLabelName } from "./policyUse";

export interface MappedLabelReport {
  original: OriginalLabel | null;
  /** The original in words: `Information Classification = General`, `label … of tenant …`. */
  originalText: string;
  mapped: {
    labelId: string;
    displayName: string | null;
    via: "own" | "partnerLabel" | "customProperty";
    mappingName: string | null;
  } | null;
}

function describe(original: OriginalLabel | null, labels: readonly LabelRecord[]): string {
  if (original === null) return "";
  if (original.kind === "customProperty") return `${original.property} = ${original.value}`;
  const name = labels.find((l) => l.labelId === original.labelId && l.siteId === original.siteId)?.name;
  return `${name ? `${name} ` : ""}(label ${original.labelId} of tenant ${original.siteId})`;
}

/** Null without a policy: mappings are the tenant's, and so is "our" label. */
export function mappedLabelOf(
  labels: readonly LabelRecord[],
  properties: readonly CustomProperty[],
  policy: EffectivePolicy | null,
): MappedLabelReport | null {
  if (!policy) return null;
  const others = properties.filter((p) => !/^msip_label_/i.test(p.name));
  const result = mapForeignLabel({ labels, properties: others }, policy.labelMappings, policy.siteId);
  return {
    original: result.original,
    originalText: describe(result.original, labels),
    mapped: result.mapped && {
      labelId: result.mapped.labelId,
      displayName: fullLabelName(policy, result.mapped.labelId),
      via: result.mapped.via,
      mappingName: result.mapped.mappingName,
    },
  };
}

/** The mapped label as the scanner's decision sees it: a classification someone made, kept. */
export function mappedForDecision(
  report: MappedLabelReport | null,
): { labelId: string; method: "Privileged" } | null {
  if (!report?.mapped || report.mapped.via === "own") return null;
  return { labelId: report.mapped.labelId, method: "Privileged" };
}
