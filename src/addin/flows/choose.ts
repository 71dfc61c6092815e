/**
 * Moment: a person picks a label (or removal) in the pane — or accepts a recommendation, or gives
 * the reason a downgrade needs. Decided from what the item carries now (a co-author, another
 * window, Outlook's own control), and the adapter writes from this same read: in Word and Excel
 * that is 1 read + 1 write.
 */
import type { ActionSource } from "../../core/audit/event";
import { decideLabelChange } from "../../core/decide/labelChange";
import { officeLabelGuard } from "../../core/decide/officeLabel";
import { eventAuditEvent } from "../../core/decide/plan";
import type {
  CurrentLabel,
  Justification,
  LabelChangeDecision,
  Recommendation,
} from "../../core/decide/types";
import { busy, readLabel, type FlowDeps, type ReadLabel } from "./deps";
import { applyAndRecord, type ProtectedApplyResult } from "./protect";

export interface LabelChoice {
  /** The label asked for; null removes the label. */
  labelId: string | null;
  actionSource?: ActionSource;
  justification?: Justification;
  /** The recommendation the person accepted (actionSource "recommended"), audited with the change. */
  recommendation?: Recommendation | null;
}

export type ChooseOutcome =
  | { kind: "read-failed"; error: unknown }
  | {
      kind: "decided";
      label: ReadLabel;
      /** The label the change is judged from: our record when an outside change is pending. */
      base: CurrentLabel | null;
      decision: LabelChangeDecision;
      result: ProtectedApplyResult | null;
    };

export async function chooseLabel(d: FlowDeps, choice: LabelChoice): Promise<ChooseOutcome> {
  let label: ReadLabel;
  try {
    label = await busy(d, () => readLabel(d.host, d.policy));
  } catch (error) {
    return { kind: "read-failed", error };
  }
  // Choosing the label a mapping gives the item writes it as ours: judged as a first label.
  const confirmsMapped = label.mapped !== null && choice.labelId === label.mapped.labelId;
  const base = label.outside || confirmsMapped ? label.recorded : label.current;
  const guard = officeLabelGuard(label.state, d.policy, "person");
  if (guard) return { kind: "decided", label, base, decision: { outcome: "block", ...guard }, result: null };
  const decision = decideLabelChange(
    d.policy,
    { kind: d.kind, current: base },
    {
      labelId: choice.labelId,
      method: "Privileged",
      actionSource: choice.actionSource ?? "manual",
      justification: choice.justification ?? null,
    },
    d.ctx,
  );
  if (decision.outcome !== "allow") return { kind: "decided", label, base, decision, result: null };
  const audit = [decision.plan.audit];
  const rec = choice.actionSource === "recommended" ? choice.recommendation : null;
  if (rec)
    audit.push(
      eventAuditEvent(d.ctx, "recommendation-accepted", {
        labelId: rec.labelId,
        reason: "recommended-label",
        details: recommendationDetails(rec),
      }),
    );
  // The label the host's own control carries already is not set again.
  const native = label.state.native ?? null;
  const same = choice.labelId !== null && choice.labelId === native;
  const result = await applyAndRecord(d, decision.plan, same ? "skip" : "auto", audit);
  return { kind: "decided", label, base, decision, result };
}

/** What the audit says about the condition that recommended a label. */
export function recommendationDetails(rec: Recommendation): Record<string, unknown> {
  return { sitId: rec.condition.sitId, count: rec.condition.count, confidence: rec.condition.confidence };
}
