/**
 * Moments: the recipients or the attachments of a mail being written changed. What send needs is
 * prepared (recipients and attachment labels kept in session data) and what send will say is said
 * early, as a dry run of the send check without the audit it would record.
 */
import { decideSend } from "../../core/decide/send";
import type { SendFinding } from "../../core/decide/types";
import type { EffectivePolicy } from "../../core/policy/effective";
import { attachmentReader } from "./attachmentReader";
import type { OutlookEventHost } from "../hosts/outlookEventHost";
import { SESSION } from "../hosts/outlookSession";
import { contextOf, readLabel, type EventDeps } from "./deps";

/** The info-bar message to show (a finding) or clear (null) under `key`. */
export interface EarlyWarning {
  key: "lb-recipients" | "lb-attachments";
  finding: SendFinding | null;
  policy: EffectivePolicy;
}

async function cachedPolicy(e: EventDeps): Promise<EffectivePolicy | null> {
  return (await e.policies.cached())?.policy ?? null;
}

/** Null when there is nothing to say (no policy, no recipient rules). */
export async function recipientsChanged(e: EventDeps<OutlookEventHost>): Promise<EarlyWarning | null> {
  const recipients = await e.host.recipients();
  await e.host.sessionSet(SESSION.recipients, JSON.stringify(recipients));
  const policy = await cachedPolicy(e);
  if (!policy || policy.settings.recipientRules.length === 0) return null;
  return earlyWarning(e, policy, recipients, "lb-recipients", "recipient-rule");
}

/** Reads the labels of new Office attachments; null when there is no policy or no inheritance. */
export async function attachmentsChanged(e: EventDeps<OutlookEventHost>): Promise<EarlyWarning | null> {
  const policy = await cachedPolicy(e);
  if (!policy) return null;
  await e.host.refreshAttachmentLabels(policy.siteId, attachmentReader(policy));
  if (policy.settings.attachmentInheritance === "off") return null;
  const recipients = await e.host.recipients().catch(() => []);
  return earlyWarning(e, policy, recipients, "lb-attachments", "attachment-label");
}

async function earlyWarning(
  e: EventDeps<OutlookEventHost>,
  policy: EffectivePolicy,
  recipients: string[],
  key: EarlyWarning["key"],
  reasonPrefix: string,
): Promise<EarlyWarning> {
  const label = await readLabel(e.host, policy);
  const d = decideSend(
    policy,
    { kind: "email", current: label.current, recipients, attachments: await e.host.attachments() },
    contextOf(e.host, e.info, e.now(), e.newId),
  );
  return { key, finding: d.findings.find((f) => f.reason.startsWith(reasonPrefix)) ?? null, policy };
}

/** The reason the person gave in the pane to send to outside recipients; send reads it. */
export function giveRecipientJustification(
  session: ((name: string, value: string | null) => Promise<void>) | undefined,
  justification: { reason: string; text?: string },
): Promise<void> {
  return (
    session?.(SESSION.recipientJustification, JSON.stringify(justification)).catch(() => undefined) ??
    Promise.resolve()
  );
}
