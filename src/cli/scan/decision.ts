/**
 * What the scanner does with one file, decided by the shared engine (decideRecommendation,
 * decideLabelChange) so the scanner cannot skip a rule another path enforces:
 * - discover: report the label the policy would apply and the condition that chose it;
 * - enforce: label unlabeled files automatically; replace an existing label only with `--relabel`,
 *   never a person's (Privileged) label, and lower one only with `--relabel --justification`.
 */
import type { Detection } from "../../core/detect";
import {
  type DecisionContext,
  type Justification,
  type LabelPlan,
  type Recommendation,
  type RecommendationDecision,
  decideLabelChange,
  decideRecommendation,
} from "../../core/decide";
import { type EffectivePolicy, LabelIndex } from "../../core/policy";
import type { RowProposal, ScanAction } from "./row";

export type ScanMode = "discover" | "enforce";

export interface ScanDecisionOptions {
  mode: ScanMode;
  relabel: boolean;
  justification: Justification | null;
  treatRecommendedAsAutomatic: boolean;
}

export interface ScanDecision {
  proposed: RowProposal | null;
  reason: string;
  /** What to do: write `plan` (enforce), or the action to report. */
  plan: LabelPlan | null;
  action: ScanAction;
}

/** Discovery answers "what would the policy do": recommendations count whatever the phase. */
function discoveryPolicy(policy: EffectivePolicy): EffectivePolicy {
  return { ...policy, features: { ...policy.features, autoLabeling: true } };
}

export function describeCondition(r: Recommendation): string {
  const c = r.condition;
  return `${r.mode === "automatic" ? "automatic" : "recommended"}: ${c.sitName} ×${c.count} at confidence ${c.confidence} (condition ≥ ${c.minCount} at ≥ ${c.minConfidence})`;
}

function proposalOf(policy: EffectivePolicy, r: Recommendation): RowProposal {
  return {
    labelId: r.labelId,
    displayName: new LabelIndex(policy.catalog).fullName(r.labelId),
    mode: r.mode,
    condition: { ...r.condition },
  };
}

function withProposal(
  policy: EffectivePolicy,
  d: RecommendationDecision,
): { proposed: RowProposal | null; reason: string } {
  if (d.outcome === "none") return { proposed: null, reason: d.message };
  return { proposed: proposalOf(policy, d.recommendation), reason: describeCondition(d.recommendation) };
}

export function decideScan(
  policy: EffectivePolicy,
  current: { labelId: string; method: "Standard" | "Privileged" } | null,
  detections: Detection[],
  ctx: DecisionContext,
  options: ScanDecisionOptions,
  canCarryLabel: boolean,
): ScanDecision {
  const state = { kind: "file" as const, current };
  const engineOptions = { treatRecommendedAsAutomatic: options.treatRecommendedAsAutomatic };
  const effective = options.mode === "discover" ? discoveryPolicy(policy) : policy;
  const decision = decideRecommendation(effective, state, detections, ctx, engineOptions);
  const { proposed, reason } = withProposal(policy, decision);
  const index = new LabelIndex(policy.catalog);
  const name = (id: string) => index.fullName(id);

  if (options.mode === "discover") return { proposed, reason, plan: null, action: "reported" };
  if (!canCarryLabel) return { proposed, reason, plan: null, action: proposed ? "not-labelable" : "none" };

  if (decision.outcome === "apply") {
    if (current === null) return { proposed, reason, plan: decision.plan, action: "labeled" };
    if (!options.relabel)
      return {
        proposed,
        reason: `${reason}; the file is already labeled "${name(current.labelId)}" (--relabel lets the scanner raise it)`,
        plan: null,
        action: "kept",
      };
    return { proposed, reason, plan: decision.plan, action: "relabeled" };
  }

  if (decision.outcome === "recommend") {
    const why =
      current?.method === "Privileged"
        ? `"${name(current.labelId)}" was chosen by a person and is kept; ${reason}`
        : `${reason}; a recommendation is not applied by the scanner (--treat-recommended-as-automatic applies it)`;
    return {
      proposed,
      reason: why,
      plan: null,
      action: current?.method === "Privileged" ? "kept" : "recommended",
    };
  }

  // Nothing higher applies. With --relabel, a Standard label the content no longer warrants may come down.
  if (options.relabel && current !== null && current.method === "Standard") {
    const fresh = decideRecommendation(
      effective,
      { kind: "file", current: null },
      detections,
      ctx,
      engineOptions,
    );
    if (fresh.outcome === "apply" && index.isDowngrade(current.labelId, fresh.recommendation.labelId)) {
      const lower = withProposal(policy, fresh);
      if (!options.justification)
        return {
          proposed: lower.proposed,
          reason: `${lower.reason}; lowering "${name(current.labelId)}" needs --justification`,
          plan: null,
          action: "kept",
        };
      const change = decideLabelChange(
        policy,
        state,
        {
          labelId: fresh.recommendation.labelId,
          method: "Standard",
          actionSource: "automatic",
          justification: options.justification,
        },
        ctx,
      );
      if (change.outcome === "allow") {
        // The engine records a justification only where the policy asks for one; ours is always given.
        const plan = change.plan;
        if (!plan.justification) {
          plan.justification = options.justification;
          plan.audit = { ...plan.audit, justification: { ...options.justification } };
        }
        return { proposed: lower.proposed, reason: lower.reason, plan, action: "relabeled" };
      }
      return {
        proposed: lower.proposed,
        reason: `${lower.reason}; ${change.message}`,
        plan: null,
        action: "kept",
      };
    }
  }
  return { proposed, reason, plan: null, action: "none" };
}
