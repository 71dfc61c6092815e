/**
 * Small, fast helpers for reading XML text with regular expressions: entity decoding, attribute
 * lists, the prefix a part binds to a namespace. Used where a full parser is 10–30× slower and we
 * only need text or a few attributes (see docs/reference/tooling.md, OOXML extraction).
 */
import { XMLValidator } from "fast-xml-parser";
import { FileFormatError } from "./errors";

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g;

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : "\ufffd";
}

export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(
    ENTITY,
    (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (dec !== undefined) return codePoint(Number(dec));
      if (hex !== undefined) return codePoint(parseInt(hex, 16));
      return NAMED[name as string];
    },
  );
}

export function escapeAttribute(s: string): string {
  return s.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}

/**
 * Sticky: each attribute must start where the last one ended. A scanning regex would also try every
 * position inside the quoted values (namespace URLs are long) and backtrack over each: quadratic,
 * and it was most of the time spent on presentations.
 */
const ATTRIBUTE = /\s*([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

/** Attributes of one start tag's inside (`<X a="1" b='2'>` → {a, b}), values decoded. */
export function parseAttributes(tagInside: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  ATTRIBUTE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTRIBUTE.exec(tagInside))) out[m[1]] = decodeEntities(m[2] ?? m[3] ?? "");
  return out;
}

/** The first start tag that is not a declaration, comment or processing instruction. */
export function rootStartTag(xml: string): { name: string; inside: string } | null {
  const m = /<([A-Za-z_][\w:.-]*)([^>]*)>/.exec(xml);
  return m ? { name: m[1], inside: m[2].replace(/\/$/, "") } : null;
}

/**
 * The prefix a part's root binds to one of `namespaces` ("" for a default namespace), or null
 * when the root declares none of them.
 */
export function prefixFor(xml: string, namespaces: readonly string[]): string | null {
  // The root start tag comes first, after at most a declaration and a comment or two.
  const root = rootStartTag(xml.length > 8192 ? xml.slice(0, 8192) : xml);
  if (!root) return null;
  const attrs = parseAttributes(root.inside);
  for (const [name, value] of Object.entries(attrs)) {
    if (!namespaces.includes(value)) continue;
    if (name === "xmlns") return "";
    if (name.startsWith("xmlns:")) return name.slice(6);
  }
  return null;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Throws a FileFormatError when `xml` is not well-formed; `where` names the part. */
export function requireWellFormed(xml: string, where: string): void {
  const result = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (result !== true) {
    const e = result.err;
    throw new FileFormatError("malformed-xml", `${where} is not well-formed XML (line ${e.line}: ${e.msg})`);
  }
}

const utf8 = new TextDecoder("utf-8");
const utf16le = new TextDecoder("utf-16le");
const utf16be = new TextDecoder("utf-16be");

/** Part bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM, as XML allows. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes.subarray(2));
  const text = utf8.decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
