/**
 * Labels in an OOXML package. Reading follows MS-OFFCRYPTO 2.6.3: `LabelInfo.xml` (found through the
 * package relationship) first, custom properties for tenants LabelInfo does not mention; both are
 * reported when they disagree. Writing follows docs/reference/label-metadata.md §3/§6: LabelInfo when the tenant
 * uses it (policy `labelStorage`) or the file already carries it — then our tenant's custom-property
 * keys go — otherwise `docProps/custom.xml` through the shared encoder `planPropertyUpdate`.
 */
import {
  CUSTOM_PROPERTIES_CONTENT_TYPE,
  CUSTOM_PROPERTIES_PART_NAME,
  CUSTOM_PROPERTIES_RELATIONSHIP_TYPE,
  LABEL_INFO_CONTENT_TYPE,
  LABEL_INFO_PART_NAME,
  LABEL_INFO_RELATIONSHIP_TYPE,
  type CustomProperty,
  type LabelDisagreement,
  type LabelRecord,
  type LabelRemoval,
  type LabelWrite,
  decodeCustomXmlLabels,
  decodeLabelInfo,
  disagreements,
  effectiveLabels,
  encodeLabelInfo,
  planPropertyUpdate,
  readCustomProperties,
  resolvePackageTarget,
  updateCustomPropertiesXml,
} from "../../core/metadata";
import type { LabelStorage } from "../../core/policy";
import { FileFormatError } from "./errors";
import {
  CONTENT_TYPES_PART,
  EMPTY_PACKAGE_RELS,
  PACKAGE_RELS_PART,
  addContentTypeOverride,
  addRelationship,
  freshRelationshipId,
  parseContentTypes,
  parseRelationships,
  readPartText,
} from "./opc";
import { decodeXmlBytes } from "./xmlText";
import { type ZipArchive, type ZipEntry, findEntry, readEntry } from "./zipRead";
import type { ZipChanges } from "./zipWrite";

export interface LabelLocation<T> {
  /** Part name without leading slash, e.g. `docMetadata/LabelInfo.xml`. */
  part: string;
  records: LabelRecord[];
  extra: T;
}

export interface PackageLabels {
  labelInfo: LabelLocation<{ bytes: Uint8Array }> | null;
  custom: LabelLocation<{ xml: string; properties: CustomProperty[] }> | null;
  /** One label per tenant, LabelInfo winning. */
  effective: LabelRecord[];
  /** Tenants whose custom properties contradict LabelInfo. */
  disagreements: LabelDisagreement[];
  /** Things a reader should know (an unreferenced LabelInfo part, …). */
  notes: string[];
}

