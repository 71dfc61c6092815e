/**
 * The label an Office attachment carries, read from its bytes (scenario 3: a mail inherits its most
 * sensitive attachment's label). Only the two small parts labels live in are inflated:
 * `docMetadata/LabelInfo.xml` (wins per tenant) and `docProps/custom.xml`.
 */
import { unzipSync } from "fflate";
import {
  decodeCustomXmlLabels,
  decodeLabelInfo,
  effectiveLabels,
  type LabelRecord,
} from "../../core/metadata";

const OOXML = /\.(docx|docm|dotx|dotm|xlsx|xlsm|xltx|xltm|xlsb|pptx|pptm|potx|potm|ppsx|ppsm)$/i;
/** Attachments larger than this are not fetched: the content call would cost the send budget. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
const PARTS = ["docMetadata/LabelInfo.xml", "docProps/custom.xml"];

export function mayCarryLabel(name: string, size: number): boolean {
  return OOXML.test(name) && size > 0 && size <= MAX_ATTACHMENT_BYTES;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Int16Array(256).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;
B64_INDEX["-".charCodeAt(0)] = 62;
B64_INDEX["_".charCodeAt(0)] = 63;

/** Base64 (standard or URL alphabet, whitespace ignored) to bytes; the JS-only runtime has no atob. */
export function base64ToBytes(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 61 /* = */) break;
    const v = c < 256 ? B64_INDEX[c] : -1;
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function utf8(bytes: Uint8Array): string {
  // TextDecoder is not guaranteed in the classic Outlook runtime.
  const Decoder = (globalThis as { TextDecoder?: new (label: string) => { decode(b: Uint8Array): string } })
    .TextDecoder;
  if (Decoder) return new Decoder("utf-8").decode(bytes);
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  try {
    return decodeURIComponent(escape(s));
  } catch {
    return s;
  }
}

/** Every tenant's effective label in an OOXML file; [] for a file without labels or not a zip. */
export function labelsInOfficeFile(bytes: Uint8Array): LabelRecord[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => PARTS.includes(f.name) && f.originalSize <= 2 * 1024 * 1024 });
  } catch {
    return [];
  }
  const read = <T>(name: string, decode: (xml: string) => T): T | null => {
    const part = files[name];
    if (!part) return null;
    try {
      return decode(utf8(part));
    } catch {
      return null;
    }
  };
  const labelInfo = read("docMetadata/LabelInfo.xml", decodeLabelInfo);
  const custom = read("docProps/custom.xml", decodeCustomXmlLabels) ?? [];
  return effectiveLabels(labelInfo, custom);
}

/** Our tenant's label id in a base64 attachment, or null. */
export function attachmentLabelId(base64: string, siteId: string): string | null {
  const site = siteId.toLowerCase();
  const record = labelsInOfficeFile(base64ToBytes(base64)).find((r) => r.siteId === site && r.enabled);
  return record ? record.labelId : null;
}

/** The reader the Outlook adapter takes for attachments. */
export const officeAttachmentReader = { mayCarryLabel, labelOf: attachmentLabelId };
