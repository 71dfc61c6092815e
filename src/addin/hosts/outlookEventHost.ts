/**
 * The Outlook adapter as the event handlers use it: reads a mail's label and executes a decision
 * engine plan on it. The task pane's adapter (outlook.ts) extends it with what only the pane shows
 * and listens to, which the Outlook event bundle (40 KB gzip budget) need not carry. With the parts
 * it is made of (outlookItem, outlookLabel, outlookApply, outlookMarking, outlookNative,
 * outlookAttachments, outlookSession, outlookNotify) the only modules of the Outlook add-in that
 * touch `Office` (with hosts/runtime.ts for OfficeRuntime).
 */
import type { LabelPlan } from "../../core/decide/types";
import type { MarkingProfile } from "../../core/policy/model";
import { isAppliableNative } from "./nativeCatalog";
import { applyMailPlan } from "./outlookApply";
import { OutlookAttachments, type AttachmentLabel, type AttachmentLabelReader } from "./outlookAttachments";
import { OutlookItem } from "./outlookItem";
import { readMailLabel, type ReceivedLabelReader } from "./outlookLabel";
import { OutlookNativeLabels } from "./outlookNative";
import { readComposeOrigin, recordedOriginal, recordOriginal } from "./outlookReply";
import { OutlookNotifications } from "./outlookNotify";
import { OutlookSession } from "./outlookSession";
import type {
  ApplyOptions,
  ApplyResult,
  ComposeOrigin,
  HostItemInfo,
  ItemHost,
  LabelState,
  OriginalLabelRecord,
} from "./types";

export { SESSION } from "./outlookSession";
export { PROTECTIVE_MARKING_HEADER, type ReceivedLabelReader } from "./outlookLabel";
export type { AttachmentLabel, AttachmentLabelReader } from "./outlookAttachments";

/** The compose task pane button; Smart Alerts `commandId` opens it (manifest `<Control id>`). */
export const TASKPANE_COMMAND_ID = "lbComposeOpenPane";
/** The same button on a meeting being organised (control ids are unique in a manifest). */
export const MEETING_TASKPANE_COMMAND_ID = "lbMeetingOpenPane";

export interface OutlookHostOptions {
  /** Needed to read the label of a received mail; without it read mode fails with a HostError. */
  receivedLabel?: ReceivedLabelReader;
}

export class OutlookEventHost implements ItemHost {
  readonly kind = "Outlook" as const;
  protected readonly mail: OutlookItem;
  protected readonly native: OutlookNativeLabels;
  private readonly session: OutlookSession;
  private readonly files: OutlookAttachments;
  private readonly notes: OutlookNotifications;

  constructor(
    protected readonly office: typeof Office,
    private readonly options: OutlookHostOptions = {},
  ) {
    this.mail = new OutlookItem(office);
    this.native = new OutlookNativeLabels(this.mail);
    this.session = new OutlookSession(this.mail);
    this.files = new OutlookAttachments(this.mail, this.session);
    this.notes = new OutlookNotifications(this.mail);
  }

  get mode(): "compose" | "read" {
    return this.mail.mode;
  }

  supports(version: string): boolean {
    return this.mail.supports(version);
  }

  /** Puts Outlook's own label back (after a change its control made that the policy refuses). */
  restoreNativeLabel(id: string): Promise<boolean> {
    return this.native.restore(id);
  }

  /** Smart Alerts `sendModeOverride` value that lets the person send anyway (Mailbox 1.14). */
  promptUserSendMode(): string {
    return String(this.office.MailboxEnums.SendModeOverride.PromptUser);
  }

  async itemInfo(): Promise<HostItemInfo> {
    const profile = this.mail.mailbox.userProfile;
    const user = { name: profile?.displayName ?? "", principalName: profile?.emailAddress ?? "" };
    if (this.mode === "compose") {
      const item = this.mail.item as Office.MessageCompose;
      const [subject, from] = await Promise.all([
        this.mail.subject(item),
        this.mail.has("from") && item.from
          ? this.mail
              .call<Office.EmailAddressDetails>("from.getAsync", (cb) => item.from.getAsync(cb))
              .then(
                (f) => f?.emailAddress || null,
                () => null,
              )
          : Promise.resolve(null),
      ]);
      const name = subject ?? "";
      return {
        kind: "email",
        mode: "compose",
        name,
        location: name,
        user,
        sender: from ?? user.principalName,
      };
    }
    const item = this.mail.item as Office.MessageRead;
    const name = item.subject ?? "";
    return { kind: "email", mode: "read", name, location: name, user, sender: item.from?.emailAddress };
  }

