/**
 * Recommended and automatic labeling from detected sensitive information (docs/reference/label-policy.md §6):
 * the most sensitive matching label wins; never below the current label; an automatic label never
 * replaces a label a person chose — that becomes a recommendation instead.
 */
import type { EffectivePolicy } from "../policy/effective";
import { LabelIndex } from "../policy/labels";
import type { Label, LabelCondition } from "../policy/model";
import { meetsCondition } from "../detect/detect";
import type { Detection } from "../detect/types";
import { catalogIndex, planLabel } from "./plan";
import type { DecisionContext, ItemState, Recommendation, RecommendationDecision } from "./types";

export interface RecommendationOptions {
  /** The person already dismissed a recommendation of this label for this item. */
  dismissed?: string | null;
  /** Scanner job option "Treat recommended labeling as automatic". */
  treatRecommendedAsAutomatic?: boolean;
}

function bestMatch(
  policy: EffectivePolicy,
  kind: ItemState["kind"],
  detections: Detection[],
): { label: Label; condition: LabelCondition } | null {
  const index = new LabelIndex(policy.labels);
  const recommendAllowed = kind !== "email" || policy.settings.mailRecommendations;
  let best: { label: Label; condition: LabelCondition } | null = null;
  for (const label of policy.labels) {
    if (!label.isActive || index.isParent(label.id) || !label.applicableTo.includes(kind)) continue;
    for (const condition of label.conditions) {
      if (condition.mode === "recommend" && !recommendAllowed) continue;
      if (!meetsCondition(detections, condition)) continue;
      const better =
        !best ||
        label.sensitivity > best.label.sensitivity ||
        (label.id === best.label.id && condition.mode === "automatic" && best.condition.mode === "recommend");
      if (better) best = { label, condition };
    }
  }
  return best;
}

export function decideRecommendation(
  policy: EffectivePolicy,
  state: ItemState,
  detections: Detection[],
  ctx: DecisionContext,
  options: RecommendationOptions = {},
): RecommendationDecision {
  if (!policy.features.autoLabeling)
    return {
      outcome: "none",
      reason: "ok",
      message: "Recommendations are not switched on for your account.",
    };
  const match = bestMatch(policy, state.kind, detections);
  if (!match)
    return { outcome: "none", reason: "ok", message: "No sensitive information that a label asks for." };

  const catalog = catalogIndex(policy);
  const current = state.current?.labelId ?? null;
  if (current !== null && !catalog.isHigher(match.label.id, current))
    return {
      outcome: "none",
      reason: "already-labeled",
      message: "The current label is already at least as sensitive.",
    };

  const wanted = match.condition.sitId.trim().toLowerCase();
  const detection = detections.find((d) => d.sitId.toLowerCase() === wanted);
  const recommendation: Recommendation = {
    labelId: match.label.id,
    mode: match.condition.mode,
    condition: {
      sitId: match.condition.sitId,
      // A condition met has its detection, which carries the type's name (a custom type's own).
      sitName: detection?.name ?? match.condition.sitId,
      count: detection?.count ?? 0,
      confidence: detection?.confidence ?? 0,
      minCount: match.condition.minCount,
      minConfidence: match.condition.minConfidence,
    },
    policyTip:
      match.condition.policyTip ??
      `It is recommended to label this ${state.kind === "email" ? "email" : "file"} as ${catalog.fullName(match.label.id)}.`,
  };

  const automatic = match.condition.mode === "automatic" || options.treatRecommendedAsAutomatic === true;
  if (automatic && state.current?.method !== "Privileged") {
    const plan = planLabel(policy, state, match.label.id, "Standard", ctx, { actionSource: "automatic" });
    return {
      outcome: "apply",
      reason: "automatic-label",
      message: `Labeled "${catalog.fullName(match.label.id)}" automatically: ${recommendation.condition.sitName} found.`,
      recommendation: { ...recommendation, mode: "automatic" },
      plan,
    };
  }
  if (options.dismissed === match.label.id)
    return { outcome: "none", reason: "ok", message: "The recommendation was dismissed." };
  return {
    outcome: "recommend",
    reason: "recommended-label",
    message: recommendation.policyTip,
    recommendation: { ...recommendation, mode: "recommend" },
  };
}
