/**
 * What a file holds, whatever its format: the sensitive information in its text and the labels it
 * carries. Mail attachments are read the same way, recursively, within depth and size limits; an
 * attachment that cannot be read becomes a warning on its message, not a failure of the message.
 */
import { readFileSync, statSync } from "node:fs";
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
import { decodeTextBytes, streamTextFile } from "../formats/plainText";
import { StreamingDetector, mergeDetections } from "./detectText";
import { mailModule, officeFileModule } from "./onDemand";

export interface ContentLimits {
  zip: ZipLimits;
  /** Mail is parsed in memory; larger messages are skipped with a reason. */
  maxMailBytes: number;
  /** pdfjs needs the whole file in memory; larger PDFs are skipped with a reason. */
  maxPdfBytes: number;
  /** Attachments inside attachments inside … */
  maxAttachmentDepth: number;
}

export const DEFAULT_CONTENT_LIMITS: ContentLimits = {
  zip: DEFAULT_ZIP_LIMITS,
  maxMailBytes: 100 * 1024 * 1024,
  maxPdfBytes: 200 * 1024 * 1024,
  maxAttachmentDepth: 5,
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

async function readPdfInto(
  bytes: Uint8Array,
  detector: StreamingDetector,
  warnings: string[],
): Promise<void> {
  const result = await extractPdfText(bytes, (t) => detector.push(t));
  if (result.truncated) warnings.push(`only the first ${result.pages} pages were read`);
}

interface Scanned {
  detections: Detection[];
  scannedChars: number;
  capped: boolean;
}

async function scanMailBytes(
  bytes: Uint8Array,
  depth: number,
  limits: ContentLimits,
  warnings: string[],
  prefix: string,
) {
  const mail = mailModule().readMail(bytes);
  const detector = new StreamingDetector();
  for (const text of mail.texts) detector.push(text + "\n");
  const own = detector.finish();
  const parts: Detection[][] = [own.detections];
  let scannedChars = own.scannedChars;
  let capped = own.capped;
  if (mail.truncated)
    warnings.push(`${prefix}the MIME structure is nested too deeply; the rest was not read`);
  for (const attachment of mail.attachments) {
    const where = `${prefix}attachment ${attachment.name}`;
    if (depth >= limits.maxAttachmentDepth) {
      warnings.push(`${where}: attachments nested more than ${limits.maxAttachmentDepth} deep are not read`);
      continue;
    }
    try {
      const inner = await scanBytes(
        attachment.name,
        attachment.bytes,
        attachment.message,
        depth + 1,
        limits,
        warnings,
        `${where} › `,
      );
      if (!inner) continue;
      parts.push(inner.detections);
      scannedChars += inner.scannedChars;
      capped ||= inner.capped;
    } catch (err) {
      warnings.push(`${where}: ${describeError(err).message}`);
    }
  }
  return { mail, scanned: { detections: mergeDetections(parts), scannedChars, capped } };
}

/** An attachment's content; null for types we do not read (images, archives, …). */
async function scanBytes(
  name: string,
  bytes: Uint8Array,
  isMessage: boolean,
  depth: number,
  limits: ContentLimits,
  warnings: string[],
  prefix: string,
): Promise<Scanned | null> {
  const type = isMessage ? "eml" : fileTypeOf(name);
  if (type === null) return null;
  const family = familyOf(type);
  if (family === "mail") return (await scanMailBytes(bytes, depth, limits, warnings, prefix)).scanned;
  const detector = new StreamingDetector();
  if (family === "office") {
    const { openOfficePackage, packageText } = officeFileModule();
    const pkg = openOfficePackage(bufferSource(bytes), limits.zip);
    detector.push(packageText(pkg).text);
  } else if (family === "pdf") {
    if (bytes.length > limits.maxPdfBytes) throw tooLarge("the PDF", bytes.length, limits.maxPdfBytes);
    await readPdfInto(bytes, detector, warnings);
  } else {
    detector.push(decodeTextBytes(bytes));
  }
  return detector.finish();
}

/** Reads a file of a known type. Throws only when nothing at all could be read. */
export async function readFileContent(
  path: string,
  type: FileType,
  limits: ContentLimits = DEFAULT_CONTENT_LIMITS,
): Promise<FileContent> {
  const family = familyOf(type);
  const warnings: string[] = [];
  const base = { type, labels: null, labelError: null, warnings, office: null };

  if (family === "office") {
    const { officeLabels, officeText, openOfficeFile } = officeFileModule();
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
      detector.push(officeText(office).text);
      return { ...base, ...detector.finish(), labels, labelError, office };
    } catch (err) {
      office.close();
      throw err;
    }
  }

  if (family === "text") {
    const detector = new StreamingDetector();
    streamTextFile(path, (t) => detector.push(t));
    return { ...base, ...detector.finish() };
  }

  const size = statSync(path).size;
  if (family === "pdf") {
    if (size > limits.maxPdfBytes) throw tooLarge("the PDF", size, limits.maxPdfBytes);
    const detector = new StreamingDetector();
    await readPdfInto(readFileSync(path), detector, warnings);
    return { ...base, ...detector.finish() };
  }

  if (size > limits.maxMailBytes) throw tooLarge("the message", size, limits.maxMailBytes);
  const { mail, scanned } = await scanMailBytes(readFileSync(path), 0, limits, warnings, "");
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
