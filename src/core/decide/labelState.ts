/**
 * What an item carries, as a host adapter read it, and what that means before deciding: the label
 * it really carries and whether a change made outside Labelbridge (Outlook's own Sensitivity
 * control, a co-author) is waiting to be checked. One function for every labeling moment, so no
 * path can skip that check.
 */
import type { EffectivePolicy } from "../policy/effective";
import type { LabelRecord } from "../metadata/types";
import { mapForeignLabel, type OriginalLabel } from "../policy/mapForeign";
import type { CurrentLabel } from "./types";

/** Why a document's LabelInfo.xml, where Office keeps labels first, could not be read. */
export interface LabelUnread {
  reason: "not-supported" | "too-large" | "timed-out" | "failed";
  detail?: string;
}

export interface LabelState {
  /** Our tenant's label (the policy's siteId), or null. */
  current: CurrentLabel | null;
  /** Every label record found, all tenants; other tenants' labels are shown and preserved. */
  records: LabelRecord[];
  /** Where the current label was read from. */
  source: "native" | "msip_labels" | "properties" | "labelInfo" | "none";
  /** Read mode: other classifications found in the headers (X-Protective-Marking, legacy Exchange…). */
  otherMarkings?: Array<{ kind: string; text: string }>;
  /**
   * The label the host's own labeling reports (Outlook's `sensitivityLabel`), where it has an API;
   * null for none, undefined where the host cannot tell. It differs from `current` when the label
   * was changed outside Labelbridge (Outlook's Sensitivity button), and is then checked like ours.
   */
  native?: string | null;
  /**
   * The item's other name/value properties (a document's custom properties that are not
   * `MSIP_Label_*`): where label mappings find another tool's classification (Titus, Boldon James).
   */
  properties?: Array<{ name: string; value: string }>;
  /**
   * Documents: our tenant's label — or Office's record that it was removed — is in LabelInfo.xml,
   * which Office reads before any custom property and only Office writes.
   */
  inLabelInfo?: boolean;
  /** Documents: LabelInfo.xml could not be read, so a label Office keeps there is unknown. */
  unread?: LabelUnread;
}

/** A label the item carries only through the tenant's label mappings (policy/mapping.ts). */
export interface MappedFrom {
  /** Our label it means. */
  labelId: string;
  /** What the item carries: a partner tenant's label or another tool's classification property. */
  original: OriginalLabel;
  via: "partnerLabel" | "customProperty";
  mappingName: string | null;
}

/** A label set outside Labelbridge that our record does not reflect yet. */
export interface OutsideChange {
  from: string | null;
  to: string;
}

export interface ReconciledLabel {
  /** The label the item carries now (the host's own label wins when it is one of the tenant's). */
  current: CurrentLabel | null;
  /** Our record (msip_labels header, document properties) before any outside change. */
  recorded: CurrentLabel | null;
  /** A label set with the host's own control that our record does not reflect yet. */
  outside: OutsideChange | null;
  /** `current` comes from a label mapping: the item has no label of ours, and this is what it means. */
  mapped: MappedFrom | null;
}

/** Another tenant's label or another tool's classification, through the tenant's mappings; null if none applies. */
export function mappedLabel(state: LabelState, policy: EffectivePolicy): MappedFrom | null {
  if (!policy.labelMappings?.length) return null;
  const result = mapForeignLabel(
    { labels: state.records, properties: state.properties ?? [] },
    policy.labelMappings,
    policy.siteId,
  );
  const m = result.mapped;
  if (!m || m.via === "own" || !result.original) return null;
  return { labelId: m.labelId, original: result.original, via: m.via, mappingName: m.mappingName };
}

export function reconcileLabel(state: LabelState, policy: EffectivePolicy): ReconciledLabel {
  const recorded = state.current;
  const native = state.native ?? null;
  // A native label from another taxonomy (not in this tenant's catalog) is not ours to judge.
  if (native === null || !policy.catalog.some((l) => l.id === native)) {
    if (recorded !== null) return { current: recorded, recorded, outside: null, mapped: null };
    // Counted like a label a person chose: no default or automatic label replaces it.
    const mapped = mappedLabel(state, policy);
    return {
      current: mapped ? { labelId: mapped.labelId, method: "Privileged" } : null,
      recorded,
      outside: null,
      mapped,
    };
  }
  if (recorded?.labelId === native) return { current: recorded, recorded, outside: null, mapped: null };
  return {
    current: { labelId: native, method: null },
    recorded,
    outside: { from: recorded?.labelId ?? null, to: native },
    mapped: null,
  };
}
