/**
 * Every label a file carries, from every location and for every tenant: LabelInfo.xml and custom
 * properties for Office files (with the one in effect and any disagreement), headers for mail
 * (`msip_labels`, the legacy per-attribute headers, `X-Protective-Marking`), the labels of a
 * message's Office and mail attachments, and a PDF's information dictionary and XMP packet.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import type { LabelRecord } from "../../core/metadata";
import type { EpmsHeader } from "../../core/marking";
import type { EffectivePolicy } from "../../core/policy";
import { readMail } from "../formats/eml";
import { type FileType, familyOf, fileTypeOf } from "../formats/fileType";
import { describeError } from "../ooxml/errors";
import { type PackageLabels, readPackageLabels } from "../ooxml/labels";
import { openOfficePackage } from "../ooxml/officeFile";
import { type ByteSource, bufferSource, fileSource } from "../ooxml/source";
import { DEFAULT_CONTENT_LIMITS } from "./content";
import { pdfReadModule } from "./onDemand";
import { type FsPath, displayPath } from "./fsPath";
import { fullLabelName } from "./policyUse";
import { type MappedLabelReport, mappedLabelOf } from "./mapped";

export interface InspectedLabel {
  labelId: string;
  siteId: string;
  enabled: boolean;
  removed: boolean;
  method: "Standard" | "Privileged" | null;
  name: string | null;
  /** With a policy: the label's full display name when it is our tenant's. */
  displayName: string | null;
  setDate: string | null;
  contentBits: number | null;
  actionId: string | null;
  /** Every attribute literally as written. */
  attributes: Record<string, string>;
  location: string;
}

export interface Inspection {
  path: string;
  type: FileType | null;
  size: number;
  /** One per tenant: the labels in effect. */
  labels: InspectedLabel[];
  labelInfo: { part: string; labels: InspectedLabel[] } | null;
  customProperties: { part: string; labels: InspectedLabel[]; otherProperties: string[] } | null;
  headers: InspectedLabel[] | null;
  /** A PDF's two places (XMP null when it has no readable packet) and its protection, if any. */
  pdf: { info: InspectedLabel[]; xmp: InspectedLabel[] | null; protection: string | null } | null;
  protectiveMarking: EpmsHeader | null;
  disagreements: Array<{ siteId: string; labelInfo: InspectedLabel; customProperties: InspectedLabel }>;
  /** With a policy: what the file carries as found and our label it means (the tenant's label mappings). */
  mapping: MappedLabelReport | null;
  notes: string[];
  attachments: Inspection[];
  error: { code: string; message: string } | null;
}

function inspected(r: LabelRecord, location: string, policy: EffectivePolicy | null): InspectedLabel {
  return {
    labelId: r.labelId,
    siteId: r.siteId,
    enabled: r.enabled,
    removed: r.removed,
    method: r.method,
    name: r.name,
    displayName: policy && r.siteId === policy.siteId ? fullLabelName(policy, r.labelId) : null,
    setDate: r.setDate,
    contentBits: r.contentBits,
    actionId: r.actionId,
    attributes: { ...r.attributes },
    location,
  };
}

function empty(path: string, type: FileType | null, size: number): Inspection {
  return {
    path,
    type,
    size,
    labels: [],
    labelInfo: null,
    customProperties: null,
    headers: null,
    pdf: null,
    protectiveMarking: null,
    disagreements: [],
    mapping: null,
    notes: [],
    attachments: [],
    error: null,
  };
}

function fromPackage(result: Inspection, labels: PackageLabels, policy: EffectivePolicy | null): void {
  const infoPart = labels.labelInfo?.part ?? "docMetadata/LabelInfo.xml";
  const customPart = labels.custom?.part ?? "docProps/custom.xml";
  const where = (r: LabelRecord) => (r.source === "LabelInfo.xml" ? infoPart : customPart);
  result.labels = labels.effective.map((r) => inspected(r, where(r), policy));
  result.labelInfo = labels.labelInfo
    ? {
        part: labels.labelInfo.part,
        labels: labels.labelInfo.records.map((r) => inspected(r, infoPart, policy)),
      }
    : null;
  result.customProperties = labels.custom
    ? {
        part: labels.custom.part,
        labels: labels.custom.records.map((r) => inspected(r, customPart, policy)),
        otherProperties: labels.custom.extra.properties
          .map((p) => p.name)
          .filter((n) => !/^msip_label_/i.test(n)),
      }
    : null;
  result.disagreements = labels.disagreements.map((d) => ({
    siteId: d.siteId,
    labelInfo: inspected(d.labelInfo, infoPart, policy),
    customProperties: inspected(d.custom, customPart, policy),
  }));
  result.notes.push(...labels.notes);
  result.mapping = mappedLabelOf(labels.effective, labels.custom?.extra.properties ?? [], policy);
}

