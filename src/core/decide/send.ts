/**
 * The send check, run by Outlook's OnMessageSend handler and by the task pane before it sends:
 * attachment inheritance, mandatory labeling, recommendation, recipient rules. Pure and fast — the
 * handler has ~5 s including loading its script.
 */
import type { EffectivePolicy } from "../policy/effective";
import type { AuditEvent } from "../audit";
import type { RecipientRule } from "../policy/model";
import { checkJustification } from "./justification";
import { catalogIndex, eventAuditEvent, planLabel } from "./plan";
import { decideRecommendation } from "./recommend";
import type { DecisionContext, LabelPlan, MailSendState, SendDecision, SendFinding } from "./types";

/** Smart Alerts cut `errorMessage` at 500 characters. */
export const MAX_SEND_MESSAGE = 500;

export const MANDATORY_MESSAGE = "Select a sensitivity label before sending.";

function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0
    ? ""
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase()
        .replace(/[>\s]+$/, "");
}

function isTrusted(domain: string, trusted: readonly string[]): boolean {
  return trusted.some((t) => domain === t || domain.endsWith(`.${t}`));
}

function ruleApplies(rule: RecipientRule, labelId: string, parentId: string | null): boolean {
  return rule.labelIds.includes(labelId) || (parentId !== null && rule.labelIds.includes(parentId));
}

function clip(message: string): string {
  return message.length <= MAX_SEND_MESSAGE ? message : `${message.slice(0, MAX_SEND_MESSAGE - 1)}…`;
}

export function decideSend(policy: EffectivePolicy, mail: MailSendState, ctx: DecisionContext): SendDecision {
  const catalog = catalogIndex(policy);
  const settings = policy.settings;
  const blocks: SendFinding[] = [];
  const warnings: SendFinding[] = [];
  let plan: LabelPlan | undefined;
  let label = mail.current?.labelId ?? null;
  let state = mail;

  // A reply or forward that no open moment labeled inherits the original's label, as on open.
  const original = mail.originalLabelId;
  if (
    original &&
    catalog.isHigher(original, label) &&
    !(mail.current && mail.current.method === "Privileged") &&
    policy.labels.some((l) => l.id === original && l.applicableTo.includes("email"))
  ) {
    plan = planLabel(policy, mail, original, "Standard", ctx, { actionSource: "inherited" });
    label = original;
    state = { ...mail, current: { labelId: original, method: "Standard" } };
  }

  // Attachments: an email inherits the most sensitive attachment label (AttachmentAction).
  if (settings.attachmentInheritance !== "off") {
    const highest = mail.attachments
      .map((a) => a.labelId)
      .filter((id): id is string => id !== null && catalog.has(id))
      .sort((a, b) => catalog.get(b)!.sensitivity - catalog.get(a)!.sensitivity)[0];
    if (highest && catalog.isHigher(highest, label)) {
      const appliable = policy.labels.some((l) => l.id === highest && l.applicableTo.includes("email"));
      const automatic =
        settings.attachmentInheritance === "automatic" && mail.current?.method !== "Privileged";
      if (automatic && appliable) {
        plan = planLabel(policy, mail, highest, "Standard", ctx, { actionSource: "inherited" });
        label = highest;
        state = { ...mail, current: { labelId: highest, method: "Standard" } };
      } else {
        warnings.push({
          reason: "attachment-label-higher",
          message: `An attachment is labeled "${catalog.fullName(highest)}", higher than this email. It is recommended to label this email as ${catalog.fullName(highest)}.`,
          fix: "label-picker",
          labelId: highest,
        });
      }
    }
  }

  if (label === null && settings.mandatoryMail) {
    blocks.push({
      reason: "mandatory-label-missing",
      message: MANDATORY_MESSAGE,
      fix: "label-picker",
      labelId: null,
    });
  }

  if (mail.detections && mail.detections.length > 0) {
    const rec = decideRecommendation(policy, state, mail.detections, ctx, {
      dismissed: mail.dismissedRecommendation,
    });
    if (rec.outcome === "apply" && (!plan || catalog.isHigher(rec.recommendation.labelId, label))) {
      plan = rec.plan;
      label = rec.recommendation.labelId;
      // The block for a missing label is moot once a label is applied automatically.
      blocks.splice(0, blocks.length, ...blocks.filter((b) => b.reason !== "mandatory-label-missing"));
    } else if (rec.outcome === "recommend") {
      warnings.push({
        reason: "recommended-label",
        message: rec.message,
        fix: "recommendation",
        labelId: rec.recommendation.labelId,
      });
    }
  }

  if (label !== null && settings.recipientRules.length > 0) {
    const summary = catalog.get(label);
    for (const rule of settings.recipientRules) {
      if (!summary || !ruleApplies(rule, label, summary.parentId)) continue;
      const outside = mail.recipients.filter((r) => !isTrusted(domainOf(r), rule.trustedDomains));
      if (outside.length === 0) continue;
      const who =
        outside.slice(0, 3).join(", ") + (outside.length > 3 ? ` and ${outside.length - 3} more` : "");
      const base =
        rule.message ??
        `This email is labeled "${catalog.fullName(label)}" and is addressed to people outside your organisation: ${who}.`;
      if (rule.action === "block") {
        blocks.push({
          reason: "recipient-rule-block",
          message: `${base} Remove them or change the label.`,
          fix: "label-picker",
          labelId: label,
        });
      } else if (rule.action === "justify") {
        if (!checkJustification(settings, mail.recipientJustification).ok)
          blocks.push({
            reason: "recipient-rule-justify",
            message: `${base} Give a reason to send it.`,
            fix: "justification",
            labelId: label,
          });
      } else {
        warnings.push({ reason: "recipient-rule-warn", message: base, labelId: label });
      }
    }
  }

  const findings = [...blocks, ...warnings];
  const audit: AuditEvent[] = [];
  if (blocks.length > 0 || warnings.length > 0) {
    const first = blocks[0] ?? warnings[0];
    const outcome = blocks.length > 0 ? "block" : "warn";
    if (outcome === "block")
      audit.push(eventAuditEvent(ctx, "send-blocked", { labelId: label, reason: first.reason }));
    return { outcome, reason: first.reason, message: clip(first.message), findings, fix: first.fix, audit };
  }
  if (plan) audit.push(plan.audit);
  return {
    outcome: "allow",
    reason: "ok",
    message: plan ? `Labeled "${catalog.fullName(plan.labelId!)}" automatically.` : "Ready to send.",
    findings,
    plan,
    audit,
  };
}

