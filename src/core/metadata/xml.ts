/**
 * Reading the small OPC XML parts labels live in. Parts arrive from files we did not write, so:
 * a size limit before anything else, no DTD at all (no entity expansion, no external entities),
 * strict well-formedness, namespaces resolved by URI (prefixes are the writer's choice), and one
 * forward pass whose every step advances through the text — time is linear in the input, whatever
 * the input. (A general-purpose parser measured at about 1.5 MB/s on hostile input; this is a
 * hundredfold faster and has no lenient corners to reason about.)
 */
import { MetadataFormatError, quoteForError, zeroPad } from "./types";

/** Label parts are a few hundred bytes and custom.xml rarely reaches tens of KB. */
export const MAX_XML_PART_LENGTH = 2 * 1024 * 1024;
/** Deeper nesting than this has no business in a properties or label part. */
export const MAX_XML_DEPTH = 64;

export const XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";
const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

export interface XmlAttribute {
  /** As written, e.g. `xmlns:vt`, `id`. */
  qname: string;
  local: string;
  /** Unprefixed attributes are in no namespace; declarations are in {@link XMLNS_NAMESPACE}. */
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
  /** The namespace bindings in scope at this element. */
  scope: NamespaceScope;
}

/**
 * Namespace bindings as a chain of each element's own declarations, so that declaring a prefix
 * never copies the bindings above it (a copy per element would make hostile input quadratic).
 * Lookups walk at most {@link MAX_XML_DEPTH} links.
 */
export class NamespaceScope {
  static readonly EMPTY = new NamespaceScope(new Map(), null);

  constructor(
    readonly own: ReadonlyMap<string, string>,
    readonly parent: NamespaceScope | null,
  ) {}

  /** The URI bound to `prefix` ("" for the default namespace); "" when explicitly undeclared. */
  lookup(prefix: string): string | undefined {
    return this.own.get(prefix) ?? this.parent?.lookup(prefix);
  }
}

/**
 * A non-empty prefix bound to `uri` in `scope` (not shadowed by a nearer binding), if any. A function,
 * not a method, so that readers which never write (the Outlook event bundle) do not carry it.
 */
export function prefixFor(scope: NamespaceScope, uri: string): string | undefined {
  for (const [prefix, bound] of scope.own) if (prefix !== "" && bound === uri) return prefix;
  const inherited = scope.parent === null ? undefined : prefixFor(scope.parent, uri);
  return inherited !== undefined && scope.lookup(inherited) === uri ? inherited : undefined;
}

export type XmlNode =
  | XmlElement
  | { kind: "text"; text: string }
  | { kind: "cdata"; text: string }
  | { kind: "comment"; text: string }
  | { kind: "pi"; target: string; data: string };

export interface XmlDocument {
  /** Top-level nodes in order: the root and any comments or processing instructions around it. */
  nodes: XmlNode[];
  root: XmlElement;
}

/** Valid XML 1.0 characters (§2.2). */
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

/** The first character that XML 1.0 cannot carry (lone surrogates, most C0 controls), or -1. */
export function findNonXmlChar(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const code = s.codePointAt(i) as number;
    if (!isXmlChar(code)) return i;
    if (code > 0xffff) i++;
  }
  return -1;
}

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const CHARACTER_REFERENCE = /^#(?:x[0-9A-Fa-f]{1,6}|[0-9]{1,7})$/;

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
    if (ref !== null && Object.prototype.hasOwnProperty.call(PREDEFINED, ref)) {
      decoded = PREDEFINED[ref];
    } else if (ref !== null && CHARACTER_REFERENCE.test(ref)) {
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

// A sticky name pattern: one match attempt at one position, no backtracking across the input.
const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]*/y;
const LINE_BREAKS = /\r\n?/g;
const ATTRIBUTE_WHITESPACE = /[\t\n]/g;
const ATTRIBUTE_SPECIAL = /[\t\n&]/;
/** What String.prototype.trimStart (ES2019) removes: \s is WhiteSpace and LineTerminator too. */
const LEADING_WHITESPACE = /^\s+/;
/** Fast checks for the common case; {@link findNonXmlChar} then finds the position. */
const NON_XML_BMP = /[^\t\n\r\u0020-\uD7FF\uD800-\uDFFF\uE000-\uFFFD]/;
// No lookbehind (classic Outlook's ES2016 runtime has none): a low surrogate counts as lone at the
// start or after anything but a high one, which the pattern consumes; only test() reads it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** One pass over a part. Every method advances `i` or fails; nothing ever moves it back. */
class XmlReader {
  private i = 0;
  private readonly top: XmlNode[] = [];
  private readonly open: XmlElement[] = [];

  constructor(
    private readonly s: string,
    private readonly where: string,
  ) {}

  private fail(message: string, at = this.i): never {
    const before = this.s.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    throw new MetadataFormatError(
      this.where,
      `not well-formed XML at line ${line}, column ${column}: ${message}`,
    );
  }

