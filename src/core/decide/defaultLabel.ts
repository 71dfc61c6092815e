/** The default label for a new mail, or a new or unlabeled document (method Standard). */
import type { EffectivePolicy } from "../policy/effective";
import { catalogIndex, planLabel } from "./plan";
import type { DecisionContext, DefaultLabelDecision, ItemState } from "./types";

export function decideDefaultLabel(
  policy: EffectivePolicy,
  state: ItemState,
  ctx: DecisionContext,
): DefaultLabelDecision {
  if (state.current !== null)
    return {
      outcome: "none",
      reason: "already-labeled",
      message: "The item already has a label; the default does not replace it.",
    };
  const labelId =
    state.kind === "email" ? policy.settings.defaultMailLabel : policy.settings.defaultDocumentLabel;
  if (labelId === null)
    return { outcome: "none", reason: "no-default-label", message: "The policy has no default label here." };
  const label = policy.labels.find((l) => l.id === labelId);
  if (!label || !label.applicableTo.includes(state.kind))
    return {
      outcome: "none",
      reason: "no-default-label",
      message: "The policy's default label is not available for this item.",
    };
  const plan = planLabel(policy, state, labelId, "Standard", ctx, { actionSource: "default" });
  return {
    outcome: "apply",
    reason: "default-label",
    message: `Labeled "${catalogIndex(policy).fullName(labelId)}" by default.`,
    plan,
  };
}
