/**
 * What a mail being written shows of the mail it answers: whether it is a reply or a forward
 * (`getComposeTypeAsync`, Mailbox 1.10 and Outlook mobile) and its subject and body as plain text,
 * which hold the quoted original when Outlook has just created it. The decision of what that means
 * is core's (decide/inherit.ts); docs/replies.md says why these sources and not others.
 */
import type { OutlookItem } from "./outlookItem";
import type { OutlookSession } from "./outlookSession";
import type { ComposeOrigin, OriginalLabelRecord } from "./types";

/** Session data key of what the open moment found, so send knows the open already decided. */
export const ORIGINAL_LABEL_SESSION = "lb.originalLabel";

export async function readComposeOrigin(mail: OutlookItem, maxChars: number): Promise<ComposeOrigin | null> {
  if (mail.mode !== "compose" || !mail.has("composeType")) return null;
  const item = mail.item as Office.MessageCompose;
  const type = await mail
    .call<{ composeType?: unknown } | null>("getComposeTypeAsync", (cb) => item.getComposeTypeAsync(cb))
    .catch(() => null);
  const response = String(type && type.composeType).toLowerCase();
  if (response !== "reply" && response !== "forward") return null;
  const [subject, body] = await Promise.all([
    mail.subject(item).catch(() => ""),
    mail
      .call<string>("body.getAsync", (cb) => item.body.getAsync(mail.office.CoercionType.Text, cb))
      .catch(() => ""),
  ]);
  return { response, subject: subject || "", body: (body || "").slice(0, Math.max(0, maxChars)) };
}

/** Kept as the label id, or NONE_SHOWN. */
const NONE_SHOWN = "-";

export async function recordedOriginal(session: OutlookSession): Promise<OriginalLabelRecord | null> {
  const raw = await session.get(ORIGINAL_LABEL_SESSION).catch(() => null);
  return raw === null ? null : { labelId: raw === NONE_SHOWN ? null : raw };
}

export function recordOriginal(session: OutlookSession, record: OriginalLabelRecord): Promise<void> {
  return session.set(ORIGINAL_LABEL_SESSION, record.labelId || NONE_SHOWN);
}
