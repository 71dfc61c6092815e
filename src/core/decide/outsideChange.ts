/**
 * A label set outside Labelbridge — Outlook's own Sensitivity control, a label Outlook already
 * carried when a reply or forward was created, a co-author — is judged by the same rules as a
 * choice in our pane. One request shape for every moment that meets one, so none can differ.
 */
import type { EffectivePolicy } from "../policy/effective";
import { decideLabelChange } from "./labelChange";
import type { ReconciledLabel } from "./labelState";
import type {
  DecisionContext,
  ItemKind,
  LabelChangeDecision,
  Justification,
  SendDecision,
  SendFinding,
} from "./types";

/**
 * How the label came: `chosen` by a person with the host's own control (method Privileged, like a
 * choice in the pane), or `inherited` — already on a new mail (reply, forward, Purview's default),
 * recorded as Standard so a later default or automatic label may still replace it.
 */
export type OutsideSource = "chosen" | "inherited";

const UNCHANGED: LabelChangeDecision = {
  outcome: "none",
  reason: "unchanged",
  message: "No label was set outside Labelbridge.",
};

export function decideOutsideChange(
  policy: EffectivePolicy,
  item: { kind: ItemKind; label: ReconciledLabel },
  source: OutsideSource,
  ctx: DecisionContext,
  justification?: Justification | null,
): LabelChangeDecision {
  const outside = item.label.outside;
  if (!outside) return UNCHANGED;
  return decideLabelChange(
    policy,
    { kind: item.kind, current: item.label.recorded },
    {
      labelId: outside.to,
      method: source === "chosen" ? "Privileged" : "Standard",
      actionSource: source === "chosen" ? "manual" : "inherited",
      justification: justification ?? null,
    },
    ctx,
  );
}

/**
 * At send, an outside change that needs a justification or is refused stops the mail: the person
 * fixes it in the pane (the justification dialog or the label list). Null when it does not.
 */
export function outsideChangeSendBlock(change: LabelChangeDecision, labelId: string): SendDecision | null {
  if (change.outcome !== "justify" && change.outcome !== "block") return null;
  const finding: SendFinding = {
    reason: change.reason,
    message: change.message,
    fix: change.outcome === "justify" ? "justification" : "label-picker",
    labelId,
  };
  return {
    outcome: "block",
    reason: change.reason,
    message: change.message,
    findings: [finding],
    fix: finding.fix,
    audit: [],
  };
}
