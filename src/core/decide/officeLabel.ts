/**
 * What a label Office keeps where Labelbridge cannot write, or cannot read, means for a write
 * (docs/coexistence.md). Office reads a document's LabelInfo.xml before any custom property, and
 * only Office writes it: a custom-property label of a tenant that LabelInfo already speaks for is
 * seen by no one. And where LabelInfo could not be read, the document may carry a label Office
 * applied, so nothing is applied over it by default or automatically.
 */
import type { EffectivePolicy } from "../policy/effective";
import type { LabelState } from "./labelState";
import type { ReasonCode } from "./types";

export interface OfficeLabelGuard {
  reason: Extract<ReasonCode, "office-keeps-label" | "office-label-unknown">;
  message: string;
}

/**
 * Why a write must not happen now, or null. `by`: a person's choice, or a default or automatic
 * label (which must never land on a document whose label is unknown).
 */
export function officeLabelGuard(
  state: LabelState,
  policy: EffectivePolicy,
  by: "person" | "automatic",
): OfficeLabelGuard | null {
  if (state.inLabelInfo)
    return {
      reason: "office-keeps-label",
      message:
        "Office keeps this document's label in its own label record (LabelInfo), which only Office can change. Use Office's Sensitivity button to change it.",
    };
  // A tenant that keeps labels in custom properties only has no label of its own in LabelInfo.
  if (
    by === "automatic" &&
    state.unread &&
    state.current === null &&
    policy.labelStorage !== "customProperties"
  )
    return {
      reason: "office-label-unknown",
      message:
        "Labelbridge cannot read where Office keeps this document's label, so it applies no label by itself: Office may have labeled it.",
    };
  return null;
}
