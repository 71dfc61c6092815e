/**
 * A mail's attachments and the labels of the Office files among them. The labels are read from the
 * attachments' bytes by the attachments-changed handler and kept in session data, so the send
 * handler finds them without reading any content inside its few seconds.
 */
import type { OutlookItem } from "./outlookItem";
import { parseJson } from "./outlookItem";
import { SESSION, type OutlookSession } from "./outlookSession";

/**
 * Reads labels from attachment bytes (hosts/attachmentLabels.ts). Passed in, so the task pane,
 * which never reads attachments, does not carry the unzip and XML code.
 */
export interface AttachmentLabelReader {
  mayCarryLabel(name: string, size: number): boolean;
  labelOf(base64: string, siteId: string): string | null;
}

export interface AttachmentLabel {
  id: string;
  name: string;
  size: number;
  /** Our tenant's label, or null (none, not an Office file, or not read). */
  labelId: string | null;
}

interface Listed {
  id: string;
  name: string;
  size: number;
  inline: boolean;
  type: string;
}

function listed(a: Office.AttachmentDetails | Office.AttachmentDetailsCompose): Listed {
  return { id: a.id, name: a.name, size: a.size, inline: a.isInline, type: String(a.attachmentType) };
}

export class OutlookAttachments {
  constructor(
    private readonly mail: OutlookItem,
    private readonly session: OutlookSession,
  ) {}

  private async list(): Promise<Listed[]> {
    if (this.mail.mode === "read")
      return ((this.mail.item as Office.MessageRead).attachments ?? []).map(listed);
    if (!this.mail.supports("1.8")) return [];
    const item = this.mail.item as Office.MessageCompose;
    const list = await this.mail.call<Office.AttachmentDetailsCompose[]>("getAttachmentsAsync", (cb) =>
      item.getAttachmentsAsync(cb),
    );
    return (list ?? []).map(listed);
  }

  private async known(): Promise<AttachmentLabel[]> {
    return parseJson<AttachmentLabel[]>(await this.session.get(SESSION.attachments)) ?? [];
  }

  /** Attachments with the labels the attachments-changed handler found (names only where it has not run). */
  async withLabels(): Promise<Array<{ name: string; labelId: string | null }>> {
    const [list, known] = [await this.list(), await this.known()];
    return list.map((a) => ({ name: a.name, labelId: known.find((k) => k.id === a.id)?.labelId ?? null }));
  }

  /**
   * Reads the labels of Office attachments not seen before (one content call each, in parallel),
   * keeps the result in session data for the send handler, and returns every attachment.
   */
  async refreshLabels(siteId: string, reader: AttachmentLabelReader): Promise<AttachmentLabel[]> {
    const item = this.mail.compose("getAttachmentContentAsync");
    const list = (await this.list()).filter((a) => !a.inline);
    const known = await this.known();
    const result = await Promise.all(
      list.map(async (a): Promise<AttachmentLabel> => {
        const seen = known.find((k) => k.id === a.id);
        if (seen) return seen;
        let labelId: string | null = null;
        if (
          a.type.toLowerCase() === "file" &&
          reader.mayCarryLabel(a.name, a.size) &&
          this.mail.supports("1.8")
        ) {
          const content = await this.mail
            .call<Office.AttachmentContent>("getAttachmentContentAsync", (cb) =>
              item.getAttachmentContentAsync(a.id, cb),
            )
            .catch(() => null);
          if (content && String(content.format).toLowerCase() === "base64")
            labelId = reader.labelOf(content.content, siteId);
        }
        return { id: a.id, name: a.name, size: a.size, labelId };
      }),
    );
    await this.session.set(SESSION.attachments, JSON.stringify(result));
    return result;
  }
}
