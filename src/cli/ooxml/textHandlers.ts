/**
 * What text each kind of part holds, as handlers for the streaming tokenizer (xmlStream.ts): the
 * characters in reading order, runs joined within a paragraph (Word splits "4111 1111 …" across
 * runs), a line per paragraph, cell and sheet row. A text element counts only when it is closed by
 * its own end tag with nothing in between, as in the regular expressions these replace.
 */
import { TagKind, type TagReader, type XmlHandler } from "./xmlStream";
import { parseAttributes } from "./xmlText";

/** Text goes out in pieces of about this many characters. */
const OUT_PIECE = 64 * 1024;
/** A single text node longer than this is passed on in pieces (no element of a real file is). */
const MAX_NODE = 1024 * 1024;

export class TextOut {
  private text = "";
  constructor(private readonly sink: (text: string) => void) {}

  add(text: string): void {
    this.text += text;
    if (this.text.length >= OUT_PIECE) this.flush();
  }

  flush(): void {
    if (this.text.length > 0) this.sink(this.text);
    this.text = "";
  }
}

function qualified(prefix: string, local: string): string {
  return prefix === "" ? local : `${prefix}:${local}`;
}

/** The text of one element (`<t>…</t>`), kept until its end tag says it counts. */
class OpenText {
  id = -1;
  private text = "";

  open(id: number): boolean {
    this.id = id;
    this.text = "";
    return true;
  }

  add(text: string, overflow: (text: string) => void): void {
    this.text += text;
    if (this.text.length > MAX_NODE) {
      overflow(this.text);
      this.text = "";
    }
  }

  /** On any tag while open: the text when the tag is the element's end tag, else null. */
  close(id: number, kind: TagKind): string | null {
    const closes = kind === TagKind.End && id === this.id;
    this.id = -1;
    return closes ? this.text : null;
  }
}

/** WordprocessingML (w:t, w:delText; w:tab, w:br, w:cr; w:p) and DrawingML (a:t; a:br; a:p). */
export class ParagraphHandler implements XmlHandler {
  readonly names: string[];
  private readonly open = new OpenText();
  private readonly textIds: number;
  private readonly paragraph: number;

  constructor(
    prefix: string,
    textElements: string[],
    breakElements: string[],
    private readonly out: TextOut,
  ) {
    this.names = [...textElements, ...breakElements, "p"].map((n) => qualified(prefix, n));
    this.textIds = textElements.length;
    this.paragraph = this.names.length - 1;
  }

  onTag(id: number, kind: TagKind): boolean {
    if (this.open.id >= 0) {
      const text = this.open.close(id, kind);
      if (text !== null) this.out.add(text);
    }
    if (id < 0) return false;
    if (id < this.textIds) return kind === TagKind.Start && this.open.open(id);
    if (id === this.paragraph) {
      if (kind === TagKind.End) this.out.add("\n");
    } else if (kind === TagKind.Empty) this.out.add(this.names[id].endsWith("tab") ? "\t" : "\n");
    return false;
  }

  onText(text: string): void {
    this.open.add(text, (t) => this.out.add(t));
  }
}

export function wordHandler(prefix: string, out: TextOut): ParagraphHandler {
  return new ParagraphHandler(prefix, ["t", "delText"], ["tab", "br", "cr"], out);
}

export function drawingHandler(prefix: string, out: TextOut): ParagraphHandler {
  return new ParagraphHandler(prefix, ["t"], ["br"], out);
}

const SI = 0;
const T = 1;
const RPH = 2;

/**
 * The shared string table: each item's runs joined, phonetic (rPh) runs left out. Items past
 * `maxChars` are not kept for the sheets to look up: they go to `overflow`, to be scanned as text.
 */
export class SharedStringsHandler implements XmlHandler {
  readonly names: string[];
  readonly strings: string[] = [];
  private chars = 0;
  private item: string[] | null = null;
  private phonetic = false;
  private readonly open = new OpenText();
  /** Items left out of the table because it reached maxChars. */
  dropped = 0;

