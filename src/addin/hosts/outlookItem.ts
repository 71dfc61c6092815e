/**
 * The open mail as the Outlook adapter's parts see it: the item, whether it is being written or
 * read, the Mailbox requirement sets the client has, and Office's callback calls as promises.
 */
import { officeCall, type AsyncResultLike } from "./officeAsync";
import { HostError } from "./types";

export type Item = Office.MessageCompose | Office.MessageRead;

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
