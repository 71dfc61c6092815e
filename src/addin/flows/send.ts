/**
 * Moment: the person sends a mail (OnMessageSend, Smart Alerts). Decided from the cached policy
 * inside Outlook's ~5 s: a label set with Outlook's control is checked first, then attachment
 * inheritance, mandatory labeling, recommendations and recipient rules (src/core/decide/send.ts).
 * A label send adds (inherited, automatic) is written before the mail goes; if that write fails,
 * core decides whether the mail may still go.
 */
import { decideOutsideChange, outsideChangeSendBlock } from "../../core/decide/outsideChange";
import { decideSend, decideSendUnlabeled, decideSendWithoutPolicy } from "../../core/decide/send";
import type { DecisionContext, Justification, SendDecision } from "../../core/decide/types";
import type { EffectivePolicy } from "../../core/policy/effective";
import type { OutlookEventHost } from "../hosts/outlookEventHost";
import { parseJson } from "../hosts/outlookItem";
import { SESSION } from "../hosts/outlookSession";
import { contextOf, readLabel, recordAudit, type EventDeps, type FlowDeps } from "./deps";
import { applyGuarded } from "./protect";
import { detectFor, wantsDetection } from "./recommend";
import { originalLabelForSend } from "./reply";

/** Body text scanned at send; a 100 KB body is read whole (bench/addin measures it). */
export const SEND_TEXT_LIMIT = 256 * 1024;
const NO_TENANT = "00000000-0000-0000-0000-000000000000";

export type SendOutcome =
  | { kind: "allow" }
  /** Blocked, or a warning the person may send past; the handler says why. */
  | { kind: "stop"; decision: SendDecision; policy: EffectivePolicy | null }
  /** The handler's deadline answered first: nothing more is done. */
  | { kind: "late" };

export interface SendOptions {
  /** How long to wait for the network when there is no cached policy at all. */
  networkBudgetMs: number;
  /** The stated fallback for sending without a policy, as soon as it is known (the deadline uses it). */
  onFallback(fallback: "allow" | "block"): void;
  /** True once the handler's deadline has completed the event. */
  late(): boolean;
}

export async function sendMail(e: EventDeps<OutlookEventHost>, options: SendOptions): Promise<SendOutcome> {
  const [loaded, fallback] = await Promise.all([
    e.policies.forSend(options.networkBudgetMs),
    e.policies.offlineSendFallback(),
  ]);
  options.onFallback(fallback);
  const policy = loaded.policy;
  const ctx = contextOf(e.host, e.info, e.now(), e.newId);
  const d: FlowDeps<OutlookEventHost> | null = policy
    ? { host: e.host, policy, kind: "email", ctx, audit: e.audit, report: e.report }
    : null;
  const decision = d ? await decideForSend(d) : await decideWithoutPolicy(e.host, fallback, ctx);
  if (options.late()) return { kind: "late" };
  await recordAudit(e, policy, decision.audit);
  if (decision.outcome !== "allow") return { kind: "stop", decision, policy };
  if (!decision.plan || !policy || !d) return { kind: "allow" };
  try {
    // A protecting label Outlook cannot really apply is refused (audited) like any failed write.
    await applyGuarded(d, decision.plan);
  } catch (error) {
    e.report?.("send apply", error);
    const label = await readLabel(e.host, policy).catch(() => null);
    const after = decideSendUnlabeled(policy, decision, label !== null && label.current !== null);
    if (after.outcome !== "allow") return { kind: "stop", decision: after, policy };
  }
  return { kind: "allow" };
}

/** Without a policy we do not know our tenant: any label the mail carries counts. */
async function decideWithoutPolicy(
  host: OutlookEventHost,
  fallback: "allow" | "block",
  ctx: DecisionContext,
): Promise<SendDecision> {
  const state = await host.readLabel(NO_TENANT).catch(() => null);
  const carried = state?.native ?? state?.records.find((r) => r.enabled)?.labelId ?? null;
  return decideSendWithoutPolicy(fallback, ctx, carried);
}

async function decideForSend(d: FlowDeps<OutlookEventHost>): Promise<SendDecision> {
  const { host, policy, ctx } = d;
  if (!policy.features.manualLabeling)
    return { outcome: "allow", reason: "ok", message: "", findings: [], audit: [] };
  const [label, recipients, attachments, text, dismissed, justification, original] = await Promise.all([
    readLabel(host, policy),
    host.recipients().catch(() => [] as string[]),
    host.attachments().catch(() => [] as Array<{ name: string; labelId: string | null }>),
    wantsDetection(policy) ? host.readText(SEND_TEXT_LIMIT).catch(() => "") : Promise.resolve(""),
    host.sessionGet(SESSION.dismissed).catch(() => null),
    host.sessionGet(SESSION.recipientJustification).catch(() => null),
    originalLabelForSend(host, policy).catch(() => null),
  ]);
  if (label.outside) {
    // A label chosen with Outlook's control: the same rules as a choice in our pane.
    const change = decideOutsideChange(policy, { kind: "email", label }, "chosen", ctx);
    const block = outsideChangeSendBlock(change, label.outside.to);
    if (block) return block;
    // Our record follows Outlook's label (OnSensitivityLabelChanged, where it ran, audited it).
    if (change.outcome === "allow") await applyGuarded(d, change.plan, { native: "skip" });
  }
  return decideSend(
    policy,
    {
      kind: "email",
      current: label.current,
      recipients,
      attachments,
      // The event bundle leaves the custom-type engine out (one ES2016 file ≤ 40 KB gzip, which
      // classic Outlook loads alone): a condition on a custom type is reported, and evaluated in
      // the task pane and by the scanner (docs/custom-info-types.md).
      detections: text ? detectFor(d, text, "send").detections : undefined,
      dismissedRecommendation: dismissed,
      recipientJustification: parseJson<Justification>(justification),
      originalLabelId: original,
    },
    ctx,
  );
}
