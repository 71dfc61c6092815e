/**
 * Moment: a label was set outside Labelbridge — with Outlook's own Sensitivity control (the pane
 * listens for it, OnSensitivityLabelChanged fires for it, send finds it), or already on a new mail
 * (reply, forward, Purview's default). Judged by the same rules as a choice in the pane: allowed,
 * it is recorded as ours; refused or waiting for a reason, Outlook's previous label is put back
 * where the caller asks and Outlook allows.
 */
import { decideOutsideChange, type OutsideSource } from "../../core/decide/outsideChange";
import type { LabelChangeDecision } from "../../core/decide/types";
import type { EffectivePolicy } from "../../core/policy/effective";
import { readLabel, withPolicy, type EventDeps, type FlowDeps, type ReadLabel } from "./deps";
import { applyAndRecord, type ProtectedApplyResult } from "./protect";

export interface OutsideChangeOutcome {
  label: ReadLabel;
  decision: LabelChangeDecision;
  /** What the write did, when the change was allowed and recorded. */
  result: ProtectedApplyResult | null;
  /** A refused change was taken back (Outlook's previous label set again). */
  reverted: boolean;
}

export async function settleOutsideChange(
  d: FlowDeps,
  label: ReadLabel,
  source: OutsideSource,
  options: { revert?: boolean } = {},
): Promise<OutsideChangeOutcome> {
  const decision = decideOutsideChange(d.policy, { kind: d.kind, label }, source, d.ctx);
  const outcome: OutsideChangeOutcome = { label, decision, result: null, reverted: false };
  if (decision.outcome === "allow") {
    // The host carries the label already: our record follows it.
    outcome.result = await applyAndRecord(d, decision.plan, "skip");
  } else if (decision.outcome === "justify" || decision.outcome === "block") {
    if (options.revert && label.outside?.from)
      outcome.reverted = await revertOutsideChange(d, label.outside.from);
  }
  return outcome;
}

/**
 * OnSensitivityLabelChanged: the event carries no label, so it is read; a change the policy refuses
 * is put back where Outlook allows (otherwise send blocks until it is fixed). Null when there is no
 * policy, labeling is off, or nothing changed outside.
 */
export async function outsideLabelChanged(
  e: EventDeps,
): Promise<(OutsideChangeOutcome & { policy: EffectivePolicy }) | null> {
  const policy = (await e.policies.load({ timeoutMs: 4000, interactive: false })).policy;
  if (!policy || !policy.features.manualLabeling) return null;
  const label = await readLabel(e.host, policy);
  if (!label.outside) return null;
  return { ...(await settleOutsideChange(withPolicy(e, policy), label, "chosen", { revert: true })), policy };
}

/**
 * The person cancelled the reason a change made with Outlook's control needs: Outlook's previous
 * label is put back where Outlook allows. True when it was.
 */
export async function revertOutsideChange(
  d: Pick<FlowDeps, "host" | "report">,
  from: string,
): Promise<boolean> {
  const restore = d.host.restoreNativeLabel;
  if (!restore) return false;
  return restore.call(d.host, from).catch((e: unknown) => {
    d.report?.("revert", e);
    return false;
  });
}
