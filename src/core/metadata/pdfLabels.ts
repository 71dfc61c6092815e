/**
 * Labels in a PDF (docs/pdf-labels.md): the `MSIP_Label_<guid>_<Attribute>` keys as entries of the
 * document information dictionary and as `pdfx:` properties of the XMP packet, in both places with
 * the same key set as Office's custom properties. This module maps between those key/value pairs and
 * label records, decides which label is in effect, and edits the XMP packet; the CLI reads and
 * writes the PDF objects themselves.
 */
import { parseLabelKey, parseMethod } from "./labelAttributes";
import type { PropertyUpdate } from "./propertySet";
import { labelRecordsFromProperties } from "./propertySet";
import { type LabelRecord, MetadataFormatError, parseSetDate, quoteForError } from "./types";
import {
  NamespaceScope,
  XMLNS_NAMESPACE,
  type XmlDocument,
  type XmlElement,
  type XmlNode,
  childElements,
  parseXmlPart,
  prefixFor,
} from "./xml";
import { requireXmlChars, serializeXmlNode } from "./xmlWrite";

/** Acrobat's namespace for custom document-information entries mirrored into XMP. */
export const PDFX_NAMESPACE = "http://ns.adobe.com/pdfx/1.3/";
export const RDF_NAMESPACE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const XMPMETA_NAMESPACE = "adobe:ns:meta/";

const INFO_WHERE = "PDF document information dictionary";
const XMP_WHERE = "PDF XMP metadata";

/** A packet for a PDF that has none: the xpacket wrapper readers look for, an empty rdf:RDF. */
const EMPTY_PACKET =
  '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
  `<x:xmpmeta xmlns:x="${XMPMETA_NAMESPACE}"><rdf:RDF xmlns:rdf="${RDF_NAMESPACE}">\n</rdf:RDF></x:xmpmeta>\n` +
  '<?xpacket end="w"?>';

/**
 * Microsoft's labeling of existing PDFs writes `Extended_MSFT_Method=Standard|Privileged` instead of
 * `Method` (the old AIP client wrote `Automatic|Manual` there, which the shared decoder maps).
 */
function withExtendedMethod(records: LabelRecord[]): LabelRecord[] {
  return records.map((r) =>
    r.method !== null ? r : { ...r, method: parseMethod(r.attributes.Extended_MSFT_Method) },
  );
}

/** The labels among the information dictionary's entries (names without the leading slash). */
export function decodePdfInfoLabels(entries: Iterable<readonly [string, string]>): LabelRecord[] {
  return withExtendedMethod(labelRecordsFromProperties(entries, "PDF Info", INFO_WHERE));
}

/** The label GUID a key names (`MSIP_Label_<guid>_<Attribute>`), or null for any other key. */
export function labelGuidOfKey(key: string): string | null {
  try {
    return parseLabelKey(key, "key")?.labelId ?? null;
  } catch {
    return null;
  }
}

function findRdf(doc: XmlDocument): XmlElement {
  const isRdf = (e: XmlElement) => e.namespace === RDF_NAMESPACE && e.local === "RDF";
  if (isRdf(doc.root)) return doc.root;
  const rdf = childElements(doc.root).find(isRdf);
  if (!rdf) throw new MetadataFormatError(XMP_WHERE, "the packet has no rdf:RDF element");
  return rdf;
}

function descriptions(rdf: XmlElement): XmlElement[] {
  return childElements(rdf).filter((e) => e.namespace === RDF_NAMESPACE && e.local === "Description");
}

function simpleText(e: XmlElement): string {
  if (e.children.some((c) => c.kind === "element")) {
    throw new MetadataFormatError(XMP_WHERE, `pdfx:${quoteForError(e.local)} is not a simple text value`);
  }
  return e.children.map((c) => (c.kind === "text" || c.kind === "cdata" ? c.text : "")).join("");
}