const metadataPart = (name: string) => name.replace(/^\//, "");

function packageRelationships(archive: ZipArchive) {
  const xml = readPartText(archive, PACKAGE_RELS_PART);
  return { xml, rels: xml === null ? [] : parseRelationships(xml, PACKAGE_RELS_PART) };
}

function targetOfType(archive: ZipArchive, type: string): string | null {
  const rel = packageRelationships(archive).rels.find((r) => !r.external && r.type === type);
  return rel ? resolvePackageTarget(rel.target) : null;
}

function metadataError(err: unknown, part: string): FileFormatError {
  if (err instanceof FileFormatError) return err;
  const message = (err as Error).message;
  // The codecs already name the part they read ("docMetadata/LabelInfo.xml: …").
  return new FileFormatError("label-metadata", message.startsWith(part) ? message : `${part}: ${message}`);
}

export function readPackageLabels(archive: ZipArchive): PackageLabels {
  const notes: string[] = [];
  let labelInfo: PackageLabels["labelInfo"] = null;
  const labelInfoPart = targetOfType(archive, LABEL_INFO_RELATIONSHIP_TYPE);
  if (labelInfoPart) {
    const entry = findEntry(archive, labelInfoPart);
    if (!entry) notes.push(`the package relationship points to ${labelInfoPart}, which is missing`);
    else {
      const bytes = readEntry(archive, entry);
      try {
        labelInfo = { part: entry.name, records: decodeLabelInfo(decodeXmlBytes(bytes)), extra: { bytes } };
      } catch (err) {
        throw metadataError(err, entry.name);
      }
    }
  } else if (findEntry(archive, LABEL_INFO_PART_NAME)) {
    notes.push(
      `${metadataPart(LABEL_INFO_PART_NAME)} is present but no package relationship points to it; Office ignores it`,
    );
  }

  let custom: PackageLabels["custom"] = null;
  const customPart = targetOfType(archive, CUSTOM_PROPERTIES_RELATIONSHIP_TYPE);
  const customEntry = customPart ? findEntry(archive, customPart) : undefined;
  if (customEntry) {
    const xml = decodeXmlBytes(readEntry(archive, customEntry));
    try {
      custom = {
        part: customEntry.name,
        records: decodeCustomXmlLabels(xml),
        extra: { xml, properties: readCustomProperties(xml) },
      };
    } catch (err) {
      throw metadataError(err, customEntry.name);
    }
  } else if (!customPart && findEntry(archive, CUSTOM_PROPERTIES_PART_NAME)) {
    notes.push(
      `${metadataPart(CUSTOM_PROPERTIES_PART_NAME)} is present but no package relationship points to it; Office ignores it`,
    );
  }

  const infoRecords = labelInfo?.records ?? null;
  const customRecords = custom?.records ?? [];
  return {
    labelInfo,
    custom,
    effective: effectiveLabels(infoRecords, customRecords),
    disagreements: disagreements(infoRecords, customRecords),
    notes,
  };
}

/** Our tenant's label in effect, or null (none, or a removal record). */
export function tenantLabel(labels: PackageLabels, siteId: string): LabelRecord | null {
  return labels.effective.find((r) => r.siteId === siteId) ?? null;
}

export type LabelWriteTarget = "LabelInfo.xml" | "custom.xml";

/** Where a write for `siteId` goes, by policy and by what the file already carries. */
export function chooseLabelLocation(
  labels: PackageLabels,
  siteId: string,
  storage: LabelStorage,
): LabelWriteTarget {
  if (storage === "labelInfo") return "LabelInfo.xml";
  if (labels.labelInfo?.records.some((r) => r.siteId === siteId)) return "LabelInfo.xml";
  if (storage === "auto" && labels.labelInfo !== null) return "LabelInfo.xml";
  return "custom.xml";
}

/** Another tenant's LabelInfo element as the encoder takes it, or an error if it would change. */
function keepAsIs(r: LabelRecord, part: string): LabelWrite | LabelRemoval {
  if (r.removed && !r.enabled && r.labelId === r.siteId) return { siteId: r.siteId, removed: true };
  if (r.removed || !r.enabled || r.method === null || r.contentBits === null)
    throw new FileFormatError(
      "label-metadata",
      `${part} carries a label of tenant ${r.siteId} in a form that cannot be rewritten unchanged; the file is left alone`,
    );
  return {
    labelId: r.labelId,
    siteId: r.siteId,
    method: r.method,
    name: "",
    contentBits: r.contentBits,
    // LabelInfo has no SetDate or ActionId: these two are required by the encoder's type only.
    setDate: new Date(0),
    actionId: "00000000-0000-0000-0000-000000000000",
  };
}

const encoder = new TextEncoder();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

interface ChangeBuilder {
  changes: ZipChanges;
  relsXml: string | null;
  relsAdded: boolean;
  contentTypesXml: string | null;
}

function builder(archive: ZipArchive): ChangeBuilder {
  return {
    changes: { replace: new Map(), add: [] },
    relsXml: readPartText(archive, PACKAGE_RELS_PART),
    relsAdded: false,
    contentTypesXml: readPartText(archive, CONTENT_TYPES_PART),
  };
}

function putPart(archive: ZipArchive, b: ChangeBuilder, name: string, data: Uint8Array): void {
  const entry: ZipEntry | undefined = findEntry(archive, name);
  if (entry) b.changes.replace.set(entry.name.toLowerCase(), data);
  else b.changes.add.push({ name, data });
}

function ensurePackageRelationship(
  archive: ZipArchive,
  b: ChangeBuilder,
  type: string,
  target: string,
): void {
  const xml = b.relsXml ?? EMPTY_PACKAGE_RELS;
  const rels = parseRelationships(xml, PACKAGE_RELS_PART);
  if (rels.some((r) => !r.external && r.type === type && resolvePackageTarget(r.target) === target)) return;
  b.relsXml = addRelationship(xml, { id: freshRelationshipId(rels), type, target });
  b.relsAdded = true;
}

function ensureContentType(b: ChangeBuilder, partName: string, contentType: string): void {
  if (b.contentTypesXml === null)
    throw new FileFormatError("corrupt", `${CONTENT_TYPES_PART} is missing: not an OOXML package`);
  const types = parseContentTypes(b.contentTypesXml);
  if (types.overrides.has(partName.toLowerCase())) return;
  b.contentTypesXml = addContentTypeOverride(b.contentTypesXml, partName, contentType);
}

function finish(archive: ZipArchive, b: ChangeBuilder, contentTypesChanged: boolean): ZipChanges | null {
  if (b.relsAdded && b.relsXml !== null) putPart(archive, b, PACKAGE_RELS_PART, encoder.encode(b.relsXml));
  if (contentTypesChanged && b.contentTypesXml !== null)
    putPart(archive, b, CONTENT_TYPES_PART, encoder.encode(b.contentTypesXml));
  return b.changes.replace.size === 0 && b.changes.add.length === 0 ? null : b.changes;
}

function customPairs(labels: PackageLabels): Array<[string, string]> {
  return (labels.custom?.extra.properties ?? []).map((p) => [p.name, p.value]);
}

/**
 * The zip changes that make `siteId`'s label `write` (null = remove it), or null when the package
 * already says exactly that. Other tenants' labels and every other property are kept.
 */
export function planLabelChange(
  archive: ZipArchive,
  labels: PackageLabels,
  siteId: string,
  write: LabelWrite | null,
  storage: LabelStorage,
): { changes: ZipChanges | null; target: LabelWriteTarget } {
  const target = chooseLabelLocation(labels, siteId, storage);
  const b = builder(archive);
  const contentTypesBefore = b.contentTypesXml;

  if (target === "LabelInfo.xml") {
    const part = labels.labelInfo?.part ?? metadataPart(LABEL_INFO_PART_NAME);
    const existing = labels.labelInfo?.records ?? [];
    const ours: LabelWrite | LabelRemoval = write ?? { siteId, removed: true };
    const entries: Array<LabelWrite | LabelRemoval> = [];
    let placed = false;
    for (const r of existing) {
      if (r.siteId === siteId) {
        entries.push(ours);
        placed = true;
      } else entries.push(keepAsIs(r, part));
    }
    if (!placed) entries.push(ours);
    const bytes = encoder.encode(encodeLabelInfo(entries));
    if (!labels.labelInfo || !sameBytes(bytes, labels.labelInfo.extra.bytes)) {
      putPart(archive, b, part, bytes);
      if (!labels.labelInfo) {
        ensurePackageRelationship(archive, b, LABEL_INFO_RELATIONSHIP_TYPE, part);
        ensureContentType(b, "/" + part, LABEL_INFO_CONTENT_TYPE);
      }
    }
    // LabelInfo now speaks for our tenant: stale custom properties would only contradict it.
    if (labels.custom) {
      const update = planPropertyUpdate(customPairs(labels), siteId, null);
      if (update.remove.length > 0)
        putPart(
          archive,
          b,
          labels.custom.part,
          encoder.encode(updateCustomPropertiesXml(labels.custom.extra.xml, update)),
        );
    }
  } else {
    const update = planPropertyUpdate(customPairs(labels), siteId, write);
    if (Object.keys(update.set).length > 0 || update.remove.length > 0) {
      const part = labels.custom?.part ?? metadataPart(CUSTOM_PROPERTIES_PART_NAME);
      putPart(
        archive,
        b,
        part,
        encoder.encode(updateCustomPropertiesXml(labels.custom?.extra.xml ?? null, update)),
      );
      if (!labels.custom) {
        ensurePackageRelationship(archive, b, CUSTOM_PROPERTIES_RELATIONSHIP_TYPE, part);
        ensureContentType(b, "/" + part, CUSTOM_PROPERTIES_CONTENT_TYPE);
      }
    }
  }
  return { changes: finish(archive, b, b.contentTypesXml !== contentTypesBefore), target };
}
