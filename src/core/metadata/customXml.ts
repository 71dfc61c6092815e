/**
 * `docProps/custom.xml`, the OPC custom properties part where unencrypted Office files keep the
 * `MSIP_Label_*` properties (docs/reference/label-metadata.md §1). Updates keep every other property as it was (name,
 * fmtid, pid, type, value) so that labeling never costs a document its other metadata.
 */
import { type PropertyUpdate, labelRecordsFromProperties } from "./propertySet";
import { type LabelRecord, MetadataFormatError, quoteForError } from "./types";
import {
  NamespaceScope,
  XMLNS_NAMESPACE,
  type XmlDocument,
  type XmlElement,
  type XmlNode,
  attributeValue,
  childElements,
  parseXmlPart,
  prefixFor,
} from "./xml";
import { requireXmlChars, serializeXmlNode } from "./xmlWrite";

export const CUSTOM_PROPERTIES_PART_NAME = "/docProps/custom.xml";
export const CUSTOM_PROPERTIES_RELATIONSHIP_TYPE =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
export const CUSTOM_PROPERTIES_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.custom-properties+xml";
export const CUSTOM_PROPERTIES_NAMESPACE =
  "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
export const VARIANT_TYPES_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
/** FMTID_UserDefinedProperties: the format id every user-defined property carries. */
export const CUSTOM_PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

const WHERE = "docProps/custom.xml";
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const EMPTY_PART = `<Properties xmlns="${CUSTOM_PROPERTIES_NAMESPACE}" xmlns:vt="${VARIANT_TYPES_NAMESPACE}"/>`;

export interface CustomProperty {
  name: string;
  /** Text of the value element; "" for vectors, arrays and blobs-in-elements we do not interpret. */
  value: string;
  /** The vt element's local name: `lpwstr`, `bool`, `i4`, `filetime`, `vector`, … ("" if missing). */
  type: string;
  pid: number | null;
}

function isProperty(e: XmlElement): boolean {
  return e.namespace === CUSTOM_PROPERTIES_NAMESPACE && e.local === "property";
}

function readRoot(doc: XmlDocument): XmlElement {
  const root = doc.root;
  if (root.namespace !== CUSTOM_PROPERTIES_NAMESPACE || root.local !== "Properties") {
    throw new MetadataFormatError(
      WHERE,
      `root element ${quoteForError(root.qname)} is not Properties in ${CUSTOM_PROPERTIES_NAMESPACE}`,
    );
  }
  return root;
}

function propertyName(e: XmlElement, index: number): string {
  const name = attributeValue(e, "name");
  if (name === undefined)
    throw new MetadataFormatError(`${WHERE} property ${index + 1}`, "the name attribute is missing");
  return name;
}

function parsePid(e: XmlElement): number | null {
  const pid = attributeValue(e, "pid")?.trim();
  return pid !== undefined && /^\d{1,9}$/.test(pid) ? Number(pid) : null;
}

function readValue(e: XmlElement): { value: string; type: string } {
  const variant = childElements(e).find((c) => c.namespace === VARIANT_TYPES_NAMESPACE);
  if (!variant) return { value: "", type: "" };
  const scalar = variant.children.every((c) => c.kind !== "element");
  const value = scalar
    ? variant.children.map((c) => (c.kind === "text" || c.kind === "cdata" ? c.text : "")).join("")
    : "";
  return { value, type: variant.local };
}

/** Every custom property in document order. */
export function readCustomProperties(xml: string): CustomProperty[] {
  const root = readRoot(parseXmlPart(xml, WHERE));
  return childElements(root)
    .filter(isProperty)
    .map((e, index) => ({ name: propertyName(e, index), ...readValue(e), pid: parsePid(e) }));
}

/** The labels among a custom.xml part's properties (any value type is read as its text). */
export function customPropertyLabels(props: readonly CustomProperty[]): LabelRecord[] {
  const pairs = props.map((p): [string, string] => [p.name, p.value]);
  return labelRecordsFromProperties(pairs, "custom.xml", WHERE);
}

/** The labels in a custom.xml part. */
export function decodeCustomXmlLabels(xml: string): LabelRecord[] {
  return customPropertyLabels(readCustomProperties(xml));
}

function prefixed(prefix: string, local: string): string {
  return prefix === "" ? local : `${prefix}:${local}`;
}

