/**
 * Safe reading and writing of the small OPC XML parts labels live in. Parts arrive from files we did
 * not write, so: a size limit before any parsing, no DTD at all (no entity expansion, no external
 * entities), a well-formedness check, namespaces resolved by URI (prefixes are the writer's choice),
 * and character references decoded here rather than by the parser.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { MetadataFormatError, quoteForError } from "./types";

/** Real label parts are a few hundred bytes; custom.xml rarely reaches tens of KB. */
export const MAX_XML_PART_LENGTH = 2 * 1024 * 1024;
/** Deeper nesting than this has no business in a properties or label part. */
const MAX_DEPTH = 64;

export interface XmlAttribute {
  /** As written, e.g. `xmlns:vt`, `id`. */
  qname: string;
  local: string;
  /** Unprefixed attributes are in no namespace. */
  namespace: string | null;
  /** Decoded value. */
  value: string;
}

export interface XmlElement {
  kind: "element";
  qname: string;
  local: string;
  namespace: string | null;
  attributes: XmlAttribute[];
  children: XmlNode[];
  /** Prefix → namespace URI in scope at this element ("" is the default namespace). */
  scope: ReadonlyMap<string, string>;
}

export type XmlNode =
  | XmlElement
  | { kind: "text"; text: string }
  | { kind: "cdata"; text: string }
  | { kind: "comment"; text: string }
  | { kind: "pi"; target: string; attributes: Array<[string, string]> };

export interface XmlDocument {
  /** Top-level nodes in order: the root and any comments or processing instructions around it. */
  nodes: XmlNode[];
  root: XmlElement;
}

const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  commentPropName: "#comment",
  cdataPropName: "#cdata",
  maxNestedTags: MAX_DEPTH,
});

/** Valid XML 1.0 characters (§2.2), for decoded character references and for values we write. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; anything else is an error (no DTD). */
export function decodeXmlText(raw: string, where: string): string {
  if (!raw.includes("&")) return raw;
  let out = "";
  let i = 0;
  for (;;) {
    const amp = raw.indexOf("&", i);
    if (amp < 0) return out + raw.slice(i);
    out += raw.slice(i, amp);
    // References are short; never look further than that for the ';' (keeps this linear).
    const semi = raw.slice(amp + 1, amp + 12).indexOf(";");
    const ref = semi < 0 ? null : raw.slice(amp + 1, amp + 1 + semi);
    let decoded: string | undefined;
    if (ref !== null && Object.hasOwn(PREDEFINED, ref)) {
      decoded = PREDEFINED[ref];
    } else if (ref !== null && /^#(?:x[0-9A-Fa-f]{1,6}|[0-9]{1,7})$/.test(ref)) {
      const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (isXmlChar(code)) decoded = String.fromCodePoint(code);
    }
    if (decoded === undefined) {
      throw new MetadataFormatError(
        where,
        `${quoteForError(raw.slice(amp, amp + 12))} is not a character reference XML allows without a DTD`,
      );
    }
    out += decoded;
    i = amp + 2 + semi;
  }
}

/** The first character that XML 1.0 cannot carry (lone surrogates, most C0 controls), or -1. */
export function findNonXmlChar(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const code = s.codePointAt(i) as number;
    if (!isXmlChar(code)) return i;
    if (code > 0xffff) i++;
  }
  return -1;
}

/** Refuses anything that starts a DTD declaration: `<!DOCTYPE`, `<!ENTITY`, `<!ELEMENT`, … */
function refuseDeclarations(xml: string, where: string): void {
  let i = xml.indexOf("<!");
  while (i >= 0) {
    if (!xml.startsWith("<!--", i) && !xml.startsWith("<![CDATA[", i)) {
      throw new MetadataFormatError(
        where,
        `${quoteForError(xml.slice(i, i + 12))}: DTDs are refused (entity expansion, external entities)`,
      );
    }
    // Skip the comment or CDATA body so markup-like text inside it is not mistaken for a declaration.
    const end = xml.startsWith("<!--", i) ? xml.indexOf("-->", i + 4) : xml.indexOf("]]>", i + 9);
    if (end < 0) return; // unterminated: the well-formedness check reports it
    i = xml.indexOf("<!", end);
  }
}

type RawEntry = Record<string, unknown>;

