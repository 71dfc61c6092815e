/**
 * Labels in the bytes of an Office file (an attachment, or the open document as getFileAsync gives
 * it), by the reading rule of MS-OFFCRYPTO 2.6.3 that the CLI follows too: LabelInfo.xml, found
 * through the package relationship, first; custom properties for tenants LabelInfo does not name.
 * Only the small parts labels live in are inflated, each bounded.
 */
import { unzipSync } from "fflate";
import {
  CUSTOM_PROPERTIES_PART_NAME,
  LABEL_INFO_RELATIONSHIP_TYPE,
  PACKAGE_RELATIONSHIPS_PART,
  decodeLabelInfo,
  effectiveLabels,
  packageRelationshipTarget,
  readCustomProperties,
  decodeCustomXmlLabels,
  type LabelRecord,
} from "../../core/metadata";

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

export function utf8(bytes: Uint8Array): string {
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

function parts(bytes: Uint8Array, names: readonly string[]): Record<string, Uint8Array> {
  const wanted = names.map((n) => n.toLowerCase());
  return unzipSync(bytes, {
    filter: (f) => wanted.includes(f.name.toLowerCase()) && f.originalSize <= MAX_PART_BYTES,
  });
}

function part(files: Record<string, Uint8Array>, name: string): string | null {
  const key = Object.keys(files).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : utf8(files[key]);
}

/**
 * LabelInfo's records (null without a LabelInfo part) and the custom properties. Throws when the
 * bytes are not a zip or a label part is broken: a caller must not read that as "no label".
 */
export function readPackageLabels(bytes: Uint8Array): PackageLabels {
  const first = parts(bytes, [PACKAGE_RELATIONSHIPS_PART, CUSTOM_PART]);
  const rels = part(first, PACKAGE_RELATIONSHIPS_PART);
  const target = rels === null ? null : packageRelationshipTarget(rels, LABEL_INFO_RELATIONSHIP_TYPE);
  const labelInfoXml = target === null ? null : part(parts(bytes, [target]), target);
  const labelInfo = labelInfoXml === null ? null : decodeLabelInfo(labelInfoXml);
  const customXml = part(first, CUSTOM_PART);
  const custom = customXml === null ? [] : decodeCustomXmlLabels(customXml);
  const properties =
    customXml === null
      ? []
      : readCustomProperties(customXml)
          .filter((p) => !/^msip_label_/i.test(p.name))
          .map((p) => ({ name: p.name, value: p.value }));
  return { labelInfo, effective: effectiveLabels(labelInfo, custom), properties };
}
