/**
 * Test-side access to the real-label fixtures: the header blocks, the Office packages (read the way
 * the scanner will: package relationship → LabelInfo part, docProps/custom.xml), and the projection
 * of a LabelRecord onto the fixtures' expected-JSON shape.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { XMLParser } from "fast-xml-parser";
import { LABEL_INFO_RELATIONSHIP_TYPE, type LabelRecord } from "../../../src/core/metadata";

export const FIXTURES = join(__dirname, "..", "..", "fixtures", "real-labels");

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURES, name), "utf8");
}

export function readJsonFixture<T>(name: string): T {
  return JSON.parse(readFixture(name)) as T;
}

/** Blocks of msip_headers.txt, separated by a line `-----`. */
export function headerBlocks(): string[] {
  return readFixture("msip_headers.txt").split(/^-----\n/m);
}

export type ExpectedLabel = Record<string, string | null | Record<string, string>>;

const SOURCE_PATH: Record<LabelRecord["source"], string> = {
  "custom.xml": "docProps/custom.xml",
  "LabelInfo.xml": "docMetadata/LabelInfo.xml",
  msip_labels: "msip_labels",
  properties: "properties",
  "PDF Info": "PDF Info",
  "PDF XMP": "PDF XMP",
};

/** A record in the fixtures' vocabulary: literal strings, null when absent, `extra` for other keys. */
export function project(record: LabelRecord, withSource: boolean): ExpectedLabel {
  const a = record.attributes;
  const literal = (key: string) => a[key] ?? null;
  const out: ExpectedLabel = {
    guid: record.labelId,
    Enabled: literal("Enabled"),
    Method: literal("Method"),
    Name: literal("Name"),
    SiteId: record.siteId,
    SetDate: literal("SetDate"),
    ContentBits: literal("ContentBits"),
    ActionId: literal("ActionId"),
  };
  const known = new Set(["Enabled", "Method", "Name", "SiteId", "SetDate", "ContentBits", "ActionId"]);
  if (record.source === "LabelInfo.xml") {
    out.Removed = literal("Removed");
    known.add("Removed").add("Id");
  }
  const extra = Object.fromEntries(Object.entries(a).filter(([k]) => !known.has(k)));
  if (Object.keys(extra).length > 0) out.extra = extra;
  if (withSource) out.source = SOURCE_PATH[record.source];
  return out;
}

export interface OfficePackage {
  /** The LabelInfo part found through the package relationship, BOM kept; null when absent. */
  labelInfo: string | null;
  customXml: string | null;
}

const relsParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  isArray: (name) => name === "Relationship",
});

export function openOfficeFile(relativePath: string): OfficePackage {
  const files = unzipSync(new Uint8Array(readFileSync(join(FIXTURES, relativePath))));
  // ignoreBOM keeps a byte-order mark in the text, so the codec sees exactly what the part holds.
  const text = (name: string) =>
    files[name] ? new TextDecoder("utf-8", { ignoreBOM: true }).decode(files[name]) : null;
  const rels = relsParser.parse(text("_rels/.rels") ?? "") as {
    Relationships: { Relationship: Array<{ Type: string; Target: string }> };
  };
  const labelRel = rels.Relationships.Relationship.find((r) => r.Type === LABEL_INFO_RELATIONSHIP_TYPE);
  return {
    labelInfo: labelRel ? text(labelRel.Target.replace(/^\//, "")) : null,
    customXml: text("docProps/custom.xml"),
  };
}