function splitQName(qname: string): [prefix: string, local: string] {
  const colon = qname.indexOf(":");
  return colon < 0 ? ["", qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

function normaliseAttributeValue(raw: string, where: string): string {
  // XML attribute-value normalisation (§3.3.3): literal whitespace becomes a space; references survive.
  return decodeXmlText(raw.replace(/\r\n|[\t\n\r]/g, " "), where);
}

function textOf(children: unknown): string {
  const first = Array.isArray(children) ? (children[0] as RawEntry | undefined) : undefined;
  const text = first?.["#text"];
  return typeof text === "string" ? text : "";
}

function buildElement(
  entry: RawEntry,
  qname: string,
  parentScope: ReadonlyMap<string, string>,
  where: string,
): XmlElement {
  const rawAttributes = (entry[":@"] ?? {}) as Record<string, string>;
  let scope = parentScope;
  for (const [name, value] of Object.entries(rawAttributes)) {
    if (name === "xmlns" || name.startsWith("xmlns:")) {
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(
        name === "xmlns" ? "" : name.slice(6),
        normaliseAttributeValue(value, where),
      );
    }
  }
  const resolve = (prefix: string, forElement: boolean): string | null => {
    if (prefix === "xml") return XML_NAMESPACE;
    if (prefix === "" && !forElement) return null;
    const uri = scope.get(prefix);
    if (uri === undefined) {
      if (prefix === "") return null;
      throw new MetadataFormatError(where, `namespace prefix ${quoteForError(prefix)} is not declared`);
    }
    return uri === "" ? null : uri;
  };
  const [prefix, local] = splitQName(qname);
  const attributes: XmlAttribute[] = Object.entries(rawAttributes).map(([name, value]) => {
    const [attrPrefix, attrLocal] = splitQName(name);
    const isDeclaration = name === "xmlns" || attrPrefix === "xmlns";
    return {
      qname: name,
      local: attrLocal,
      namespace: isDeclaration ? "http://www.w3.org/2000/xmlns/" : resolve(attrPrefix, false),
      value: normaliseAttributeValue(value, where),
    };
  });
  const element: XmlElement = {
    kind: "element",
    qname,
    local,
    namespace: resolve(prefix, true),
    attributes,
    children: [],
    scope,
  };
  element.children = buildNodes(entry[qname] as RawEntry[], scope, where);
  return element;
}

function buildNodes(entries: RawEntry[], scope: ReadonlyMap<string, string>, where: string): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const entry of entries ?? []) {
    const key = Object.keys(entry).find((k) => k !== ":@");
    if (key === undefined) continue;
    if (key === "#text") {
      nodes.push({ kind: "text", text: decodeXmlText(String(entry[key]), where) });
    } else if (key === "#cdata") {
      nodes.push({ kind: "cdata", text: textOf(entry[key]) });
    } else if (key === "#comment") {
      nodes.push({ kind: "comment", text: textOf(entry[key]) });
    } else if (key.startsWith("?")) {
      const attributes = Object.entries((entry[":@"] ?? {}) as Record<string, string>).map(
        ([k, v]): [string, string] => [k, normaliseAttributeValue(v, where)],
      );
      nodes.push({ kind: "pi", target: key.slice(1), attributes });
    } else {
      nodes.push(buildElement(entry, key, scope, where));
    }
  }
  return nodes;
}

/**
 * Parses one XML part: size limit, no DTD, well-formed, one root element. A leading byte-order mark
 * is accepted. Every failure is a MetadataFormatError naming the part.
 */
export function parseXmlPart(xml: string, where: string, maxLength = MAX_XML_PART_LENGTH): XmlDocument {
  if (typeof xml !== "string") throw new MetadataFormatError(where, "the part is not text");
  if (xml.length > maxLength) {
    throw new MetadataFormatError(where, `${xml.length} characters exceed the ${maxLength}-character limit`);
  }
  const text = xml.startsWith("\uFEFF") ? xml.slice(1) : xml;
  refuseDeclarations(text, where);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    const at = col === undefined ? `line ${line}` : `line ${line}, column ${col}`;
    throw new MetadataFormatError(where, `not well-formed XML at ${at}: ${msg.slice(0, 120)}`);
  }
  // The validator lets text after a self-closing root through, and the parser drops it silently.
  if (text.slice(text.lastIndexOf(">") + 1).trim() !== "") {
    throw new MetadataFormatError(where, "text after the root element");
  }
  let entries: RawEntry[];
  try {
    entries = parser.parse(text) as RawEntry[];
  } catch (e) {
    throw new MetadataFormatError(where, `not readable XML: ${String((e as Error).message).slice(0, 120)}`);
  }
  const top = buildNodes(entries, new Map(), where);
  const roots = top.filter((n): n is XmlElement => n.kind === "element");
  if (roots.length !== 1) {
    throw new MetadataFormatError(where, `expected one root element, found ${roots.length}`);
  }
  if (top.some((n) => n.kind === "text" && n.text.trim() !== "")) {
    throw new MetadataFormatError(where, "text outside the root element");
  }
  const nodes = top.filter(
    (n) => n.kind === "element" || n.kind === "comment" || (n.kind === "pi" && n.target !== "xml"),
  );
  return { nodes, root: roots[0] };
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((n): n is XmlElement => n.kind === "element");
}

/** An unqualified attribute's value (the kind OOXML uses for its own attributes). */
export function attributeValue(element: XmlElement, local: string): string | undefined {
  return element.attributes.find((a) => a.namespace === null && a.local === local)?.value;
}

export function escapeXmlText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

export function escapeXmlAttribute(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

/** Throws unless every character can be carried by XML 1.0. */
export function requireXmlChars(s: string, where: string, what: string): void {
  const at = findNonXmlChar(s);
  if (at >= 0) {
    const code = (s.codePointAt(at) as number).toString(16).toUpperCase().padStart(4, "0");
    throw new MetadataFormatError(where, `${what} contains U+${code} at ${at + 1}, which XML cannot carry`);
  }
}

/** Writes a node back out; values were decoded on reading, so they are escaped again here. */
export function serializeXmlNode(node: XmlNode): string {
  switch (node.kind) {
    case "text":
      return escapeXmlText(node.text);
    case "cdata":
      return `<![CDATA[${node.text.split("]]>").join("]]]]><![CDATA[>")}]]>`;
    case "comment":
      return `<!--${node.text}-->`;
    case "pi":
      return `<?${node.target}${node.attributes.map(([k, v]) => ` ${k}="${escapeXmlAttribute(v)}"`).join("")}?>`;
    case "element": {
      const attributes = node.attributes.map((a) => ` ${a.qname}="${escapeXmlAttribute(a.value)}"`).join("");
      if (node.children.length === 0) return `<${node.qname}${attributes}/>`;
      return `<${node.qname}${attributes}>${node.children.map(serializeXmlNode).join("")}</${node.qname}>`;
    }
  }
}
