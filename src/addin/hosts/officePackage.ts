/**
 * Labels in the bytes of an Office file (an attachment, or the open document as getFileAsync gives
 * it), by the reading rule of MS-OFFCRYPTO 2.6.3 that the CLI follows too: LabelInfo.xml, found
 * through the package relationship, first; custom properties for tenants LabelInfo does not name.
 * Only the small parts labels live in are inflated, each bounded.
 */
import {
  CUSTOM_PROPERTIES_PART_NAME,
  LABEL_INFO_RELATIONSHIP_TYPE,
  PACKAGE_RELATIONSHIPS_PART,
  decodeLabelInfo,
  effectiveLabels,
  packageRelationshipTarget,
  readCustomProperties,
  customPropertyLabels,
  type LabelRecord,
} from "../../core/metadata";
import { zipParts } from "./zipParts";

/** Label parts are a few hundred bytes; custom.xml rarely tens of KB. */
const MAX_PART_BYTES = 2 * 1024 * 1024;
const CUSTOM_PART = CUSTOM_PROPERTIES_PART_NAME.replace(/^\//, "");

export interface PackageLabels {
  /** LabelInfo.xml's records, removals included; null when the package has none. */
  labelInfo: LabelRecord[] | null;
  /** One label per tenant, LabelInfo winning (what Office and the scanner take as the labels). */
  effective: LabelRecord[];
  /** Custom properties that are not labels (another tool's classification, for label mappings). */
  properties: Array<{ name: string; value: string }>;
}

/** The named parts as text, by lower-cased name (OPC part names ignore case). */
function parts(bytes: Uint8Array, names: readonly string[]): Record<string, string> {
  return zipParts(
    bytes,
    names.map((n) => n.toLowerCase()),
    MAX_PART_BYTES,
  );
}

/**
 * LabelInfo's records (null without a LabelInfo part) and the custom properties. Throws when the
 * bytes are not a zip or a label part is broken: a caller must not read that as "no label".
 */
export function readPackageLabels(bytes: Uint8Array): PackageLabels {
  const first = parts(bytes, [PACKAGE_RELATIONSHIPS_PART, CUSTOM_PART]);
  const rels = first[PACKAGE_RELATIONSHIPS_PART];
  const target = rels === undefined ? null : packageRelationshipTarget(rels, LABEL_INFO_RELATIONSHIP_TYPE);
  const labelInfoXml = target === null ? undefined : parts(bytes, [target])[target.toLowerCase()];
  const labelInfo = labelInfoXml === undefined ? null : decodeLabelInfo(labelInfoXml);
  const customXml = first[CUSTOM_PART.toLowerCase()];
  const custom = customXml === undefined ? [] : readCustomProperties(customXml);
  const properties = custom.filter((p) => !/^msip_label_/i.test(p.name));
  return { labelInfo, effective: effectiveLabels(labelInfo, customPropertyLabels(custom)), properties };
}
