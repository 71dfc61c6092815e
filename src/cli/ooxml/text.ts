/**
 * Text of Word, Excel and PowerPoint packages for sensitive-information detection: the parts that
 * hold text, found through the package's relationships (no other part is inflated), each inflated
 * as a stream and tokenized as bytes (zipStream.ts, xmlStream.ts), the text going to a sink as it is
 * found. No part is ever held whole as a string, and every byte inflated is charged to the file's
 * decode budget: when the budget runs out, the text read so far has gone to the sink and the result
 * says where reading was cut.
 */
import {
  type DecodeBudget,
  DEFAULT_DECODE_LIMITS,
  DecodeBudget as Budget,
  isDecodeLimit,
} from "../formats/budget";
import { resolvePartTarget } from "../../core/metadata/packageRelationships";
import { relationshipsOf, targetsOf } from "./opc";
import {
  RelationshipIdsHandler,
  SharedStringsHandler,
  TextOut,
  WorksheetHandler,
  drawingHandler,
  wordHandler,
} from "./textHandlers";
import { type XmlHandler, XmlTokenizer, tokenizeWhole } from "./xmlStream";
import { prefixFor } from "./xmlText";
import { streamEntry } from "./zipStream";
import { type ZipArchive, findEntry } from "./zipRead";

export type OfficeKind = "word" | "excel" | "powerpoint";

const NS = {
  word: [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
  ],
  drawing: [
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/main",
  ],
  sheet: [
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
  ],
} as const;

/** Shared strings kept for the sheets to look up; the rest are scanned as text without their rows. */
export const MAX_SHARED_STRING_CHARS = 32 * 1024 * 1024;
/** The root start tag comes first, after at most a declaration and a comment or two. */
const HEAD_BYTES = 8192;

/** Both spellings of an officeDocument relationship type: transitional and strict. */
function relTypes(name: string): string[] {
  return [
    `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${name}`,
    `http://purl.oclc.org/ooxml/officeDocument/relationships/${name}`,
  ];
}

/** A handler for a part, given the start of the part as text (null: the part holds nothing we read). */
type HandlerFor = (head: string) => (XmlHandler & { names: readonly string[] }) | null;

/**
 * One part's bytes to its handler: the first bytes pick the handler (the namespace prefix the root
 * binds); UTF-16 parts, which XML allows and Office does not write, are decoded whole first.
 */
class PartReader {
  private head: Uint8Array[] = [];
  private headSize = 0;
  private tokenizer: XmlTokenizer | null = null;
  private utf16: Uint8Array[] | null = null;
  private skip = false;

  constructor(private readonly handlerFor: HandlerFor) {}

  push(chunk: Uint8Array): void {
    if (this.tokenizer) this.tokenizer.push(chunk);
    else if (this.utf16) this.utf16.push(chunk);
    else if (!this.skip) {
      this.head.push(chunk);
      this.headSize += chunk.length;
      if (this.headSize >= HEAD_BYTES) this.start();
    }
  }

  finish(): void {
    if (!this.tokenizer && !this.utf16 && !this.skip) this.start();
    if (this.utf16) {
      const bytes = Buffer.concat(this.utf16);
      const text = new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(bytes.subarray(2));
      this.utf16 = null;
      this.begin(Buffer.from(text, "utf8"));
    }
    this.tokenizer?.finish();
  }

  private start(): void {
    // A part read whole arrives as one chunk: no copy.
    let head =
      this.head.length === 1
        ? Buffer.from(this.head[0].buffer, this.head[0].byteOffset, this.head[0].length)
        : Buffer.concat(this.head);
    this.head = [];
    if (
      head.length >= 2 &&
      ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    ) {
      this.utf16 = [head];
      return;
    }
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
    this.begin(head);
  }