  constructor(
    prefix: string,
    private readonly maxChars: number,
    private readonly overflow: (text: string) => void,
  ) {
    this.names = ["si", "t", "rPh"].map((n) => qualified(prefix, n));
  }

  onTag(id: number, kind: TagKind): boolean {
    if (this.open.id >= 0) {
      const text = this.open.close(id, kind);
      if (text !== null) this.item?.push(text);
    }
    if (id === SI) {
      if (kind === TagKind.Start) this.item = [];
      else if (kind === TagKind.Empty) this.keep("");
      else if (this.item) {
        this.keep(this.item.join(""));
        this.item = null;
      }
    } else if (id === RPH) this.phonetic = kind === TagKind.Start;
    else if (id === T && kind === TagKind.Start && this.item && !this.phonetic) return this.open.open(id);
    return false;
  }

  onText(text: string): void {
    this.open.add(text, (t) => this.item?.push(t));
  }

  private keep(text: string): void {
    if (this.chars + text.length > this.maxChars) {
      this.dropped++;
      this.strings.push("");
      this.overflow(text + "\n");
      return;
    }
    this.chars += text.length;
    this.strings.push(text);
  }
}

const C = 0;
const V = 1;
const IS_T = 2;
const CELL_RPH = 3;
const ROW = 4;
const TYPE = /\bt\s*=\s*["']([^"']*)["']/;

/** A worksheet: one line per row, cells separated by tabs, shared strings resolved. */
export class WorksheetHandler implements XmlHandler {
  readonly names: string[];
  private readonly open = new OpenText();
  private inCell = false;
  private type = "n";
  private value: string | null = null;
  private inline = "";
  private phonetic = false;
  private rowHasCells = false;

  constructor(
    prefix: string,
    private readonly shared: readonly string[],
    private readonly out: TextOut,
  ) {
    this.names = ["c", "v", "t", "rPh", "row"].map((n) => qualified(prefix, n));
  }

  onTag(id: number, kind: TagKind, tag: TagReader): boolean {
    if (this.open.id >= 0) {
      const openId = this.open.id;
      const text = this.open.close(id, kind);
      if (text !== null) {
        if (openId === V) this.value ??= text;
        else this.inline += text;
      }
    }
    switch (id) {
      case C:
        if (kind === TagKind.Start) this.startCell(tag);
        else if (kind === TagKind.End) this.endCell();
        return false;
      case ROW:
        if (kind === TagKind.End) {
          this.out.add("\n");
          this.rowHasCells = false;
        }
        return false;
      case CELL_RPH:
        this.phonetic = kind === TagKind.Start;
        return false;
      case V:
        return kind === TagKind.Start && this.inCell && this.value === null && this.open.open(id);
      case IS_T:
        return kind === TagKind.Start && this.inCell && !this.phonetic && this.open.open(id);
      default:
        return false;
    }
  }

  onText(text: string): void {
    this.open.add(text, (t) => (this.inline += t));
  }

  private startCell(tag: TagReader): void {
    this.inCell = true;
    this.type = TYPE.exec(tag.attributes())?.[1] ?? "n";
    this.value = null;
    this.inline = "";
  }

  private endCell(): void {
    if (!this.inCell) return;
    this.inCell = false;
    let value: string;
    if (this.type === "inlineStr") value = this.inline;
    else if (this.value === null) return;
    else value = this.type === "s" ? (this.shared[Number(this.value)] ?? "") : this.value;
    if (this.rowHasCells) this.out.add("\t");
    this.out.add(value);
    this.rowHasCells = true;
  }
}

/** The `r:id` of each `<…:sheet>` / `<…:sldId>` of a workbook or presentation, in order. */
export class RelationshipIdsHandler implements XmlHandler {
  readonly names: string[];
  readonly ids: string[] = [];

  constructor(element: string) {
    this.names = [`*:${element}`];
  }

  onTag(_id: number, kind: TagKind, tag: TagReader): boolean {
    if (kind === TagKind.End) return false;
    const attrs = parseAttributes(tag.attributes());
    const id = Object.entries(attrs).find(([k]) => k.endsWith(":id"))?.[1];
    if (id !== undefined) this.ids.push(id);
    return false;
  }

  onText(): void {}
}
