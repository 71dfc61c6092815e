/**
 * A label change — from the task pane, Outlook's own label control, or the scanner — is allowed,
 * needs a justification, or is blocked. The same rules for every path, so no path can skip one.
 */
import type { EffectivePolicy } from "../policy/effective";
import { LabelIndex } from "../policy/labels";
import type { ActionSource } from "../audit";
import { checkJustification } from "./justification";
import { catalogIndex, planLabel } from "./plan";
import type {
  AssignmentMethod,
  DecisionContext,
  ItemState,
  Justification,
  LabelChangeDecision,
} from "./types";

export interface LabelChangeRequest {
  /** The label asked for; null removes the label. */
  labelId: string | null;
  /** Privileged for a person's choice (default), Standard for default/automatic. */
  method?: AssignmentMethod;
  actionSource?: ActionSource;
  justification?: Justification | null;
}

const KIND_WORD = { email: "mail", file: "files" } as const;

export function decideLabelChange(
  policy: EffectivePolicy,
  state: ItemState,
  request: LabelChangeRequest,
  ctx: DecisionContext,
): LabelChangeDecision {
  const method = request.method ?? "Privileged";
  const actionSource = request.actionSource ?? (method === "Privileged" ? "manual" : "automatic");
  const settings = policy.settings;
  const current = state.current?.labelId ?? null;
  const target = request.labelId;

  if (!policy.features.manualLabeling)
    return {
      outcome: "block",
      reason: "labeling-not-available",
      message: "Labeling is not available yet for your account.",
    };

  const catalog = catalogIndex(policy);
  const mine = new LabelIndex(policy.labels);
  if (target !== null) {
    const label = mine.get(target);
    if (!label) {
      return catalog.has(target)
        ? {
            outcome: "block",
            reason: "label-not-in-policy",
            message: `The label "${catalog.fullName(target)}" is not available to you.`,
          }
        : {
            outcome: "block",
            reason: "unknown-label",
            message: `The label ${target} does not exist in this organisation.`,
          };
    }
    if (mine.isParent(target))
      return {
        outcome: "block",
        reason: "parent-not-appliable",
        message: `"${label.displayName}" has sublabels; choose one of them.`,
      };
    if (!label.isActive)
      return {
        outcome: "block",
        reason: "inactive-label",
        message: `"${label.displayName}" is no longer in use.`,
      };
    if (!label.applicableTo.includes(state.kind))
      return {
        outcome: "block",
        reason: "not-applicable-to-item",
        message: `"${mine.fullName(target)}" cannot be applied to ${KIND_WORD[state.kind]}.`,
      };
  }

  if (target === current)
    return {
      outcome: "none",
      reason: "unchanged",
      message: target === null ? "The item has no label." : "The item already has this label.",
    };

  // An automatic label never replaces a label a person chose (docs/reference/label-policy.md §6).
  if (method === "Standard" && state.current?.method === "Privileged")
    return {
      outcome: "block",
      reason: "manual-label-kept",
      message: `The label "${catalog.fullName(state.current.labelId)}" was chosen by a person and is kept.`,
    };

  const mandatory = state.kind === "email" ? settings.mandatoryMail : settings.mandatoryDocuments;
  if (target === null && mandatory)
    return {
      outcome: "block",
      reason: "removal-not-allowed-mandatory",
      message: "Your organisation requires a label here: you can change it, but not remove it.",
    };

  const downgrade = catalog.isDowngrade(current, target);
  let justification: Justification | null = null;
  if (downgrade) {
    if (current !== null && settings.preventDowngradeFrom.includes(current))
      return {
        outcome: "block",
        reason: "downgrade-prevented",
        message: `Your organisation does not allow lowering or removing the label "${catalog.fullName(current)}".`,
      };
    if (settings.justificationRequired) {
      const check = checkJustification(settings, request.justification);
      if (!check.ok)
        return {
          outcome: "justify",
          reason: check.reason,
          message: check.message,
          reasons: [...settings.justificationReasons],
          otherReason: settings.otherReasonText,
        };
      justification = check.value;
    }
  }

  const plan = planLabel(policy, state, target, method, ctx, { actionSource, justification });
  const reason = justification ? "justified" : catalog.isHigher(target, current) ? "upgrade" : "allowed";
  const message =
    target === null ? "The label was removed." : `The label "${catalog.fullName(target)}" will be applied.`;
  return { outcome: "allow", reason, message, plan };
}
