/**
 * What Outlook tells the person outside the pane: info-bar messages on the mail. (What the pane
 * listens to is in outlookPaneEvents.ts, out of the event bundle.)
 */
import type { OutlookItem } from "./outlookItem";

export class OutlookNotifications {
  constructor(private readonly mail: OutlookItem) {}

  /** A short message in the mail's info bar (≤ 150 characters; replaces an earlier one with the same key). */
  async notify(key: string, message: string, kind: "error" | "info" = "info"): Promise<void> {
    const item = this.mail.item;
    const types = this.mail.office.MailboxEnums.ItemNotificationMessageType;
    const details: Office.NotificationMessageDetails =
      kind === "error"
        ? { type: types.ErrorMessage, message: message.slice(0, 150) }
        : {
            type: types.InformationalMessage,
            message: message.slice(0, 150),
            icon: "Icon.16x16",
            persistent: false,
          };
    await this.mail.call<void>("notificationMessages.replaceAsync", (cb) =>
      item.notificationMessages.replaceAsync(key, details, cb),
    );
  }

  async clear(key: string): Promise<void> {
    const item = this.mail.item;
    await this.mail
      .call<void>("notificationMessages.removeAsync", (cb) => item.notificationMessages.removeAsync(key, cb))
      .catch(() => undefined);
  }
}
