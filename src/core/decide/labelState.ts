/**
 * What an item carries, as a host adapter read it, and what that means before deciding: the label
 * it really carries and whether a change made outside Labelbridge (Outlook's own Sensitivity
 * control, a co-author) is waiting to be checked. One function for every labeling moment, so no
 * path can skip that check.
 */
import type { EffectivePolicy } from "../policy/effective";
import type { LabelRecord } from "../metadata/types";
import type { CurrentLabel } from "./types";

export interface LabelState {
  /** Our tenant's label (the policy's siteId), or null. */
  current: CurrentLabel | null;
  /** Every label record found, all tenants; other tenants' labels are shown and preserved. */
  records: LabelRecord[];
  /** Where the current label was read from. */
  source: "native" | "msip_labels" | "properties" | "none";
  /** Read mode: other classifications found in the headers (X-Protective-Marking, legacy Exchange…). */
  otherMarkings?: Array<{ kind: string; text: string }>;
  /**
   * The label the host's own labeling reports (Outlook's `sensitivityLabel`), where it has an API;
   * null for none, undefined where the host cannot tell. It differs from `current` when the label
   * was changed outside Labelbridge (Outlook's Sensitivity button), and is then checked like ours.
   */
  native?: string | null;
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
}

export function reconcileLabel(state: LabelState, policy: EffectivePolicy): ReconciledLabel {
  const recorded = state.current;
  const native = state.native ?? null;
  // A native label from another taxonomy (not in this tenant's catalog) is not ours to judge.
  if (native === null || !policy.catalog.some((l) => l.id === native))
    return { current: recorded, recorded, outside: null };
  if (recorded?.labelId === native) return { current: recorded, recorded, outside: null };
  return {
    current: { labelId: native, method: null },
    recorded,
    outside: { from: recorded?.labelId ?? null, to: native },
  };
}
