/**
 * `docMetadata/LabelInfo.xml`, the "Sensitivity Label Information" part (docs/reference/label-metadata.md §2): one
 * `clbl:label` per tenant, including records of deliberate removal. Office compares this part
 * byte-for-byte when co-authoring, so the encoder writes exactly Office's bytes.
 */
import { bracedGuid, requireGuid } from "./guid";
import { checkLabelWrite, parseContentBits, parseMethod } from "./labelAttributes";
import { type LabelRecord, type LabelWrite, MetadataFormatError, quoteForError } from "./types";
import { XMLNS_NAMESPACE, type XmlElement, childElements, parseXmlPart } from "./xml";
import { escapeXmlAttribute } from "./xmlWrite";

export const LABEL_INFO_PART_NAME = "/docMetadata/LabelInfo.xml";
export const LABEL_INFO_RELATIONSHIP_TYPE =
  "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels";
/** [MS-OI29500] also lists application/xml; Office and the Open XML SDK write this one. */
export const LABEL_INFO_CONTENT_TYPE = "application/vnd.ms-office.classificationlabels+xml";
export const LABEL_INFO_NAMESPACE = "http://schemas.microsoft.com/office/2020/mipLabelMetadata";

/** A record that the tenant's label was deliberately removed. */
export interface LabelRemoval {
  siteId: string;
  removed: true;
}

const WHERE = "docMetadata/LabelInfo.xml";
const DECLARATION = '<?xml version="1.0" encoding="utf-8" standalone="yes"?>';

/** LabelInfo attribute → the canonical name the other formats use for the same thing. */
const CANONICAL_ATTRIBUTE: Record<string, string> = {
  id: "Id",
  enabled: "Enabled",
  method: "Method",
  siteId: "SiteId",
  contentBits: "ContentBits",
  removed: "Removed",
};
const REQUIRED = ["id", "enabled", "method", "siteId", "removed"] as const;

function parseXsdBoolean(value: string, where: string, what: string): boolean {
  const v = value.trim(); // xsd:boolean collapses whitespace
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  throw new MetadataFormatError(where, `${what}=${quoteForError(value)} is not an xsd:boolean`);
}

function decodeLabelElement(e: XmlElement, where: string): LabelRecord {
  const raw = new Map<string, string>();
  const attributes: Record<string, string> = {};
  for (const a of e.attributes) {
    if (a.namespace === XMLNS_NAMESPACE) continue;
    if (a.namespace === null) raw.set(a.local, a.value);
    const canonical =
      a.namespace === null && Object.prototype.hasOwnProperty.call(CANONICAL_ATTRIBUTE, a.local);
    Object.defineProperty(attributes, canonical ? CANONICAL_ATTRIBUTE[a.local] : a.qname, {
      value: a.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  for (const name of REQUIRED) {
    if (!raw.has(name)) throw new MetadataFormatError(where, `the required ${name} attribute is missing`);
  }
  const get = (name: string) => raw.get(name) as string;
  const contentBits = raw.get("contentBits");
  return {
    labelId: requireGuid(get("id").trim(), where, "id"),
    siteId: requireGuid(get("siteId").trim(), where, "siteId"),
    enabled: parseXsdBoolean(get("enabled"), where, "enabled"),
    method: parseMethod(get("method")),
    setDate: null,
    name: null,
    contentBits: contentBits === undefined ? null : parseContentBits(contentBits, where),
    actionId: null,
    removed: parseXsdBoolean(get("removed"), where, "removed"),
    attributes,
    source: "LabelInfo.xml",
  };
}

/**
 * Every `label` element, removal records included (`removed: true`). Namespace by URI (any prefix),
 * braced or bare GUIDs, a byte-order mark and pretty-printing are all accepted; at most one element
 * per tenant.
 */
export function decodeLabelInfo(xml: string): LabelRecord[] {
  const root = parseXmlPart(xml, WHERE).root;
  if (root.namespace !== LABEL_INFO_NAMESPACE || root.local !== "labelList") {
    throw new MetadataFormatError(
      WHERE,
      `root element ${quoteForError(root.qname)} is not labelList in ${LABEL_INFO_NAMESPACE}`,
    );
  }
  const records: LabelRecord[] = [];
  const tenants = new Set<string>();
  childElements(root)
    .filter((e) => e.namespace === LABEL_INFO_NAMESPACE && e.local === "label")
    .forEach((e, index) => {
      const where = `${WHERE} label ${index + 1}`;
      const record = decodeLabelElement(e, where);
      if (tenants.has(record.siteId)) {
        throw new MetadataFormatError(where, `a second label for tenant ${record.siteId}`);
      }
      tenants.add(record.siteId);
      records.push(record);
    });
  return records;
}

function isRemoval(entry: LabelWrite | LabelRemoval): entry is LabelRemoval {
  return (entry as LabelRemoval).removed === true;
}

/**
 * Office's canonical bytes: the declaration, then one line of `clbl:label` elements with attributes
 * in the order id, enabled, method, siteId, contentBits, removed (`1`/`0` booleans, braced lower-case
 * GUIDs). A removal is written as id = siteId, `enabled="0" method=""`, no contentBits,
 * `removed="1"`. LabelInfo has no Name, SetDate or ActionId; those fields of a LabelWrite are not
 * written here.
 */
export function encodeLabelInfo(entries: ReadonlyArray<LabelWrite | LabelRemoval>): string {
  const tenants = new Set<string>();
  const labels = entries.map((entry, index) => {
    const where = `${WHERE} label ${index + 1}`;
    let element: string;
    let siteId: string;
    if (isRemoval(entry)) {
      siteId = requireGuid(String(entry.siteId), where, "siteId");
      const id = bracedGuid(siteId);
      element = `<clbl:label id="${id}" enabled="0" method="" siteId="${id}" removed="1" />`;
    } else {
      const w = checkLabelWrite(entry, where);
      siteId = w.siteId;
      element =
        `<clbl:label id="${bracedGuid(w.labelId)}" enabled="1" method="${escapeXmlAttribute(w.method)}"` +
        ` siteId="${bracedGuid(w.siteId)}" contentBits="${w.contentBits}" removed="0" />`;
    }
    if (tenants.has(siteId)) throw new MetadataFormatError(where, `a second label for tenant ${siteId}`);
    tenants.add(siteId);
    return element;
  });
  const open = `<clbl:labelList xmlns:clbl="${LABEL_INFO_NAMESPACE}"`;
  return DECLARATION + (labels.length === 0 ? `${open} />` : `${open}>${labels.join("")}</clbl:labelList>`);
}