function inspectOffice(result: Inspection, source: ByteSource, policy: EffectivePolicy | null): void {
  try {
    fromPackage(result, readPackageLabels(openOfficePackage(source).archive), policy);
  } finally {
    source.close();
  }
}

const MAX_DEPTH = 5;

function inspectMail(
  result: Inspection,
  bytes: Uint8Array,
  policy: EffectivePolicy | null,
  depth: number,
): void {
  const mail = readMail(bytes);
  result.headers = mail.headerLabels.map((r) => inspected(r, "msip_labels header", policy));
  result.labels = result.headers.filter((l) => l.enabled);
  result.mapping = mappedLabelOf(
    mail.headerLabels.filter((l) => l.enabled),
    [],
    policy,
  );
  result.protectiveMarking = mail.protectiveMarking;
  if (mail.labelError) result.error = { code: "label-metadata", message: mail.labelError };
  if (mail.protectiveMarkingError) result.notes.push(`X-Protective-Marking: ${mail.protectiveMarkingError}`);
  if (depth >= MAX_DEPTH) return;
  for (const a of mail.attachments) {
    const type: FileType | null = a.message ? "eml" : fileTypeOf(a.name);
    if (!type || (familyOf(type) !== "office" && familyOf(type) !== "mail")) continue;
    result.attachments.push(inspectBytes(a.name, type, a.bytes, policy, depth + 1));
  }
}

function inspectBytes(
  name: string,
  type: FileType,
  bytes: Uint8Array,
  policy: EffectivePolicy | null,
  depth: number,
): Inspection {
  const result = empty(name, type, bytes.length);
  try {
    if (familyOf(type) === "office") inspectOffice(result, bufferSource(bytes), policy);
    else inspectMail(result, bytes, policy, depth);
  } catch (err) {
    result.error = describeError(err);
  }
  return result;
}

/** Never throws: an unreadable file comes back with `error` set. */
export function inspectFile(path: FsPath, policy: EffectivePolicy | null = null): Inspection {
  const shown = displayPath(path);
  const type = fileTypeOf(shown);
  let size = 0;
  const result = empty(shown, type, 0);
  try {
    size = statSync(path).size;
    result.size = size;
    if (type === null) {
      result.notes.push(`${basename(shown)}: not a file type Labelbridge reads`);
      return result;
    }
    const family = familyOf(type);
    if (family === "office") inspectOffice(result, fileSource(path), policy);
    else if (family === "mail") inspectMail(result, readFileSync(path), policy, 0);
    else if (family === "pdf")
      result.error = { code: "unsupported", message: "PDF labels are read asynchronously, by inspect()" };
    else result.notes.push(`.${type} files carry no label metadata that Labelbridge reads`);
  } catch (err) {
    result.error = describeError(err);
  }
  return result;
}

async function inspectPdf(result: Inspection, path: FsPath, policy: EffectivePolicy | null): Promise<void> {
  const file = await pdfReadModule().openPdfFile(path, DEFAULT_CONTENT_LIMITS.maxPdfBytes);
  result.size = file.bytes.length;
  const labels = file.labels;
  result.labels = labels.effective.map((r) => inspected(r, r.source, policy));
  result.pdf = {
    info: labels.info.map((r) => inspected(r, r.source, policy)),
    xmp: labels.xmp?.map((r) => inspected(r, r.source, policy)) ?? null,
    protection: labels.protection?.summary ?? null,
  };
  result.notes.push(...labels.notes);
  result.mapping = mappedLabelOf(labels.effective, [], policy);
  if (file.labelError) result.error = file.labelError;
}

/** Every file type, PDFs included (their reader is asynchronous). Never throws. */
export async function inspect(path: FsPath, policy: EffectivePolicy | null = null): Promise<Inspection> {
  const type = fileTypeOf(displayPath(path));
  if (type === null || familyOf(type) !== "pdf") return inspectFile(path, policy);
  const result = empty(displayPath(path), type, 0);
  try {
    await inspectPdf(result, path, policy);
  } catch (err) {
    result.error = describeError(err);
  }
  return result;
}