  private begin(bytes: Buffer): void {
    // The root start tag is almost always within the first kilobyte; look further only if not.
    let handler = this.handlerFor(bytes.toString("latin1", 0, Math.min(bytes.length, 1024)));
    if (!handler && bytes.length > 1024)
      handler = this.handlerFor(bytes.toString("latin1", 0, Math.min(bytes.length, HEAD_BYTES)));
    if (!handler) {
      this.skip = true;
      return;
    }
    this.tokenizer = new XmlTokenizer(handler.names, handler);
    this.tokenizer.push(bytes);
  }
}

export interface ExtractResult {
  /** The parts the text came from, in order. */
  parts: string[];
  /** Why reading stopped before the end (the decode budget ran out), or null. */
  cut: string | null;
}

async function readPart(archive: ZipArchive, part: string, budget: DecodeBudget, handlerFor: HandlerFor) {
  const entry = findEntry(archive, part);
  if (!entry) return false;
  const reader = new PartReader(handlerFor);
  await streamEntry(archive, entry, budget, (chunk) => reader.push(chunk));
  reader.finish();
  return true;
}

/** Reads `parts` in order, a line between parts; stops (and says so) when the budget runs out. */
async function readParts(
  archive: ZipArchive,
  parts: string[],
  budget: DecodeBudget,
  out: TextOut,
  handlerFor: HandlerFor,
): Promise<ExtractResult> {
  const used: string[] = [];
  try {
    for (const part of parts) {
      if (!findEntry(archive, part)) continue;
      if (used.length > 0) out.add("\n");
      used.push(part);
      await readPart(archive, part, budget, handlerFor);
      out.flush();
    }
    return { parts: used, cut: null };
  } catch (err) {
    out.flush();
    if (isDecodeLimit(err)) return { parts: used, cut: err.message };
    throw err;
  }
}