/** Every `pdfx:` property of the packet, as (local name, value), element and attribute forms alike. */
export function readXmpPdfxProperties(xml: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const d of descriptions(findRdf(parseXmlPart(xml, XMP_WHERE)))) {
    for (const a of d.attributes) if (a.namespace === PDFX_NAMESPACE) pairs.push([a.local, a.value]);
    for (const e of childElements(d))
      if (e.namespace === PDFX_NAMESPACE) pairs.push([e.local, simpleText(e)]);
  }
  return pairs;
}

/** The labels among the packet's `pdfx:` properties. */
export function decodeXmpLabels(xml: string): LabelRecord[] {
  return withExtendedMethod(labelRecordsFromProperties(readXmpPdfxProperties(xml), "PDF XMP", XMP_WHERE));
}

function attributeIgnoringCase(r: LabelRecord, suffix: string): string | undefined {
  const key = Object.keys(r.attributes).find((k) => k.toLowerCase() === suffix.toLowerCase());
  return key === undefined ? undefined : r.attributes[key];
}

/** Microsoft's labeling of existing PDFs writes `Removed=True` for a label no longer applied. */
function isApplied(r: LabelRecord): boolean {
  return r.enabled && !r.removed && attributeIgnoringCase(r, "Removed")?.trim().toLowerCase() !== "true";
}

function setTime(r: LabelRecord): number {
  return (r.setDate === null ? null : parseSetDate(r.setDate))?.getTime() ?? -Infinity;
}

/**
 * One label per tenant from one place. A sublabel applied by Microsoft's PDF labeling carries a full
 * key set for its parent too, and names it in `Parent`: the parent is not a second label. When stale
 * keys still leave two, the most recently set wins (the first on a tie).
 */
export function pdfLabelsPerTenant(records: readonly LabelRecord[]): Map<string, LabelRecord> {
  const applied = records.filter(isApplied);
  const parents = new Set(
    applied.map((r) => `${r.siteId} ${(attributeIgnoringCase(r, "Parent") ?? "").trim().toLowerCase()}`),
  );
  const chosen = new Map<string, LabelRecord>();
  for (const r of applied) {
    if (parents.has(`${r.siteId} ${r.labelId}`)) continue;
    const current = chosen.get(r.siteId);
    if (!current || setTime(r) > setTime(current)) chosen.set(r.siteId, r);
  }
  return chosen;
}

export interface PdfLabelsInEffect {
  /** One per tenant: the information dictionary's, else the XMP packet's. */
  effective: LabelRecord[];
  /** Tenants whose two places disagree, in words. */
  notes: string[];
}

function describe(r: LabelRecord | undefined): string {
  return r ? `label ${r.labelId}${r.name ? ` (${r.name})` : ""}` : "no label";
}

/**
 * The label in effect per tenant. Both places should say the same; when they do not, the
 * information dictionary wins, because it is what PDF tools update and mirror into XMP. `xmp` is
 * null when the PDF has no XMP packet (nothing to disagree with).
 */
export function pdfLabelsInEffect(
  info: readonly LabelRecord[],
  xmp: readonly LabelRecord[] | null,
): PdfLabelsInEffect {
  const fromInfo = pdfLabelsPerTenant(info);
  const fromXmp = pdfLabelsPerTenant(xmp ?? []);
  const effective = [...fromInfo.values()];
  const notes: string[] = [];
  for (const [siteId, r] of fromXmp) if (!fromInfo.has(siteId)) effective.push(r);
  const tenants = xmp === null ? [] : new Set([...fromInfo.keys(), ...fromXmp.keys()]);
  for (const siteId of tenants) {
    const a = fromInfo.get(siteId);
    const b = fromXmp.get(siteId);
    if (a?.labelId === b?.labelId) continue;
    notes.push(
      `tenant ${siteId}: the information dictionary says ${describe(a)}, the XMP metadata says ${describe(b)}; ` +
        (a ? "the information dictionary wins" : "the XMP metadata is used"),
    );
  }
  return { effective, notes };
}

