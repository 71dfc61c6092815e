/**
 * A stored mail message (.eml): the labels its headers carry (`msip_labels`, the legacy
 * per-attribute headers, `X-Protective-Marking`), the text of its subject and body parts, and its
 * attachments for the caller to read by type (nested messages included).
 */
import { type LabelRecord, decodeMailHeaderFields } from "../../core/metadata";
import { type EpmsHeader, parseEpmsHeader } from "../../core/marking";
import type { DecodeBudget } from "./budget";
import { htmlToText } from "./html";
import {
  type MimePart,
  decodeCharset,
  decodeEncodedWords,
  headerValue,
  leafParts,
  parseMessage,
} from "./mime";

export interface MailAttachment {
  /** File name as sent, or a made-up `part-N.<ext>` for unnamed nested messages. */
  name: string;
  contentType: string;
  /** Decoded on each read (see MimePart.body): read it once, when the attachment is scanned. */
  readonly bytes: Uint8Array;
  /** An upper bound of its decoded size, known without decoding. */
  sizeBound: number;
  /** A `message/rfc822` part: read it as a mail of its own. */
  message: boolean;
}

export interface MailContent {
  headerLabels: LabelRecord[];
  /** Why the label headers could not be decoded, if they could not. */
  labelError: string | null;
  protectiveMarking: EpmsHeader | null;
  protectiveMarkingError: string | null;
  subject: string | null;
  /** Subject and body texts, in order. */
  texts: string[];
  attachments: MailAttachment[];
  /** The MIME structure was cut at the depth or part limit. */
  truncated: boolean;
}

function isAttachment(part: MimePart): boolean {
  if (part.contentType === "message/rfc822") return true;
  if (part.disposition === "attachment") return true;
  if (part.filename !== null && !part.contentType.startsWith("text/")) return true;
  if (part.filename !== null && part.disposition !== "inline") return true;
  return !part.contentType.startsWith("text/");
}

/** `budget`, when given, is charged with the decoded body texts (attachments: when read). */
export function readMail(bytes: Uint8Array, budget?: DecodeBudget): MailContent {
  const message = parseMessage(bytes);
  const headers = message.root.headers;
  let headerLabels: LabelRecord[] = [];
  let labelError: string | null = null;
  try {
    headerLabels = decodeMailHeaderFields(headers);
  } catch (err) {
    labelError = (err as Error).message;
  }
  let protectiveMarking: EpmsHeader | null = null;
  let protectiveMarkingError: string | null = null;
  const marking = headerValue(headers, "x-protective-marking");
  if (marking !== null) {
    try {
      protectiveMarking = parseEpmsHeader(marking);
    } catch (err) {
      protectiveMarkingError = (err as Error).message;
    }
  }
  const subjectRaw = headerValue(headers, "subject");
  const subject = subjectRaw === null ? null : decodeEncodedWords(subjectRaw);
  const texts: string[] = subject ? [subject] : [];
  const attachments: MailAttachment[] = [];
  leafParts(message.root).forEach((part, index) => {
    if (isAttachment(part)) {
      const message = part.contentType === "message/rfc822";
      attachments.push({
        name: part.filename ?? `part-${index + 1}${message ? ".eml" : ""}`,
        contentType: part.contentType,
        get bytes() {
          return part.body;
        },
        sizeBound: part.bodySizeBound,
        message,
      });
      return;
    }
    const body = part.body;
    budget?.charge(body.length, `body part ${index + 1}`);
    const text = decodeCharset(body, part.params.charset);
    texts.push(part.contentType === "text/html" ? htmlToText(text) : text);
  });
  return {
    headerLabels,
    labelError,
    protectiveMarking,
    protectiveMarkingError,
    subject,
    texts,
    attachments,
    truncated: message.truncated,
  };
}