/**
 * No policy at all (never fetched, cache lost): follow the stated fallback. The default is to allow
 * and record, so an outage of our backend never stops an organisation's mail.
 */
export function decideSendWithoutPolicy(
  fallback: "allow" | "block",
  ctx: DecisionContext,
  labelId: string | null,
): SendDecision {
  if (fallback === "block" && labelId === null)
    return {
      outcome: "block",
      reason: "no-policy-block",
      message: clip(`${MANDATORY_MESSAGE} (The labeling policy could not be loaded.)`),
      findings: [{ reason: "no-policy-block", message: MANDATORY_MESSAGE, fix: "label-picker" }],
      fix: "label-picker",
      audit: [eventAuditEvent(ctx, "send-blocked", { reason: "no-policy-block" })],
    };
  return {
    outcome: "allow",
    reason: "no-policy-allow",
    message: "Sent without a labeling policy (it could not be loaded).",
    findings: [],
    audit: [eventAuditEvent(ctx, "policy-unavailable", { labelId, reason: "no-policy-allow" })],
  };
}

/**
 * The label send was to add (attachment inheritance, an automatic label) could not be written.
 * Where a label is mandatory and the mail still has none, the mail stops at the label picker like
 * any unlabeled mail; otherwise it goes as it is, with the audit of the send check.
 */
export function decideSendUnlabeled(
  policy: EffectivePolicy,
  decision: SendDecision,
  stillLabeled: boolean,
): SendDecision {
  if (!policy.settings.mandatoryMail || stillLabeled)
    return {
      outcome: "allow",
      reason: decision.reason,
      message: decision.message,
      findings: [],
      audit: decision.audit,
    };
  return {
    outcome: "block",
    reason: "mandatory-label-missing",
    message: MANDATORY_MESSAGE,
    findings: [{ reason: "mandatory-label-missing", message: MANDATORY_MESSAGE, fix: "label-picker" }],
    fix: "label-picker",
    audit: decision.audit,
  };
}
