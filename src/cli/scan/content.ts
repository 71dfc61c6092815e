/**
 * What a file holds, whatever its format: the sensitive information in its text and the labels it
 * carries. Mail attachments are read the same way, recursively, within depth and size limits; an
 * attachment that cannot be read becomes a warning on its message, not a failure of the message.
 */
import { readFileSync, statSync } from "node:fs";
import {
  DEFAULT_DECODE_LIMITS,
  DecodeBudget,
  type DecodeLimits,
  formatSize,
  isDecodeLimit,
} from "../formats/budget";
import type { Detection } from "../../core/detect";
import type { LabelDisagreement, LabelRecord } from "../../core/metadata";
import type { EpmsHeader } from "../../core/marking";
import { FileFormatError, describeError } from "../ooxml/errors";
import type { OpenOfficeFile } from "../ooxml/officeFile";
import type { PackageLabels } from "../ooxml/labels";
import { bufferSource } from "../ooxml/source";
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from "../ooxml/zipRead";
import { type FileType, familyOf, fileTypeOf } from "../formats/fileType";
import { extractPdfText } from "../formats/pdf";
import { decodeTextBytes, streamTextBytes, streamTextFile } from "../formats/plainText";
import { StreamingDetector, mergeDetections } from "./detectText";
import type { FsPath } from "./fsPath";
import { mailModule, officeFileModule, pdfStreamsModule } from "./onDemand";

export interface ContentLimits {
  zip: ZipLimits;
  /** Mail is parsed in memory; larger messages are skipped with a reason. */
  maxMailBytes: number;
  /** pdfjs needs the whole file in memory; larger PDFs are skipped with a reason. */
  maxPdfBytes: number;
  /** Attachments inside attachments inside … */
  maxAttachmentDepth: number;
  /** Bytes and time one file may decode, over every part, stream and attachment it holds. */
  decode: DecodeLimits;
}

export const DEFAULT_CONTENT_LIMITS: ContentLimits = {
  zip: DEFAULT_ZIP_LIMITS,
  maxMailBytes: 100 * 1024 * 1024,
  maxPdfBytes: 200 * 1024 * 1024,
  maxAttachmentDepth: 5,
  decode: DEFAULT_DECODE_LIMITS,
};

/** Labels as found, for any format; `location` names where each record was read. */
export interface FoundLabels {
  effective: LabelRecord[];
  disagreements: LabelDisagreement[];
  notes: string[];
  /** Office: the package's label parts; mail: the headers. */
  office?: PackageLabels;
  mailHeaders?: LabelRecord[];
  protectiveMarking?: EpmsHeader | null;
}

export interface FileContent {
  type: FileType;
  detections: Detection[];
  scannedChars: number;
  capped: boolean;
  labels: FoundLabels | null;
  /** Why labels could not be read (the text may still have been scanned). */
  labelError: { code: string; message: string } | null;
  warnings: string[];
  /** Office files stay open so that enforce can write without reading twice; the caller closes. */
  office: OpenOfficeFile | null;
}

export function locationOf(record: LabelRecord, labels: FoundLabels): string {
  if (record.source === "LabelInfo.xml") return labels.office?.labelInfo?.part ?? "docMetadata/LabelInfo.xml";
  if (record.source === "custom.xml") return labels.office?.custom?.part ?? "docProps/custom.xml";
  if (record.source === "msip_labels") return "msip_labels header";
  return record.source;
}

function tooLarge(what: string, size: number, limit: number): FileFormatError {
  return new FileFormatError("too-large", `${what} is ${size} bytes; files over ${limit} bytes are skipped`);
}

function officeFound(labels: PackageLabels): FoundLabels {
  return {
    effective: labels.effective,
    disagreements: labels.disagreements,
    notes: labels.notes,
    office: labels,
  };
}

/** Text that stopped at the decode budget: what was read is scanned, and the row says so. */
export function cutWarning(prefix: string, why: string): string {
  return `${prefix}content cut: ${why}; the text before it was scanned`;
}

/** pdfjs cannot be bounded, so the PDF's streams are measured against the budget first. */
async function readPdfInto(
  bytes: Uint8Array,
  detector: StreamingDetector,
  warnings: string[],
  budget: DecodeBudget,
): Promise<void> {
  await pdfStreamsModule().checkPdfStreams(bytes, budget);
  const result = await extractPdfText(
    bytes,
    (t) => detector.push(t),
    () => budget.checkTime("the PDF"),
  );
  if (result.truncated) warnings.push(`only the first ${result.pages} pages were read`);
}

async function readOfficeInto(
  pkg: Parameters<ReturnType<typeof officeFileModule>["streamPackageText"]>[0],
  detector: StreamingDetector,
  warnings: string[],
  budget: DecodeBudget,
  prefix: string,
): Promise<void> {
  const result = await officeFileModule().streamPackageText(pkg, (t) => detector.push(t), budget);
  if (result.cut !== null) warnings.push(cutWarning(prefix, result.cut));
}

interface Scanned {
  detections: Detection[];
  scannedChars: number;
  capped: boolean;
}

interface Reading {
  limits: ContentLimits;
  budget: DecodeBudget;
  warnings: string[];
}

