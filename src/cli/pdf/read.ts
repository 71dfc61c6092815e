/**
 * Reading a PDF's labels (docs/pdf-labels.md): the label keys of the document information
 * dictionary and the `pdfx:` properties of the XMP packet, as the latest revision has them. The
 * parser reads every object in file order, so an object redefined by a later incremental update
 * replaces the earlier one and the last trailer names the /Info and /Root in force.
 */
import { readFileSync, statSync } from "node:fs";
import { PDFDict, PDFDocument, ParseSpeeds } from "@cantoo/pdf-lib";
import {
  type LabelRecord,
  decodePdfInfoLabels,
  decodeXmpLabels,
  labelGuidOfKey,
  pdfLabelsInEffect,
} from "../../core/metadata";
import { type FileIdentity, identityOf } from "../ooxml/atomic";
import { FileFormatError, describeError } from "../ooxml/errors";
import type { FsPath } from "../scan/fsPath";
import { metadataStream, stringEntries, xmpText } from "./objects";
import { type PdfProtection, protectionOf, requirePdfHeader, xrefProblem } from "./structure";

export interface PdfLabels {
  /** The information dictionary's labels (empty when it has none or cannot be read). */
  info: LabelRecord[];
  /** The XMP packet's labels; null when there is no readable packet. */
  xmp: LabelRecord[] | null;
  /** One per tenant. */
  effective: LabelRecord[];
  notes: string[];
  protection: PdfProtection | null;
}

export interface PdfFile {
  path: FsPath;
  bytes: Uint8Array;
  identity: FileIdentity;
  doc: PDFDocument;
  info: { entries: Array<[string, string]> };
  xmp: { text: string } | null;
  labels: PdfLabels;
  /** Why the label metadata cannot be read in full (what could be read is in `labels`). */
  labelError: { code: string; message: string } | null;
  /** Why the file is never rewritten (encrypted, protected, damaged), or null. */
  readOnly: { code: "encrypted" | "corrupt"; message: string } | null;
}

/** Parses the whole file; encrypted files too (their strings stay encrypted). */
export async function loadPdfDocument(bytes: Uint8Array): Promise<PDFDocument> {
  requirePdfHeader(bytes);
  try {
    return await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      forIncrementalUpdate: true,
      parseSpeed: ParseSpeeds.Fastest,
      throwOnInvalidObject: false,
    });
  } catch (err) {
    throw new FileFormatError("corrupt", `the PDF cannot be parsed: ${(err as Error).message}`);
  }
}

/** Label GUIDs named by the keys of an encrypted information dictionary (names are not encrypted). */
function encryptedInfoNote(dict: PDFDict): string | null {
  const guids = new Set<string>();
  for (const key of dict.keys()) {
    const guid = labelGuidOfKey(key.decodeText());
    if (guid) guids.add(guid);
  }
  if (guids.size === 0) return null;
  return `the information dictionary names label${guids.size > 1 ? "s" : ""} ${[...guids].join(", ")}, but its values are encrypted`;
}

interface Parts {
  info: PdfFile["info"];
  xmp: PdfFile["xmp"];
  labels: PdfLabels;
  labelError: PdfFile["labelError"];
}

function readParts(doc: PDFDocument, protection: PdfProtection | null): Parts {
  const context = doc.context;
  const encrypted = protection?.kind === "encrypted";
  const notes: string[] = [];
  let labelError: PdfFile["labelError"] = null;
  const fail = (err: unknown) => (labelError ??= describeError(err));

  const infoDict = context.lookup(context.trailerInfo.Info);
  const dict = infoDict instanceof PDFDict ? infoDict : null;
  let entries: Array<[string, string]> = [];
  let info: LabelRecord[] = [];
  if (dict && encrypted) {
    const note = encryptedInfoNote(dict);
    if (note) notes.push(note);
  } else if (dict) {
    entries = stringEntries(dict);
    try {
      info = decodePdfInfoLabels(entries);
    } catch (err) {
      fail(err);
    }
  }

  let xmp: PdfFile["xmp"] = null;
  let xmpLabels: LabelRecord[] | null = null;
  const stream = metadataStream(context, doc.catalog);
  if (stream) {
    try {
      const text = xmpText(context, stream);
      xmpLabels = decodeXmpLabels(text);
      xmp = { text };
    } catch (err) {
      // Encrypted metadata is expected to be unreadable; cleartext metadata (EncryptMetadata false) is not.
      if (encrypted) notes.push("the XMP metadata is encrypted");
      else fail(err);
    }
  }
  const inEffect = pdfLabelsInEffect(info, xmpLabels);
  notes.push(...inEffect.notes);
  if (protection) notes.push(`${protection.summary}: its label is reported, never rewritten`);
  return {
    info: { entries },
    xmp,
    labels: { info, xmp: xmpLabels, effective: inEffect.effective, notes, protection },
    labelError,
  };
}

/** The labels of a PDF held in memory. Throws FileFormatError only when it is not a readable PDF. */
export async function readPdfBytes(bytes: Uint8Array): Promise<Omit<PdfFile, "path" | "identity">> {
  const doc = await loadPdfDocument(bytes);
  const protection = protectionOf(doc.context);
  const parts = readParts(doc, protection);
  const damaged = xrefProblem(bytes);
  if (damaged)
    parts.labels.notes.push(
      `the cross-reference table is damaged (${damaged}); labels were read by scanning the objects`,
    );
  const readOnly: PdfFile["readOnly"] = protection
    ? { code: "encrypted", message: `the PDF is ${protection.summary}; Labelbridge never rewrites it` }
    : damaged
      ? {
          code: "corrupt",
          message: `the PDF's cross-reference table is damaged (${damaged}); repair it before labeling`,
        }
      : null;
  return { bytes, doc, ...parts, readOnly };
}

/** Reads a PDF file and its labels, within `maxBytes`. */
export async function openPdfFile(path: FsPath, maxBytes: number): Promise<PdfFile> {
  const stats = statSync(path);
  if (stats.size > maxBytes)
    throw new FileFormatError(
      "too-large",
      `the PDF is ${stats.size} bytes; files over ${maxBytes} bytes are skipped`,
    );
  const bytes = readFileSync(path);
  return { path, identity: identityOf(stats), ...(await readPdfBytes(bytes)) };
}