function unique(parts: string[]): string[] {
  const seen = new Set<string>();
  return parts.filter((p) => {
    const k = p.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Targets in the order the main part lists them by `r:id` (sheets, slides), then any others; when
 * the main part alone spends the budget, the result saying so.
 */
async function orderedByIds(
  archive: ZipArchive,
  mainPart: string,
  element: string,
  type: string[],
  budget: DecodeBudget,
): Promise<string[] | ExtractResult> {
  const rels = relationshipsOf(archive, mainPart).filter((r) => !r.external && type.includes(r.type));
  const byId = new Map(rels.map((r) => [r.id, resolvePartTarget(mainPart, r.target)]));
  const ids = new RelationshipIdsHandler(element);
  try {
    await readPart(archive, mainPart, budget, () => ids);
  } catch (err) {
    if (isDecodeLimit(err)) return { parts: [], cut: err.message };
    throw err;
  }
  const ordered: string[] = [];
  for (const id of ids.ids) {
    const target = byId.get(id);
    if (target) ordered.push(target);
  }
  for (const t of byId.values()) if (t) ordered.push(t);
  return unique(ordered);
}

function paragraphs(ns: readonly string[], make: typeof wordHandler, out: TextOut): HandlerFor {
  return (head) => {
    const prefix = prefixFor(head, ns);
    return prefix === null ? null : make(prefix, out);
  };
}

/** How one kind of package's text is read, from its main part on. */
type TextExtractor = (
  archive: ZipArchive,
  mainPart: string,
  out: TextOut,
  budget: DecodeBudget,
) => Promise<ExtractResult>;

const wordText: TextExtractor = async (archive, mainPart, out, budget) => {
  const extras = ["header", "footer", "footnotes", "endnotes", "comments"].flatMap((t) =>
    targetsOf(archive, mainPart, relTypes(t)),
  );
  return readParts(
    archive,
    unique([mainPart, ...extras]),
    budget,
    out,
    paragraphs(NS.word, wordHandler, out),
  );
};

const excelText: TextExtractor = async (archive, mainPart, out, budget) => {
  const sheets = await orderedByIds(archive, mainPart, "sheet", relTypes("worksheet"), budget);
  if (!Array.isArray(sheets)) return sheets;
  const sharedPart = targetsOf(archive, mainPart, relTypes("sharedStrings"))[0];
  let shared: SharedStringsHandler | null = null;
  let sharedFound = false;
  if (sharedPart) {
    try {
      sharedFound = await readPart(archive, sharedPart, budget, (head) => {
        const prefix = prefixFor(head, NS.sheet);
        if (prefix === null) return null;
        shared = new SharedStringsHandler(prefix, MAX_SHARED_STRING_CHARS, (t) => out.add(t));
        return shared;
      });
    } catch (err) {
      if (!isDecodeLimit(err)) throw err;
      // What was read of the table is scanned as text: the sheets that use it are not reached.
      for (const s of (shared as SharedStringsHandler | null)?.strings ?? []) out.add(s + "\n");
      out.flush();
      return { parts: [sharedPart], cut: err.message };
    }
  }
  const strings = (shared as SharedStringsHandler | null)?.strings ?? [];
  const result = await readParts(archive, sheets, budget, out, (head) => {
    const prefix = prefixFor(head, NS.sheet);
    return prefix === null ? null : new WorksheetHandler(prefix, strings, out);
  });
  return { ...result, parts: sharedPart && sharedFound ? [sharedPart, ...result.parts] : result.parts };
};

const powerPointText: TextExtractor = async (archive, mainPart, out, budget) => {
  const slides = await orderedByIds(archive, mainPart, "sldId", relTypes("slide"), budget);
  if (!Array.isArray(slides)) return slides;
  const parts: string[] = [];
  for (const slide of slides) {
    parts.push(slide);
    parts.push(...targetsOf(archive, slide, relTypes("notesSlide")));
  }
  return readParts(archive, unique(parts), budget, out, paragraphs(NS.drawing, drawingHandler, out));
};

const EXTRACTORS: Record<OfficeKind, TextExtractor> = {
  word: wordText,
  excel: excelText,
  powerpoint: powerPointText,
};

export function extractOfficeText(
  archive: ZipArchive,
  kind: OfficeKind,
  mainPart: string,
  sink: (text: string) => void,
  budget: DecodeBudget = new Budget(DEFAULT_DECODE_LIMITS),
): Promise<ExtractResult> {
  return EXTRACTORS[kind](archive, mainPart, new TextOut(sink), budget);
}

function collectText(xml: string, handlerFor: (out: TextOut) => HandlerFor): string {
  const pieces: string[] = [];
  const out = new TextOut((t) => pieces.push(t));
  const handler = handlerFor(out)(xml.length > HEAD_BYTES ? xml.slice(0, HEAD_BYTES) : xml);
  if (handler) tokenizeWhole(Buffer.from(xml, "utf8"), handler.names, handler);
  out.flush();
  return pieces.join("");
}

/** One WordprocessingML part's text (a line per paragraph). */
export function wordPartText(xml: string): string {
  return collectText(xml, (out) => paragraphs(NS.word, wordHandler, out));
}

/** One DrawingML part's text (slides, notes). */
export function drawingPartText(xml: string): string {
  return collectText(xml, (out) => paragraphs(NS.drawing, drawingHandler, out));
}

/** A shared string table's items. */
export function sharedStrings(xml: string): string[] {
  const prefix = prefixFor(xml.slice(0, HEAD_BYTES), NS.sheet);
  if (prefix === null) return [];
  const handler = new SharedStringsHandler(prefix, Infinity, () => {});
  tokenizeWhole(Buffer.from(xml, "utf8"), handler.names, handler);
  return handler.strings;
}

/** One worksheet's text: a line per row, cells separated by tabs. */
export function worksheetText(xml: string, shared: readonly string[]): string {
  return collectText(xml, (out) => (head) => {
    const prefix = prefixFor(head, NS.sheet);
    return prefix === null ? null : new WorksheetHandler(prefix, shared, out);
  });
}
