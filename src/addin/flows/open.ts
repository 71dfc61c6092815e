/**
 * Moment: a mail is opened for writing — by OnNewMessageCompose, or by the task pane on a mail the
 * event did not reach. An unlabeled mail gets the policy's default label (Standard), a reply or
 * forward the higher of it and the original's (reply.ts); a label the mail already carries from
 * Outlook is checked as an outside change: `inherited` for a new mail (reply, forward, Purview's
 * default), `chosen` when the pane finds one.
 * Documents open in documentOpen.ts.
 */
import { decideDefaultLabel } from "../../core/decide/defaultLabel";
import type { OutsideSource } from "../../core/decide/outsideChange";
import type { DefaultLabelDecision } from "../../core/decide/types";
import { attachmentReader } from "./attachmentReader";
import type { OutlookEventHost } from "../hosts/outlookEventHost";
import { readLabel, withPolicy, type EventDeps, type FlowDeps, type ReadLabel } from "./deps";
import { applyAndRecord, type ProtectedApplyResult } from "./protect";
import { settleOutsideChange, type OutsideChangeOutcome } from "./outsideChange";
import { inheritOnOpen } from "./reply";

export type OpenOutcome =
  | ({ kind: "outside" } & OutsideChangeOutcome)
  | { kind: "default"; decision: DefaultLabelDecision; result: ProtectedApplyResult | null };

export async function labelOnOpen(
  d: FlowDeps,
  label: ReadLabel,
  source: OutsideSource,
): Promise<OpenOutcome> {
  if (label.outside) return { kind: "outside", ...(await settleOutsideChange(d, label, source)) };
  const inherited = await inheritOnOpen(d, label);
  if (inherited) return { kind: "default", ...inherited };
  const decision = decideDefaultLabel(d.policy, { kind: d.kind, current: label.current }, d.ctx);
  const result = decision.outcome === "apply" ? await applyAndRecord(d, decision.plan, "auto") : null;
  return { kind: "default", decision, result };
}

/**
 * OnNewMessageCompose and OnNewAppointmentOrganizer: the default (or the original's) label, or our
 * record of the label Outlook already carries; then the labels of attachments already on the mail
 * (a forward), for send. Null without a policy.
 */
export async function openNewMail(e: EventDeps<OutlookEventHost>): Promise<OpenOutcome | null> {
  const policy = (await e.policies.load({ timeoutMs: 4000, interactive: false })).policy;
  if (!policy || !policy.features.manualLabeling) return null;
  const d = withPolicy(e, policy);
  const outcome = await labelOnOpen(d, await readLabel(e.host, policy), "inherited");
  if (e.host.supports("1.8"))
    await e.host
      .refreshAttachmentLabels(policy.siteId, attachmentReader(policy))
      .catch((error: unknown) => e.report?.("attachments", error));
  return outcome;
}
