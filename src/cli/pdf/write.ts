/**
 * Writing a PDF's label (docs/pdf-labels.md) as an incremental update: the original bytes stay
 * as they are and a new revision is appended with the information dictionary and the XMP packet
 * rewritten. Our tenant's keys are replaced through the shared encoder `planPropertyUpdate` (so
 * PDFs carry the same key set as Office files); other tenants' keys and every other entry stay.
 * The result is re-read and checked in memory, then replaces the file atomically; on any failure
 * the original is left byte-identical.
 */
import { readFileSync } from "node:fs";
import { PDFDict, PDFName, PDFNumber, type PDFObject, type PDFRef } from "@cantoo/pdf-lib";
import {
  type LabelRecord,
  type LabelWrite,
  type PropertyUpdate,
  encodeLabelProperties,
  planPropertyUpdate,
  readXmpPdfxProperties,
  updateXmpLabels,
} from "../../core/metadata";
import { type AtomicFs, replaceAtomically } from "../ooxml/atomic";
import { FileFormatError } from "../ooxml/errors";
import { pdfTextString } from "./objects";
import { type PdfFile, readPdfBytes } from "./read";

export const PDF_LABEL_TARGET = "PDF Info and XMP";

export interface PdfWriteOptions {
  dryRun: boolean;
  fs?: AtomicFs;
}

function changes(update: PropertyUpdate, existing: ReadonlyArray<readonly [string, string]>): boolean {
  const current = new Map(existing);
  return update.remove.length > 0 || Object.keys(update.set).some((k) => current.get(k) !== update.set[k]);
}

/** The dictionary with our keys first (as Office writes them), then every other entry in order. */
function infoDictWith(file: PdfFile, update: PropertyUpdate): PDFDict {
  const context = file.doc.context;
  const old = context.lookup(context.trailerInfo.Info);
  const drop = new Set([...update.remove, ...Object.keys(update.set)].map((k) => k.toLowerCase()));
  const dict = PDFDict.withContext(context);
  for (const [key, value] of Object.entries(update.set)) dict.set(PDFName.of(key), pdfTextString(value));
  if (old instanceof PDFDict)
    for (const [key, value] of old.entries() as Array<[PDFName, PDFObject]>)
      if (!drop.has(key.decodeText().toLowerCase())) dict.set(key, value);
  return dict;
}

/**
 * New object numbers above every number the file has used (its /Size too, which can count objects
 * the parser never saw). New objects also keep the appended trailer's /Size right: the library
 * writes it one short when the file's highest-numbered object is not part of the update.
 */
function registerNew(file: PdfFile, obj: PDFObject): PDFRef {
  const context = file.doc.context;
  const size = context.lookup(context.trailerInfo.Size);
  if (size instanceof PDFNumber)
    context.largestObjectNumber = Math.max(context.largestObjectNumber, size.asNumber() - 1);
  return context.register(obj);
}

/** The appended revision: a new /Info and a new XMP stream that the trailer and catalog point to. */
async function appendedRevision(
  file: PdfFile,
  info: PropertyUpdate,
  xmp: PropertyUpdate,
): Promise<Uint8Array> {
  const { doc } = file;
  const context = doc.context;
  const snapshot = context.snapshot;
  if (!snapshot) throw new FileFormatError("unsupported", "the PDF was not opened for an incremental update");
  context.trailerInfo.Info = registerNew(file, infoDictWith(file, info));
  // A PDF without XMP gets a packet only to carry a label, not for a removal.
  if (file.xmp || Object.keys(xmp.set).length > 0) {
    const packet = new TextEncoder().encode(updateXmpLabels(file.xmp?.text ?? null, xmp));
    const stream = context.stream(packet, { Type: "Metadata", Subtype: "XML" });
    doc.catalog.set(PDFName.of("Metadata"), registerNew(file, stream));
  }
  // Classic cross-reference section: every reader follows /Prev from it, whatever the file had before.
  return doc.saveIncremental(snapshot, { useObjectStreams: false });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const othersOf = (records: readonly LabelRecord[] | null, siteId: string) =>
  JSON.stringify((records ?? []).filter((r) => r.siteId !== siteId).map((r) => [r.labelId, r.attributes]));

/** Re-reads the new bytes and throws unless they say exactly what we meant, and nothing else changed. */
async function verify(
  file: PdfFile,
  bytes: Uint8Array,
  siteId: string,
  write: LabelWrite | null,
): Promise<void> {
  const fail = (what: string): never => {
    throw new FileFormatError(
      "verify-failed",
      `the labeled PDF did not read back as written (${what}); the file was left unchanged`,
    );
  };
  if (!sameBytes(bytes.subarray(0, file.bytes.length), file.bytes)) fail("original bytes changed");
  const again = await readPdfBytes(bytes);
  if (again.labelError) fail(again.labelError.message);
  const prefix = write ? `MSIP_Label_${write.labelId}_` : "";
  const wanted = write
    ? Object.entries(encodeLabelProperties(write)).map(([k, v]) => [k.slice(prefix.length), v] as const)
    : [];
  const places = [
    ["information dictionary", again.labels.info, file.labels.info],
    ["XMP metadata", again.labels.xmp ?? [], file.labels.xmp ?? []],
  ] as const;
  for (const [place, after, before] of places) {
    const ours = after.filter((r) => r.siteId === siteId);
    if (!write && ours.length > 0) fail(`${place} still carries our tenant's label`);
    if (write && (ours.length !== 1 || ours[0].labelId !== write.labelId))
      fail(`${place}: our tenant's label`);
    for (const [suffix, value] of wanted)
      if (ours[0].attributes[suffix] !== value) fail(`${place}: ${suffix}`);
    if (othersOf(after, siteId) !== othersOf(before, siteId)) fail(`${place}: other tenants' labels`);
  }
}

const CHUNK = 1024 * 1024;

/**
 * Makes `siteId`'s label `write` (null removes it) in both places. Returns whether anything changed;
 * with dryRun nothing is written. Throws (file untouched) when the PDF must not or cannot be changed.
 */
export async function writePdfLabel(
  file: PdfFile,
  siteId: string,
  write: LabelWrite | null,
  options: PdfWriteOptions,
): Promise<{ changed: boolean; target: string }> {
  if (file.readOnly) throw new FileFormatError(file.readOnly.code, file.readOnly.message);
  if (file.labelError)
    throw new FileFormatError("label-metadata", `${file.labelError.message}; the label is not written`);
  const xmpPairs = file.xmp ? readXmpPdfxProperties(file.xmp.text) : [];
  const info = planPropertyUpdate(file.info.entries, siteId, write);
  const xmp = planPropertyUpdate(xmpPairs, siteId, write);
  const changed = changes(info, file.info.entries) || changes(xmp, xmpPairs);
  if (!changed || options.dryRun) return { changed, target: PDF_LABEL_TARGET };

  const bytes = concat(file.bytes, await appendedRevision(file, info, xmp));
  await verify(file, bytes, siteId, write);
  replaceAtomically(
    file.path,
    file.identity,
    {
      produce: (sink) => {
        for (let at = 0; at < bytes.length; at += CHUNK) sink.write(bytes.subarray(at, at + CHUNK));
      },
      verify: (temp) => {
        if (!sameBytes(readFileSync(temp), bytes))
          throw new FileFormatError(
            "verify-failed",
            "the temporary file does not hold what was written; the file was left unchanged",
          );
      },
    },
    options.fs,
  );
  return { changed: true, target: PDF_LABEL_TARGET };
}
