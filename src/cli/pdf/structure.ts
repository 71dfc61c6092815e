/**
 * What a PDF's structure allows: whether it is a PDF at all, whether its last cross-reference
 * section is where `startxref` says (an incremental update chains to it), and whether it is
 * encrypted or a Microsoft Purview protected PDF (an encrypted payload inside an unencrypted wrapper,
 * ISO 32000-2 §7.6.7), which Labelbridge reports but never rewrites.
 */
import { PDFArray, type PDFContext, PDFDict, PDFName, type PDFObject, PDFRawStream } from "@cantoo/pdf-lib";
import { FileFormatError } from "../ooxml/errors";
import { textOf } from "./objects";

const latin1 = new TextDecoder("latin1");

/** Throws unless the file starts (within the first KB, as readers tolerate) with `%PDF-`. */
export function requirePdfHeader(bytes: Uint8Array): void {
  if (!latin1.decode(bytes.subarray(0, 1024)).includes("%PDF-"))
    throw new FileFormatError("corrupt", "not a PDF: there is no %PDF- header");
}

/** How far from the end `startxref` may be (the `%%EOF` line and some trailing bytes). */
const TAIL = 2048;

/**
 * Why the last cross-reference section cannot be chained to, or null when `startxref` points at a
 * cross-reference table or stream. (Readers rebuild a damaged table by scanning; we read labels that
 * way too, but an update appended to a damaged table would be read differently by each reader.)
 */
export function xrefProblem(bytes: Uint8Array): string | null {
  const from = Math.max(0, bytes.length - TAIL);
  const tail = latin1.decode(bytes.subarray(from));
  const at = tail.lastIndexOf("startxref");
  if (at < 0) return "there is no startxref near the end of the file (truncated?)";
  const m = /^startxref\s+(\d{1,15})/.exec(tail.slice(at));
  if (!m) return "startxref is not followed by an offset";
  const offset = Number(m[1]);
  if (offset >= bytes.length) return `startxref points to byte ${offset}, past the end of the file`;
  const there = latin1.decode(bytes.subarray(offset, offset + 40));
  if (!/^\s*(?:xref\b|\d+\s+\d+\s+obj\b)/.test(there))
    return `startxref points to byte ${offset}, where there is no cross-reference section`;
  return null;
}

export interface PdfProtection {
  kind: "encrypted" | "protected";
  /** The security handler or cryptographic filter, e.g. `Standard`, `MicrosoftIRMServices`. */
  handler: string | null;
  /** One sentence for reports. */
  summary: string;
}

const MICROSOFT = "MicrosoftIRMServices";
/** The attachment name of Microsoft's first protected-PDF format. */
const LEGACY_PAYLOAD = /MicrosoftIRMServices Protected PDF\.pdf$/i;

function nameOf(context: PDFContext, obj: PDFObject | undefined): string | null {
  const v = context.lookup(obj);
  return v instanceof PDFName ? v.decodeText() : null;
}

function encryptionOf(context: PDFContext): PdfProtection | null {
  const encrypt = context.lookup(context.trailerInfo.Encrypt);
  if (!(encrypt instanceof PDFDict)) return null;
  const handler = nameOf(context, encrypt.get(PDFName.of("Filter")));
  return {
    kind: "encrypted",
    handler,
    summary:
      handler === MICROSOFT
        ? `encrypted by Microsoft Purview Information Protection (${MICROSOFT})`
        : `encrypted (${handler ?? "unknown"} security handler)`,
  };
}

/** The cryptographic filter of an encrypted-payload file specification, if `dict` is one. */
function payloadFilter(context: PDFContext, dict: PDFDict): string | null | undefined {
  if (nameOf(context, dict.get(PDFName.of("Type"))) === "EncryptedPayload")
    return nameOf(context, dict.get(PDFName.of("Subtype")));
  const ep = context.lookup(dict.get(PDFName.of("EP")));
  if (ep instanceof PDFDict) return nameOf(context, ep.get(PDFName.of("Subtype")));
  if (nameOf(context, dict.get(PDFName.of("AFRelationship"))) === "EncryptedPayload") return null;
  for (const key of ["UF", "F"]) {
    const file = textOf(context.lookup(dict.get(PDFName.of(key))));
    if (file !== null && LEGACY_PAYLOAD.test(file)) return MICROSOFT;
  }
  return undefined;
}

/** `obj` and the dictionaries directly inside it (file specifications are often direct objects). */
function* dictionariesIn(obj: PDFObject, depth = 0): Generator<PDFDict> {
  if (depth > 4) return;
  if (obj instanceof PDFDict && !(obj instanceof PDFRawStream)) {
    yield obj;
    for (const [, value] of obj.entries()) yield* dictionariesIn(value, depth + 1);
  } else if (obj instanceof PDFArray) {
    for (const value of obj.asArray()) yield* dictionariesIn(value, depth + 1);
  }
}

function wrapperOf(context: PDFContext): PdfProtection | null {
  for (const [, obj] of context.enumerateIndirectObjects()) {
    for (const dict of dictionariesIn(obj)) {
      const filter = payloadFilter(context, dict);
      if (filter === undefined) continue;
      return {
        kind: "protected",
        handler: filter,
        summary:
          filter === MICROSOFT
            ? `a Microsoft Purview protected PDF: the document is an encrypted payload (${MICROSOFT}) inside an unencrypted wrapper`
            : `a protected PDF: the document is an encrypted payload (${filter ?? "unnamed filter"}) inside an unencrypted wrapper`,
      };
    }
  }
  return null;
}

/** Encryption of the file itself first, then an encrypted payload it wraps. */
export function protectionOf(context: PDFContext): PdfProtection | null {
  return encryptionOf(context) ?? wrapperOf(context);
}
