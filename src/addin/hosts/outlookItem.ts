/**
 * The open mail as the Outlook adapter's parts see it: the item, whether it is being written or
 * read, the Mailbox requirement sets the client has, and Office's callback calls as promises.
 */
import { officeCall, type AsyncResultLike } from "./officeAsync";
import { HostError } from "./types";

export type Item = Office.MessageCompose | Office.MessageRead;

/**
 * Mailbox APIs past 1.5 that Outlook on Android and iOS offers in message compose although it
 * reports Mailbox 1.5 (docs/mobile.md), with the set that brought each elsewhere.
 */
const BEYOND_MOBILE_SET = {
  from: "1.7",
  internetHeaders: "1.8",
  composeType: "1.10",
  sessionData: "1.11",
} as const;
export type ComposeApi = keyof typeof BEYOND_MOBILE_SET;

export class OutlookItem {
  constructor(readonly office: typeof Office) {}

  call<T>(operation: string, start: (callback: (result: AsyncResultLike<T>) => void) => void): Promise<T> {
    return officeCall<T>(operation, start, this.office.AsyncResultStatus.Succeeded);
  }

  get mailbox(): Office.Mailbox {
    return this.office.context.mailbox;
  }

  get item(): Item {
    const item = this.mailbox?.item as Item | null | undefined;
    if (!item) throw new HostError("item", "No mail is open.");
    return item;
  }

  get mode(): "compose" | "read" {
    const subject = (this.item as { subject?: unknown }).subject;
    return typeof subject === "object" &&
      subject !== null &&
      typeof (subject as Office.Subject).getAsync === "function"
      ? "compose"
      : "read";
  }

  /** The mail being written; a HostError naming `operation` for a mail open for reading. */
  compose(operation: string): Office.MessageCompose {
    if (this.mode !== "compose")
      throw new HostError(operation, "This mail is open for reading; its label cannot be changed.");
    return this.item as Office.MessageCompose;
  }

  /** A meeting being organised (AppointmentCompose): no internet headers, attendees instead of To/Cc. */
  get isAppointment(): boolean {
    // Office.MailboxEnums.ItemType.Appointment
    return String((this.item as { itemType?: unknown }).itemType) === "appointment";
  }

  /** Outlook on Android or iOS. */
  get mobile(): boolean {
    const diagnostics = this.mailbox && this.mailbox.diagnostics;
    return !!diagnostics && /^Outlook(Android|IOS)$/.test(diagnostics.hostName);
  }

  /** Whether a compose API is there: by requirement set, or on Outlook mobile by its own list. */
  has(api: ComposeApi): boolean {
    if (this.isAppointment && (api === "internetHeaders" || api === "composeType" || api === "from"))
      return false;
    return this.supports(BEYOND_MOBILE_SET[api]) || (this.mobile && this.mode === "compose");
  }

  /** Whether the client has a Mailbox requirement set (each call below names the one it needs). */
  supports(version: string): boolean {
    try {
      return this.office.context.requirements.isSetSupported("Mailbox", version);
    } catch {
      return false;
    }
  }

  subject(item: Office.MessageCompose): Promise<string> {
    return this.call<string>("subject.getAsync", (cb) => item.subject.getAsync(cb));
  }
}

export function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function asHostError(operation: string, error: unknown): HostError {
  if (error instanceof HostError) return error;
  return new HostError(operation, error instanceof Error ? error.message : String(error));
}