  readLabel(siteId: string, markingProfile?: MarkingProfile): Promise<LabelState> {
    return readMailLabel(this.mail, this.native, siteId, this.options.receivedLabel, markingProfile);
  }

  applyPlan(plan: LabelPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
    return applyMailPlan({ mail: this.mail, native: this.native, session: this.session }, plan, options);
  }

  /** Outlook's own label applies it (in the tenant's catalog, not a parent), or the mail carries it. */
  async appliesPurviewLabel(labelId: string): Promise<boolean> {
    if (this.mode !== "compose") return false;
    const catalog = await this.native.catalog();
    if (isAppliableNative(catalog, labelId)) return true;
    return catalog.length > 0 && (await this.native.label()) === labelId.toLowerCase();
  }

  async readText(maxChars: number): Promise<string> {
    const item = this.mail.item;
    const subject =
      this.mode === "compose"
        ? await this.mail.subject(item as Office.MessageCompose)
        : ((item as Office.MessageRead).subject ?? "");
    const body = await this.mail.call<string>("body.getAsync", (cb) =>
      item.body.getAsync(this.office.CoercionType.Text, cb),
    );
    return `${subject ?? ""}\n${body ?? ""}`.slice(0, Math.max(0, maxChars));
  }

  async recipients(): Promise<string[]> {
    const addresses = (list: Office.EmailAddressDetails[] | undefined | null): string[] =>
      (list ?? []).map((r) => r.emailAddress).filter((a): a is string => typeof a === "string" && a !== "");
    if (this.mode === "read") {
      const item = this.mail.item as Office.MessageRead;
      return [...addresses(item.to), ...addresses(item.cc)];
    }
    // A meeting being organised has attendees where a message has recipients.
    const fields = this.mail.isAppointment ? ["requiredAttendees", "optionalAttendees"] : ["to", "cc", "bcc"];
    const item = this.mail.item as unknown as Record<string, Office.Recipients>;
    const lists = await Promise.all(
      fields.map((name) =>
        this.mail
          .call<Office.EmailAddressDetails[]>(`${name}.getAsync`, (cb) => item[name].getAsync(cb))
          .then(addresses),
      ),
    );
    return ([] as string[]).concat(...lists);
  }

  /** Attachments with the labels the attachments-changed handler found (names only where it has not run). */
  attachments(): Promise<Array<{ name: string; labelId: string | null }>> {
    return this.files.withLabels();
  }

  refreshAttachmentLabels(siteId: string, reader: AttachmentLabelReader): Promise<AttachmentLabel[]> {
    return this.files.refreshLabels(siteId, reader);
  }

  composeOrigin(maxChars: number): Promise<ComposeOrigin | null> {
    return readComposeOrigin(this.mail, maxChars);
  }

  recordedOriginal(): Promise<OriginalLabelRecord | null> {
    return recordedOriginal(this.session);
  }

  recordOriginal(record: OriginalLabelRecord): Promise<void> {
    return recordOriginal(this.session, record);
  }

  /** A meeting being organised rather than a message. */
  get isAppointment(): boolean {
    return this.mail.isAppointment;
  }

  /** Item session data (Mailbox 1.11, compose); null where the client has none. */
  sessionGet(name: string): Promise<string | null> {
    return this.session.get(name);
  }

  sessionSet(name: string, value: string | null): Promise<void> {
    return this.session.set(name, value);
  }

  notify(key: string, message: string, kind: "error" | "info" = "info"): Promise<void> {
    return this.notes.notify(key, message, kind);
  }

  clearNotification(key: string): Promise<void> {
    return this.notes.clear(key);
  }

  displayLanguage(): string {
    return this.office.context.displayLanguage || "en-US";
  }

  userEmail(): string {
    return this.mail.mailbox.userProfile?.emailAddress ?? "";
  }
}
