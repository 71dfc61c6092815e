/**
 * The gate every add-in write of a label passes (issue 14, "no silent protection"): core decides
 * whether a protecting label may go on the item here (decideAddinProtection); a refusal is audited
 * (`label-refused`) and thrown before anything is written, and an allowed label carries what the
 * person must be told about its protection.
 */
import { decideAddinProtection, type ProtectionNotice } from "../../core/decide/addinProtection";
import { eventAuditEvent } from "../../core/decide/plan";
import type { LabelPlan } from "../../core/decide/types";
import { LabelIndex } from "../../core/policy/labels";
import { labelProtection } from "../../core/policy/protectionAccess";
import type { ApplyOptions, ApplyResult } from "../hosts/types";
import { busy, recordAudit, type FlowDeps } from "./deps";
import { ProtectionRefusedError } from "./protectionRefused";

export type { ProtectionNotice } from "../../core/decide/addinProtection";
export { ProtectionRefusedError } from "./protectionRefused";

/** A write's result, with what the person must be told about the label's protection. */
export interface ProtectedApplyResult extends ApplyResult {
  protection: ProtectionNotice | null;
}

/**
 * Decides the plan's protection; refuses (audited, thrown) or says what to tell the person. The
 * host is asked whether it applies a real Purview label only for a label that needs one.
 */
export async function guardProtection(d: FlowDeps, plan: LabelPlan): Promise<ProtectionNotice | null> {
  const labelId = plan.labelId;
  const label = labelId === null ? undefined : d.policy.labels.find((l) => l.id === labelId);
  if (!label || labelId === null) return null;
  const purview = labelProtection(label).kind === "purview";
  const purviewLabel =
    purview && d.host.appliesPurviewLabel ? await d.host.appliesPurviewLabel(labelId) : false;
  const decision = decideAddinProtection(
    label,
    { item: d.kind, purviewLabel, pathName: d.host.kind },
    new LabelIndex(d.policy.labels).fullName(labelId),
  );
  if (decision.outcome === "apply") return decision.notice;
  await recordAudit(d, d.policy, [
    eventAuditEvent(d.ctx, "label-refused", {
      labelId,
      actionSource: plan.audit.actionSource,
      reason: decision.reason,
    }),
  ]);
  throw new ProtectionRefusedError(decision.reason, labelId, decision.message);
}

/** The plan written through the gate: refused protecting labels never reach the host. */
export async function applyGuarded(
  d: FlowDeps,
  plan: LabelPlan,
  options: ApplyOptions = {},
): Promise<ProtectedApplyResult> {
  const protection = await guardProtection(d, plan);
  return { ...(await d.host.applyPlan(plan, options)), protection };
}

/** Applies a plan through the gate and records what it did; a HostError reaches the caller. */
export async function applyAndRecord(
  d: FlowDeps,
  plan: LabelPlan,
  native: ApplyOptions["native"],
  audit = [plan.audit],
): Promise<ProtectedApplyResult> {
  return busy(d, async () => {
    const result = await applyGuarded(d, plan, { native });
    await recordAudit(d, d.policy, audit);
    return result;
  });
}