  private append(node: XmlNode): void {
    const parent = this.open[this.open.length - 1];
    (parent ? parent.children : this.top).push(node);
  }

  private skipSpace(): boolean {
    const start = this.i;
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x9 && c !== 0xa) break;
      this.i++;
    }
    return this.i > start;
  }

  private name(what: string): string {
    NAME.lastIndex = this.i;
    const m = NAME.exec(this.s);
    if (!m) this.fail(`expected ${what}`);
    this.i += m[0].length;
    return m[0];
  }

  private expect(text: string): void {
    if (!this.s.startsWith(text, this.i)) this.fail(`expected ${quoteForError(text)}`);
    this.i += text.length;
  }

  /** Index of `terminator` at or after `from`, or a failure naming what was left open. */
  private find(terminator: string, from: number, what: string): number {
    const at = this.s.indexOf(terminator, from);
    if (at < 0) this.fail(`${what} is not closed`);
    return at;
  }

  read(): XmlDocument {
    const s = this.s;
    if (s.startsWith("<?xml") && /[\s?]/.test(s.charAt(5)))
      this.i = this.find("?>", 5, "the XML declaration") + 2;
    while (this.i < s.length) {
      const lt = s.indexOf("<", this.i);
      const textEnd = lt < 0 ? s.length : lt;
      if (textEnd > this.i) this.text(this.i, textEnd);
      this.i = textEnd;
      if (lt < 0) break;
      if (s.startsWith("<!--", lt)) {
        const end = this.find("-->", lt + 4, "a comment");
        this.append({ kind: "comment", text: s.slice(lt + 4, end) });
        this.i = end + 3;
      } else if (s.startsWith("<![CDATA[", lt)) {
        if (this.open.length === 0) this.fail("CDATA outside the root element");
        const end = this.find("]]>", lt + 9, "a CDATA section");
        this.append({ kind: "cdata", text: s.slice(lt + 9, end) });
        this.i = end + 3;
      } else if (s.startsWith("<!", lt)) {
        throw new MetadataFormatError(
          this.where,
          `${quoteForError(s.slice(lt, lt + 12))}: DTDs are refused (entity expansion, external entities)`,
        );
      } else if (s.startsWith("<?", lt)) {
        this.processingInstruction();
      } else if (s.startsWith("</", lt)) {
        this.endTag();
      } else {
        this.startTag();
      }
    }
    if (this.open.length > 0) {
      this.fail(`element ${quoteForError(this.open[this.open.length - 1].qname)} is not closed`);
    }
    const roots = this.top.filter((n): n is XmlElement => n.kind === "element");
    if (roots.length !== 1) this.fail(`expected one root element, found ${roots.length}`, 0);
    return { nodes: this.top, root: roots[0] };
  }

  private text(start: number, end: number): void {
    const raw = this.s.slice(start, end);
    if (this.open.length === 0) {
      if (raw.trim() !== "") this.fail("text outside the root element", start);
      return;
    }
    this.append({ kind: "text", text: decodeXmlText(raw, this.where) });
  }

  private processingInstruction(): void {
    const start = this.i;
    this.i += 2;
    const target = this.name("a processing instruction target");
    if (target.toLowerCase() === "xml") this.fail("the XML declaration is only allowed at the start", start);
    const end = this.find("?>", this.i, "a processing instruction");
    const data = this.s.slice(this.i, end);
    if (data !== "" && !/^\s/.test(data)) this.fail("expected whitespace after the target");
    this.append({ kind: "pi", target, data: data.replace(LEADING_WHITESPACE, "") });
    this.i = end + 2;
  }

  private endTag(): void {
    const start = this.i;
    this.i += 2;
    const qname = this.name("an element name");
    this.skipSpace();
    this.expect(">");
    const current = this.open.pop();
    if (!current) this.fail(`end tag ${quoteForError(qname)} without a start tag`, start);
    if (current.qname !== qname) {
      this.fail(`end tag ${quoteForError(qname)} does not close ${quoteForError(current.qname)}`, start);
    }
  }

  private startTag(): void {
    const s = this.s;
    const start = this.i;
    this.i += 1;
    const qname = this.name("an element name");
    const names: string[] = [];
    const values: string[] = [];
    let selfClosing = false;
    for (;;) {
      const spaced = this.skipSpace();
      const c = s.charCodeAt(this.i);
      if (c === 0x3e) {
        this.i += 1; // >
        break;
      }
      if (c === 0x2f && s.charCodeAt(this.i + 1) === 0x3e) {
        this.i += 2; // />
        selfClosing = true;
        break;
      }
      if (!spaced) this.fail("expected whitespace, '>' or '/>'");
      const name = this.name("an attribute name");
      this.skipSpace();
      if (s.charCodeAt(this.i) !== 0x3d) this.fail(`expected '=' after ${quoteForError(name)}`);
      this.i += 1;
      this.skipSpace();
      const quote = s.charAt(this.i);
      if (quote !== '"' && quote !== "'") this.fail(`the value of ${quoteForError(name)} is not quoted`);
      const end = s.indexOf(quote, this.i + 1);
      if (end < 0) this.fail(`the value of ${quoteForError(name)} is not closed`);
      const value = s.slice(this.i + 1, end);
      if (value.includes("<")) this.fail(`the value of ${quoteForError(name)} contains '<'`);
      names.push(name);
      values.push(value);
      this.i = end + 1;
    }
    if (names.length > 1) {
      const seen = new Set<string>();
      for (const name of names) {
        if (seen.has(name)) this.fail(`attribute ${quoteForError(name)} is repeated`, start);
        seen.add(name);
      }
    }
    const parent = this.open[this.open.length - 1];
    if (!parent && this.top.some((n) => n.kind === "element")) this.fail("a second root element", start);
    const element = buildElement(qname, names, values, parent?.scope ?? NamespaceScope.EMPTY, this.where);
    (parent ? parent.children : this.top).push(element);
    if (!selfClosing) {
      if (this.open.length >= MAX_XML_DEPTH) this.fail(`elements nested deeper than ${MAX_XML_DEPTH}`, start);
      this.open.push(element);
    }
  }
}

