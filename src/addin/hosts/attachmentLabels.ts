/**
 * The label an Office attachment carries, read from its bytes (scenario 3: a mail inherits its most
 * sensitive attachment's label) with the package reading rule of officePackage.ts.
 */
import type { ForeignLabelInput } from "../../core/policy/mapForeign";
import { readPackageLabels } from "./officePackage";

const OOXML = /\.(docx|docm|dotx|dotm|xlsx|xlsm|xltx|xltm|xlsb|pptx|pptm|potx|potm|ppsx|ppsm)$/i;
/** Attachments larger than this are not fetched: the content call would cost the send budget. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

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

/**
 * What an OOXML attachment carries for label mappings: every tenant's label in effect and its
 * other custom properties; null for a file that is not a readable package.
 */
export function attachmentLabels(base64: string): ForeignLabelInput | null {
  try {
    const read = readPackageLabels(base64ToBytes(base64));
    return { labels: read.effective, properties: read.properties };
  } catch {
    return null;
  }
}

/** Our tenant's label id in a base64 attachment, or null. */
export function attachmentLabelId(base64: string, siteId: string): string | null {
  const site = siteId.toLowerCase();
  const record = attachmentLabels(base64)?.labels.find((r) => r.siteId === site && r.enabled !== false);
  return record ? record.labelId : null;
}

/** The reader the Outlook adapter takes for attachments. */
export const officeAttachmentReader = { mayCarryLabel, labelOf: attachmentLabelId };