function element(qname: string, namespace: string, children: XmlNode[], scope: NamespaceScope): XmlElement {
  const colon = qname.indexOf(":");
  return {
    kind: "element",
    qname,
    local: colon < 0 ? qname : qname.slice(colon + 1),
    namespace,
    attributes: [],
    children,
    scope,
  };
}

function dropIndentBefore(kept: XmlNode[]): void {
  const last = kept[kept.length - 1];
  if (last && last.kind === "text" && last.text.trim() === "") kept.pop();
}

/** Removes the named `pdfx:` properties (names compared ignoring case) from one rdf:Description. */
function removePdfx(d: XmlElement, names: ReadonlySet<string>): void {
  const named = (ns: string | null, local: string) => ns === PDFX_NAMESPACE && names.has(local.toLowerCase());
  d.attributes = d.attributes.filter((a) => !named(a.namespace, a.local));
  const kept: XmlNode[] = [];
  for (const node of d.children) {
    if (node.kind === "element" && named(node.namespace, node.local)) dropIndentBefore(kept);
    else kept.push(node);
  }
  d.children = kept;
}

/** The rdf:Description new `pdfx:` properties go in, created (with its pdfx declaration) if needed. */
function pdfxDescription(rdf: XmlElement): { target: XmlElement; prefix: string } {
  const all = descriptions(rdf);
  for (const d of all) {
    const prefix = prefixFor(d.scope, PDFX_NAMESPACE);
    if (prefix !== undefined) return { target: d, prefix };
  }
  // Every rdf:Description of a packet describes the same resource: reuse the others' rdf:about.
  const about = all[0]?.attributes.find((a) => a.namespace === RDF_NAMESPACE && a.local === "about");
  const rdfPrefix = rdf.qname.includes(":") ? rdf.qname.slice(0, rdf.qname.indexOf(":")) : "";
  const qualified = (local: string) => (rdfPrefix === "" ? local : `${rdfPrefix}:${local}`);
  let prefix = "pdfx";
  for (let k = 2; rdf.scope.lookup(prefix) !== undefined; k++) prefix = `pdfx${k}`;
  const scope = new NamespaceScope(new Map([[prefix, PDFX_NAMESPACE]]), rdf.scope);
  const target = element(qualified("Description"), RDF_NAMESPACE, [{ kind: "text", text: "\n" }], scope);
  target.attributes = [
    { qname: qualified("about"), local: "about", namespace: RDF_NAMESPACE, value: about?.value ?? "" },
    { qname: `xmlns:${prefix}`, local: prefix, namespace: XMLNS_NAMESPACE, value: PDFX_NAMESPACE },
  ];
  const at = rdf.children.lastIndexOf(all[all.length - 1] as XmlNode) + 1;
  rdf.children.splice(at, 0, { kind: "text", text: "\n" }, target);
  return { target, prefix };
}

/**
 * Applies a label update (from {@link planPropertyUpdate}, the same one the information dictionary
 * gets) to an XMP packet, or to a new packet when `xml` is null: the named `pdfx:` properties go,
 * the new ones are added as elements, one a line. Everything else in the packet is kept.
 */
export function updateXmpLabels(xml: string | null, update: PropertyUpdate): string {
  const doc = parseXmlPart(xml ?? EMPTY_PACKET, XMP_WHERE);
  const rdf = findRdf(doc);
  const setNames = Object.keys(update.set);
  const names = new Set([...update.remove, ...setNames].map((n) => n.toLowerCase()));
  for (const d of descriptions(rdf)) removePdfx(d, names);
  if (setNames.length > 0) {
    const { target, prefix } = pdfxDescription(rdf);
    for (const name of setNames) {
      const value = update.set[name];
      requireXmlChars(value, `${XMP_WHERE}, pdfx:${name}`, "the value");
      const child = element(
        `${prefix}:${name}`,
        PDFX_NAMESPACE,
        value === "" ? [] : [{ kind: "text", text: value }],
        target.scope,
      );
      target.children.push(child, { kind: "text", text: "\n" });
    }
  }
  return doc.nodes.map(serializeXmlNode).join("");
}
