/**
 * Per-item state the task pane, the Outlook event handlers and the adapter share through item
 * session data (Mailbox 1.11, compose): what send needs and what the person already said.
 */
import type { OutlookItem } from "./outlookItem";

export const SESSION = {
  /** Attachments with the labels read from their bytes: [{ id, name, size, labelId }]. */
  attachments: "lb.attachments",
  /** Recipients as of the last recipients-changed event. */
  recipients: "lb.recipients",
  /** A recommended label the person dismissed for this mail (do not ask again at send). */
  dismissed: "lb.dismissed",
  /** Justification given in the pane for a recipient rule: { reason, text? }. */
  recipientJustification: "lb.recipientJustification",
  /** Body marking queued for send, to restore it if a later apply fails. */
  bodyMarking: "lb.bodyMarking",
} as const;

export class OutlookSession {
  constructor(private readonly mail: OutlookItem) {}

  private available(): boolean {
    return this.mail.mode === "compose" && this.mail.has("sessionData");
  }

  /** A value, or null where it is absent or the client has no session data. */
  async get(name: string): Promise<string | null> {
    if (!this.available()) return null;
    const item = this.mail.item as Office.MessageCompose;
    return this.mail
      .call<string>("sessionData.getAsync", (cb) => item.sessionData.getAsync(name, cb))
      .then(
        (v) => (typeof v === "string" && v !== "" ? v : null),
        // An absent key is reported as an error by some clients.
        () => null,
      );
  }

  async set(name: string, value: string | null): Promise<void> {
    if (!this.available()) return;
    const item = this.mail.item as Office.MessageCompose;
    if (value === null) {
      await this.mail
        .call<void>("sessionData.removeAsync", (cb) => item.sessionData.removeAsync(name, cb))
        .catch(() => undefined);
      return;
    }
    await this.mail.call<void>("sessionData.setAsync", (cb) => item.sessionData.setAsync(name, value, cb));
  }
}