function attributeText(raw: string, where: string): string {
  if (!ATTRIBUTE_SPECIAL.test(raw)) return raw;
  // Attribute-value normalisation (§3.3.3): literal whitespace becomes a space; references survive.
  return decodeXmlText(raw.replace(ATTRIBUTE_WHITESPACE, " "), where);
}

function resolvePrefix(scope: NamespaceScope, prefix: string, where: string): string | null {
  if (prefix === "xml") return XML_NAMESPACE;
  const uri = scope.lookup(prefix);
  if (uri === undefined && prefix !== "") {
    throw new MetadataFormatError(where, `namespace prefix ${quoteForError(prefix)} is not declared`);
  }
  return uri ? uri : null;
}

function buildElement(
  qname: string,
  names: string[],
  rawValues: string[],
  parentScope: NamespaceScope,
  where: string,
): XmlElement {
  const values = rawValues.map((v) => attributeText(v, where));
  let declared: Map<string, string> | null = null;
  names.forEach((name, k) => {
    if (name === "xmlns") (declared ??= new Map()).set("", values[k]);
    else if (name.startsWith("xmlns:")) (declared ??= new Map()).set(name.slice(6), values[k]);
  });
  const scope = declared ? new NamespaceScope(declared, parentScope) : parentScope;
  const colon = qname.indexOf(":");
  const attributes = names.map((name, k): XmlAttribute => {
    const c = name.indexOf(":");
    if (c < 0)
      return {
        qname: name,
        local: name,
        namespace: name === "xmlns" ? XMLNS_NAMESPACE : null,
        value: values[k],
      };
    const prefix = name.slice(0, c);
    const namespace = prefix === "xmlns" ? XMLNS_NAMESPACE : resolvePrefix(scope, prefix, where);
    return { qname: name, local: name.slice(c + 1), namespace, value: values[k] };
  });
  return {
    kind: "element",
    qname,
    local: colon < 0 ? qname : qname.slice(colon + 1),
    namespace: resolvePrefix(scope, colon < 0 ? "" : qname.slice(0, colon), where),
    attributes,
    children: [],
    scope,
  };
}

/**
 * Parses one XML part: size limit, no DTD, well-formed, one root element, at most
 * {@link MAX_XML_DEPTH} levels. A leading byte-order mark is accepted. Every failure is a
 * MetadataFormatError naming the part and, for syntax, the line and column.
 */
export function parseXmlPart(xml: string, where: string, maxLength = MAX_XML_PART_LENGTH): XmlDocument {
  if (typeof xml !== "string") throw new MetadataFormatError(where, "the part is not text");
  if (xml.length > maxLength) {
    throw new MetadataFormatError(where, `${xml.length} characters exceed the ${maxLength}-character limit`);
  }
  // End-of-line handling (§2.11) first, so that positions and values see one kind of line break.
  const text = (xml.startsWith("\uFEFF") ? xml.slice(1) : xml).replace(LINE_BREAKS, "\n");
  const bad = NON_XML_BMP.test(text) || LONE_SURROGATE.test(text) ? findNonXmlChar(text) : -1;
  if (bad >= 0) {
    const code = zeroPad((text.codePointAt(bad) as number).toString(16).toUpperCase(), 4);
    throw new MetadataFormatError(where, `U+${code} at character ${bad + 1} is not allowed in XML`);
  }
  return new XmlReader(text, where).read();
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((n): n is XmlElement => n.kind === "element");
}

/** An unqualified attribute's value (the kind OOXML uses for its own attributes). */
export function attributeValue(element: XmlElement, local: string): string | undefined {
  return element.attributes.find((a) => a.namespace === null && a.local === local)?.value;
}