async function scanMailBytes(bytes: Uint8Array, depth: number, reading: Reading, prefix: string) {
  const { limits, budget, warnings } = reading;
  const mail = mailModule().readMail(bytes, budget);
  const detector = new StreamingDetector();
  for (const text of mail.texts) detector.push(text + "\n");
  const own = detector.finish();
  const parts: Detection[][] = [own.detections];
  let scannedChars = own.scannedChars;
  let capped = own.capped;
  if (mail.truncated)
    warnings.push(`${prefix}the MIME structure is nested too deeply; the rest was not read`);
  for (const [index, attachment] of mail.attachments.entries()) {
    const where = `${prefix}attachment ${attachment.name}`;
    if (budget.remaining === 0) {
      // The whole message shares one budget: once it is spent, no later attachment can be read.
      warnings.push(
        `${prefix}${mail.attachments.length - index} later attachment(s) not read: the file's decode budget (${formatSize(budget.limits.maxDecodedBytes)}) is spent`,
      );
      break;
    }
    if (depth >= limits.maxAttachmentDepth) {
      warnings.push(`${where}: attachments nested more than ${limits.maxAttachmentDepth} deep are not read`);
      continue;
    }
    try {
      const inner = await scanBytes(attachment, depth + 1, reading, `${where} › `);
      if (!inner) continue;
      parts.push(inner.detections);
      scannedChars += inner.scannedChars;
      capped ||= inner.capped;
    } catch (err) {
      const e = describeError(err);
      warnings.push(`${where}: ${isDecodeLimit(err) ? `skipped: ${e.message}` : e.message}`);
    }
  }
  return { mail, scanned: { detections: mergeDetections(parts), scannedChars, capped } };
}

/** An attachment's content; null for types we do not read (images, archives, …). */
async function scanBytes(
  attachment: { name: string; bytes: Uint8Array; message: boolean; sizeBound: number },
  depth: number,
  reading: Reading,
  prefix: string,
): Promise<Scanned | null> {
  const { limits, budget, warnings } = reading;
  const type = attachment.message ? "eml" : fileTypeOf(attachment.name);
  if (type === null) return null;
  const family = familyOf(type);
  const bytes = attachment.bytes;
  budget.charge(bytes.length, attachment.name);
  if (family === "pdf" && bytes.length > limits.maxPdfBytes)
    throw tooLarge("the PDF", bytes.length, limits.maxPdfBytes);
  if (family === "mail") return (await scanMailBytes(bytes, depth, reading, prefix)).scanned;
  const detector = new StreamingDetector();
  if (family === "office") {
    const pkg = officeFileModule().openOfficePackage(bufferSource(bytes), limits.zip);
    await readOfficeInto(pkg, detector, warnings, budget, prefix);
  } else if (family === "pdf") {
    await readPdfInto(bytes, detector, warnings, budget);
  } else {
    detector.push(decodeTextBytes(bytes));
  }
  return detector.finish();
}

/**
 * Reads a file of a known type. Throws only when nothing at all could be read. `textBytes`: a text
 * file's whole content, when the caller has just read it; other types are read from `path`.
 */
export async function readFileContent(
  path: FsPath,
  type: FileType,
  limits: ContentLimits = DEFAULT_CONTENT_LIMITS,
  textBytes?: Uint8Array,
): Promise<FileContent> {
  const family = familyOf(type);
  const warnings: string[] = [];
  const budget = new DecodeBudget(limits.decode);
  const reading: Reading = { limits, budget, warnings };
  const base = { type, labels: null, labelError: null, warnings, office: null };

  if (family === "office") {
    const { officeLabels, openOfficeFile } = officeFileModule();
    const office = openOfficeFile(path, limits.zip);
    try {
      let labels: FoundLabels | null = null;
      let labelError: FileContent["labelError"] = null;
      try {
        labels = officeFound(officeLabels(office));
      } catch (err) {
        labelError = describeError(err);
      }
      const detector = new StreamingDetector();
      await readOfficeInto(office.pkg, detector, warnings, budget, "");
      return { ...base, ...detector.finish(), labels, labelError, office };
    } catch (err) {
      office.close();
      throw err;
    }
  }

  if (family === "text") {
    const detector = new StreamingDetector();
    if (textBytes) streamTextBytes(textBytes, (t) => detector.push(t));
    else streamTextFile(path, (t) => detector.push(t));
    return { ...base, ...detector.finish() };
  }

  const size = statSync(path).size;
  if (family === "pdf") {
    if (size > limits.maxPdfBytes) throw tooLarge("the PDF", size, limits.maxPdfBytes);
    const detector = new StreamingDetector();
    await readPdfInto(readFileSync(path), detector, warnings, budget);
    return { ...base, ...detector.finish() };
  }

  if (size > limits.maxMailBytes) throw tooLarge("the message", size, limits.maxMailBytes);
  const { mail, scanned } = await scanMailBytes(readFileSync(path), 0, reading, "");
  const labels: FoundLabels = {
    effective: mail.headerLabels.filter((r) => r.enabled),
    disagreements: [],
    notes: mail.protectiveMarkingError ? [`X-Protective-Marking: ${mail.protectiveMarkingError}`] : [],
    mailHeaders: mail.headerLabels,
    protectiveMarking: mail.protectiveMarking,
  };
  const labelError = mail.labelError === null ? null : { code: "label-metadata", message: mail.labelError };
  return { ...base, ...scanned, labels, labelError };
}