/** A prefix bound to the vt namespace at the root, declaring one there if needed. */
function variantPrefix(root: XmlElement): string {
  const bound = prefixFor(root.scope, VARIANT_TYPES_NAMESPACE);
  if (bound !== undefined) return bound;
  let prefix = "vt";
  for (let k = 2; root.scope.lookup(prefix) !== undefined; k++) prefix = `vt${k}`;
  root.attributes.push({
    qname: `xmlns:${prefix}`,
    local: prefix,
    namespace: XMLNS_NAMESPACE,
    value: VARIANT_TYPES_NAMESPACE,
  });
  return prefix;
}

function element(qname: string, attributes: Array<[string, string]>, children: XmlNode[]): XmlElement {
  const colon = qname.indexOf(":");
  return {
    kind: "element",
    qname,
    local: colon < 0 ? qname : qname.slice(colon + 1),
    namespace: null,
    attributes: attributes.map(([name, value]) => ({ qname: name, local: name, namespace: null, value })),
    children,
    scope: NamespaceScope.EMPTY,
  };
}

function stringValue(vtPrefix: string, value: string): XmlElement {
  return element(prefixed(vtPrefix, "lpwstr"), [], value === "" ? [] : [{ kind: "text", text: value }]);
}

function checkUpdate(update: PropertyUpdate): void {
  const setLower = new Set<string>();
  for (const name of Object.keys(update.set)) {
    const value = update.set[name];
    const where = `${WHERE}, property ${quoteForError(name)}`;
    if (name === "") throw new MetadataFormatError(WHERE, "a property name is empty");
    if (setLower.has(name.toLowerCase()))
      throw new MetadataFormatError(where, "is set twice (names ignore case)");
    setLower.add(name.toLowerCase());
    if (typeof value !== "string") throw new MetadataFormatError(where, "the value is not a string");
    requireXmlChars(name, where, "the name");
    requireXmlChars(value, where, "the value");
  }
}

/**
 * Applies an update to a custom.xml part (or creates the part when `xml` is null): properties named
 * in `remove` go first, then each `set` entry replaces a property of the same name (ignoring case,
 * keeping its position and pid) or is appended as a `vt:lpwstr` with the next free pid (≥ 2).
 * Everything else is written back unchanged in meaning.
 */
export function updateCustomPropertiesXml(xml: string | null, update: PropertyUpdate): string {
  checkUpdate(update);
  const doc = parseXmlPart(xml ?? EMPTY_PART, WHERE);
  const root = readRoot(doc);
  const propertyQName = prefixed(
    root.qname.includes(":") ? root.qname.slice(0, root.qname.indexOf(":")) : "",
    "property",
  );
  const vt = variantPrefix(root);
  const removeLower = new Set(update.remove.map((k) => k.toLowerCase()));
  const pending = new Map(
    Object.keys(update.set).map((name) => [name.toLowerCase(), { name, value: update.set[name] }]),
  );
  const applied = new Set<string>();

  const kept: XmlNode[] = [];
  root.children.forEach((node) => {
    if (node.kind !== "element" || !isProperty(node)) {
      kept.push(node);
      return;
    }
    const lower = attributeValue(node, "name")?.toLowerCase();
    const replacement = lower === undefined ? undefined : pending.get(lower);
    if (lower !== undefined && removeLower.has(lower)) {
      dropIndentBefore(kept);
    } else if (lower === undefined || !replacement) {
      kept.push(node);
    } else if (applied.has(lower)) {
      dropIndentBefore(kept); // a second property of the same name: set means exactly one
    } else {
      applied.add(lower);
      node.attributes = node.attributes.map((a) =>
        a.namespace === null && a.local === "name" ? { ...a, value: replacement.name } : a,
      );
      node.children = [stringValue(vt, replacement.value)];
      kept.push(node);
    }
  });

  // Above every pid the part had, removed ones included, so no pid ever means two things.
  let nextPid = childElements(root)
    .filter(isProperty)
    .reduce((max, e) => Math.max(max, parsePid(e) ?? 0), 1);
  for (const [lower, { name, value }] of pending) {
    if (applied.has(lower)) continue;
    nextPid++;
    kept.push(
      element(
        propertyQName,
        [
          ["fmtid", CUSTOM_PROPERTY_FMTID],
          ["pid", String(nextPid)],
          ["name", name],
        ],
        [stringValue(vt, value)],
      ),
    );
  }
  root.children = kept;
  return DECLARATION + doc.nodes.map(serializeXmlNode).join("");
}

/** Removing a property also removes the indentation in front of it, so pretty-printed parts stay tidy. */
function dropIndentBefore(kept: XmlNode[]): void {
  const last = kept[kept.length - 1];
  if (last && last.kind === "text" && last.text.trim() === "") kept.pop();
}
