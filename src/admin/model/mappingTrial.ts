/**
 * The label mappings' "try it" box: what a custom property (name and value) or a label GUID read in
 * a file means here, by the same reading rule the scanner and the add-in use (mapForeignLabel).
 */
import {
  isGuid,
  mapForeignLabel,
  normalizeGuid,
  type ForeignLabelInput,
  type TenantPolicy,
} from "../../core/policy";
import { labelText } from "./labelNames";

export type MappingTrial =
  | { kind: "property"; name: string; value: string }
  /** `siteId` empty: the GUID is taken as this tenant's own. */
  | { kind: "label"; siteId: string; labelId: string };

export interface TrialAnswer {
  /** `mapped`: a mapping gives our label; `own`: the tenant's own label; `none`: no label here. */
  outcome: "mapped" | "own" | "none" | "invalid";
  text: string;
  /** Our label, when there is one. */
  labelId: string | null;
  /** 0-based index of the mapping that matched. */
  mapping: number | null;
}

const invalid = (text: string): TrialAnswer => ({ outcome: "invalid", text, labelId: null, mapping: null });

function readOf(trial: MappingTrial, siteId: string): ForeignLabelInput | TrialAnswer {
  if (trial.kind === "property") {
    if (trial.name.trim() === "") return invalid("Type the custom property's name.");
    return { labels: [], properties: [{ name: trial.name, value: trial.value }] };
  }
  const labelId = normalizeGuid(trial.labelId);
  const site = trial.siteId.trim() === "" ? siteId : normalizeGuid(trial.siteId);
  if (!isGuid(labelId)) return invalid(`'${trial.labelId.trim()}' is not a label GUID.`);
  if (!isGuid(site)) return invalid(`'${trial.siteId.trim()}' is not a tenant id (a GUID).`);
  return { labels: [{ labelId, siteId: site }], properties: [] };
}

export function tryMapping(trial: MappingTrial, policy: TenantPolicy): TrialAnswer {
  const read = readOf(trial, policy.siteId);
  if ("outcome" in read) return read;
  const { mapped } = mapForeignLabel(read, policy.labelMappings, policy.siteId);
  if (mapped === null)
    return {
      outcome: "none",
      text:
        trial.kind === "property"
          ? "No mapping matches: a file with only this property reads as unlabeled."
          : "No mapping names this partner label: it is shown as it is and means nothing here.",
      labelId: null,
      mapping: null,
    };
  const name = labelText(mapped.labelId, policy.labels);
  if (mapped.via === "own")
    return {
      outcome: "own",
      text: `This tenant's own label: ${name}. Mappings never override it.`,
      labelId: mapped.labelId,
      mapping: null,
    };
  const index = mapped.mapping ?? 0;
  const named = mapped.mappingName ? ` “${mapped.mappingName}”` : "";
  return {
    outcome: "mapped",
    text: `Maps to ${name}, by mapping ${index + 1}${named}.`,
    labelId: mapped.labelId,
    mapping: index,
  };
}
