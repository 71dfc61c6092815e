/**
 * The Open Packaging Conventions layer of an OOXML file: `[Content_Types].xml`, relationship parts
 * and part-name resolution, and the two edits labeling needs (add a relationship, add a content-type
 * override) done as minimal text insertions so everything else in those parts stays as written.
 */
import { resolvePartTarget } from "../../core/metadata/packageRelationships";
import { FileFormatError } from "./errors";
import { decodeXmlBytes, escapeAttribute, parseAttributes, requireWellFormed } from "./xmlText";
import { type ZipArchive, findEntry, readEntry } from "./zipRead";

export const CONTENT_TYPES_PART = "[Content_Types].xml";
export const PACKAGE_RELS_PART = "_rels/.rels";

export const OFFICE_DOCUMENT_RELATIONSHIP_TYPES = [
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
];

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** Reads a part as text; null when the package has no such part. */
export function readPartText(archive: ZipArchive, partName: string): string | null {
  const entry = findEntry(archive, partName);
  return entry ? decodeXmlBytes(readEntry(archive, entry)) : null;
}

const RELATIONSHIP = /<(?:[A-Za-z_][\w.-]*:)?Relationship\b([^>]*?)\/?>/g;

/**
 * `validate` checks well-formedness first: always for parts we edit or decide by (the package
 * relationships); text extraction reads part relationships tolerantly, since a validator pass per
 * slide costs more than the slide.
 */
export function parseRelationships(xml: string, where: string, validate = true): Relationship[] {
  if (validate) requireWellFormed(xml, where);
  const out: Relationship[] = [];
  RELATIONSHIP.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RELATIONSHIP.exec(xml))) {
    const a = parseAttributes(m[1]);
    if (a.Type === undefined || a.Target === undefined) continue;
    out.push({ id: a.Id ?? "", type: a.Type, target: a.Target, external: a.TargetMode === "External" });
  }
  return out;
}

/** The rels part that holds relationships of `partName` ("" = the package). */
export function relsPartName(partName: string): string {
  const name = partName.replace(/^\//, "");
  if (name === "") return PACKAGE_RELS_PART;
  const slash = name.lastIndexOf("/");
  return `${name.slice(0, slash + 1)}_rels/${name.slice(slash + 1)}.rels`;
}

export function relationshipsOf(archive: ZipArchive, partName: string): Relationship[] {
  const rels = relsPartName(partName);
  const xml = readPartText(archive, rels);
  return xml === null ? [] : parseRelationships(xml, rels, rels === PACKAGE_RELS_PART);
}

/** Internal targets of `partName`'s relationships of the given types, resolved, in order. */
export function targetsOf(archive: ZipArchive, partName: string, types: readonly string[]): string[] {
  return relationshipsOf(archive, partName)
    .filter((r) => !r.external && types.includes(r.type))
    .map((r) => resolvePartTarget(partName, r.target))
    .filter((t): t is string => t !== null);
}

export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

const DEFAULT = /<(?:[A-Za-z_][\w.-]*:)?Default\b([^>]*?)\/?>/g;
const OVERRIDE = /<(?:[A-Za-z_][\w.-]*:)?Override\b([^>]*?)\/?>/g;

/** Read tolerantly; an edit (appendToRoot) checks well-formedness before and after. */
export function parseContentTypes(xml: string, validate = false): ContentTypes {
  if (validate) requireWellFormed(xml, CONTENT_TYPES_PART);
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const [re, map, key] of [
    [DEFAULT, defaults, "Extension"],
    [OVERRIDE, overrides, "PartName"],
  ] as const) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(xml))) {
      const a = parseAttributes(m[1]);
      if (a[key] !== undefined && a.ContentType !== undefined) map.set(a[key].toLowerCase(), a.ContentType);
    }
  }
  return { defaults, overrides };
}

export function contentTypeOf(types: ContentTypes, partName: string): string | undefined {
  const name = "/" + partName.replace(/^\//, "");
  const override = types.overrides.get(name.toLowerCase());
  if (override !== undefined) return override;
  const dot = name.lastIndexOf(".");
  return dot < 0 ? undefined : types.defaults.get(name.slice(dot + 1).toLowerCase());
}

/**
 * Inserts `element` as the last child of the root element named `rootLocal`. Works on the text so
 * that every existing byte stays; a self-closing root is opened. The result is checked well-formed.
 */
export function appendToRoot(xml: string, rootLocal: string, element: string, where: string): string {
  requireWellFormed(xml, where);
  const close = new RegExp(`</((?:[A-Za-z_][\\w.-]*:)?${rootLocal})\\s*>\\s*$`);
  let out: string;
  const m = close.exec(xml);
  if (m) {
    out = xml.slice(0, m.index) + element + xml.slice(m.index);
  } else {
    const selfClosing = new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?${rootLocal})\\b([^>]*?)\\s*/>\\s*$`);
    const s = selfClosing.exec(xml);
    if (!s) throw new FileFormatError("malformed-xml", `${where} has no ${rootLocal} root to add to`);
    out = `${xml.slice(0, s.index)}<${s[1]}${s[2]}>${element}</${s[1]}>`;
  }
  requireWellFormed(out, where);
  return out;
}

/** The prefix (with colon) the root element uses, so an inserted child matches it. */
export function rootPrefix(xml: string, rootLocal: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${rootLocal}\\b`).exec(xml);
  return m?.[1] ?? "";
}

/** A relationship id not used in `existing`, in Office's rIdN style. */
export function freshRelationshipId(existing: readonly Relationship[]): string {
  const used = new Set(existing.map((r) => r.id));
  let n = existing.length + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

export function addRelationship(xml: string, rel: Omit<Relationship, "external">): string {
  const prefix = rootPrefix(xml, "Relationships");
  const element = `<${prefix}Relationship Id="${escapeAttribute(rel.id)}" Type="${escapeAttribute(rel.type)}" Target="${escapeAttribute(rel.target)}"/>`;
  return appendToRoot(xml, "Relationships", element, PACKAGE_RELS_PART);
}

export function addContentTypeOverride(xml: string, partName: string, contentType: string): string {
  const prefix = rootPrefix(xml, "Types");
  const element = `<${prefix}Override PartName="${escapeAttribute(partName)}" ContentType="${escapeAttribute(contentType)}"/>`;
  return appendToRoot(xml, "Types", element, CONTENT_TYPES_PART);
}

export const EMPTY_PACKAGE_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
