/**
 * What the task pane hears from Outlook: the context a Smart Alert opened it with, and the events it
 * listens to (a label set with Outlook's control, Office's theme, a pinned pane moving to another
 * mail). Apart from outlookNotify.ts so that the Outlook event bundle does not carry them.
 */
import type { OutlookItem } from "./outlookItem";
import type { HostTheme } from "./types";

/** Office's theme as an adapter passes it on; null for anything without the two colours. */
export function hostTheme(t: Partial<Office.OfficeTheme> | null | undefined): HostTheme | null {
  if (!t || typeof t.bodyBackgroundColor !== "string" || typeof t.bodyForegroundColor !== "string")
    return null;
  return {
    bodyBackgroundColor: t.bodyBackgroundColor,
    bodyForegroundColor: t.bodyForegroundColor,
    isDarkTheme: t.isDarkTheme,
  };
}

export class OutlookPaneEvents {
  constructor(private readonly mail: OutlookItem) {}

  /** `contextData` a Smart Alert passed when it opened the pane (Mailbox 1.14), or null. */
  async initializationContext(): Promise<string | null> {
    if (!this.mail.supports("1.8")) return null;
    const item = this.mail.item as Office.MessageCompose;
    if (typeof item.getInitializationContextAsync !== "function") return null;
    return this.mail
      .call<string>("getInitializationContextAsync", (cb) => item.getInitializationContextAsync(cb))
      .then(
        (v) => (typeof v === "string" && v !== "" ? v : null),
        () => null,
      );
  }

  /** A label set with Outlook's own control (Mailbox 1.13, compose); returns an unsubscribe. */
  async onLabelChanged(listener: () => void): Promise<() => Promise<void>> {
    if (this.mail.mode !== "compose" || !this.mail.supports("1.13")) return async () => undefined;
    const item = this.mail.item as Office.MessageCompose;
    const type = this.mail.office.EventType.SensitivityLabelChanged;
    await this.mail.call<void>("addHandlerAsync", (cb) => item.addHandlerAsync(type, () => listener(), cb));
    return () =>
      this.mail
        .call<void>("removeHandlerAsync", (cb) => item.removeHandlerAsync(type, cb))
        .catch(() => undefined);
  }

  /** The person switched Office's theme (Mailbox 1.14 OfficeThemeChanged, task panes only). */
  async onThemeChanged(listener: (theme: HostTheme | null) => void): Promise<() => Promise<void>> {
    if (!this.mail.supports("1.14")) return async () => undefined;
    const mailbox = this.mail.mailbox;
    const type = this.mail.office.EventType.OfficeThemeChanged;
    const handler = (args: Partial<Office.OfficeThemeChangedEventArgs> | undefined) =>
      listener(hostTheme(args?.officeTheme ?? this.mail.office.context.officeTheme));
    await this.mail.call<void>("mailbox.addHandlerAsync", (cb) => mailbox.addHandlerAsync(type, handler, cb));
    return () =>
      this.mail
        .call<void>("mailbox.removeHandlerAsync", (cb) => mailbox.removeHandlerAsync(type, cb))
        .catch(() => undefined);
  }

  /** A pinned pane moves to another mail (Mailbox 1.5 ItemChanged). */
  async onItemChanged(listener: () => void): Promise<() => Promise<void>> {
    if (!this.mail.supports("1.5")) return async () => undefined;
    const mailbox = this.mail.mailbox;
    const type = this.mail.office.EventType.ItemChanged;
    await this.mail.call<void>("mailbox.addHandlerAsync", (cb) =>
      mailbox.addHandlerAsync(type, listener, cb),
    );
    return () =>
      this.mail
        .call<void>("mailbox.removeHandlerAsync", (cb) => mailbox.removeHandlerAsync(type, cb))
        .catch(() => undefined);
  }
}
