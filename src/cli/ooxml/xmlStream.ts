/**
 * A streaming XML tokenizer over UTF-8 bytes, for text extraction: it finds tags with a byte search,
 * tells the handler about the few tag names it asked for, and decodes only the text the handler
 * wants — never the whole part into a string. Parts arrive in chunks of any size; a tag or a
 * character cut by a chunk boundary is carried to the next chunk (at most MAX_CARRY bytes: a longer
 * tag is skipped with its name and kind kept). Like the regular expressions it replaces (see
 * docs/cli.md, Formats), it reads tags and text, not a validated document.
 */
import { utf8PendingTail } from "../formats/plainText";
import { decodeEntities } from "./xmlText";

export const enum TagKind {
  Start,
  End,
  Empty,
}

export interface XmlHandler {
  /**
   * A tag named in the tokenizer's list (`id` = its index), or any tag (`id` -1) while text is
   * being captured. `tag` reads the tag's attributes when the handler needs them. Returns whether
   * to capture the text that follows, up to the next tag.
   */
  onTag(id: number, kind: TagKind, tag: TagReader): boolean;
  /** Captured text, entities decoded; one text node may come in several pieces. */
  onText(text: string): void;
}

export interface TagReader {
  /** What follows the name inside the tag (`r:id="rId1" t="s"` or ` r="A1"/`), as written. */
  attributes(): string;
}

/** A tag longer than this (attributes of megabytes) is skipped; its name and kind still count. */
const MAX_CARRY = 64 * 1024;
/** A cut entity ("&am" + "p;") is at most this long. */
const MAX_ENTITY = 12;

function isNameEnd(b: number): boolean {
  return b === 0x20 || b === 0x2f || b === 0x3e || b === 0x0a || b === 0x0d || b === 0x09;
}

/**
 * Buffer#utf8Slice: what Buffer#toString("utf8", start, end) calls after checking its arguments,
 * a third of the tokenizer's decoding time on cell-heavy sheets. The ranges here are always valid.
 */
function utf8(buf: Buffer, start: number, end: number): string {
  return (buf as Buffer & { utf8Slice(start: number, end: number): string }).utf8Slice(start, end);
}

/**
 * The next `byte` at or after `from`, or -1. Most gaps between tags are a few bytes, where a loop
 * beats a call into Buffer#indexOf; a long run (a text, an embedded blob) goes to indexOf.
 */
function find(buf: Buffer, byte: number, from: number): number {
  const stop = Math.min(buf.length, from + 48);
  for (let i = from; i < stop; i++) if (buf[i] === byte) return i;
  return stop === buf.length ? -1 : buf.indexOf(byte, stop);
}

interface Name {
  bytes: Uint8Array;
  /** Match the local name under any prefix. */
  anyPrefix: boolean;
}

/** A tokenizer starts for every part (thousands in a presentation): its names are compiled once. */
const compiledNames = new Map<string, { names: Name[]; maxLength: number }>();

function compileNames(list: readonly string[]): { names: Name[]; maxLength: number } {
  const key = list.join("|");
  let compiled = compiledNames.get(key);
  if (!compiled) {
    const names = list.map((n) =>
      n.startsWith("*:")
        ? { bytes: Buffer.from(n.slice(2), "latin1"), anyPrefix: true }
        : { bytes: Buffer.from(n, "latin1"), anyPrefix: false },
    );
    compiled = { names, maxLength: Math.max(0, ...names.map((n) => (n.anyPrefix ? 1024 : n.bytes.length))) };
    // Prefixes are the files' choice: a share of odd ones must not grow the cache without end.
    if (compiledNames.size >= 256) compiledNames.clear();
    compiledNames.set(key, compiled);
  }
  return compiled;
}

export class XmlTokenizer implements TagReader {
  private capture = false;
  /** The carried bytes are held text (a cut character or entity), not the start of a tag. */
  private carryIsText = false;
  private readonly names: Name[];
  private readonly maxLength: number;
  private carry: Buffer | null = null;
  /** Inside a tag longer than MAX_CARRY: skip to its ">" and then report it. */
  private longTag: { id: number; kind: TagKind; head: string; last: number } | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private tagEnd = 0;
  private nameEnd = 0;

  /** `names`: qualified names ("w:t"), or "*:sheet" for a local name under any prefix. */
  constructor(
    names: readonly string[],
    private readonly handler: XmlHandler,
  ) {
    const compiled = compileNames(names);
    this.names = compiled.names;
    this.maxLength = compiled.maxLength;
  }

  attributes(): string {
    if (this.longTag) return this.longTag.head;
    const end = this.buf[this.tagEnd - 1] === 0x2f ? this.tagEnd - 1 : this.tagEnd;
    return utf8(this.buf, this.nameEnd, end);
  }

  push(chunk: Uint8Array): void {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (this.carry) {
      buf = Buffer.concat([this.carry, buf]);
      this.carry = null;
    }
    this.carryIsText = false;
    this.buf = buf;
    let pos = 0;
    if (this.longTag) {
      const gt = buf.indexOf(0x3e);
      if (gt < 0) {
        if (buf.length > 0) this.longTag.last = buf[buf.length - 1];
        return;
      }
      this.finishLongTag(gt > 0 ? buf[gt - 1] : this.longTag.last);
      pos = gt + 1;
    }
    this.scan(buf, pos);
  }

  /** The end of the part: text still held is flushed. */
  finish(): void {
    const rest = this.carry;
    this.carry = null;
    if (rest && this.carryIsText && this.capture) this.text(rest, 0, rest.length, true);
  }

  private scan(buf: Buffer, from: number): void {
    const length = buf.length;
    let pos = from;
    while (pos < length) {
      const lt = find(buf, 0x3c, pos);
      if (lt < 0) {
        if (this.capture) this.text(buf, pos, length, false);
        return;
      }
      if (this.capture && lt > pos) this.text(buf, pos, lt, true);
      const gt = find(buf, 0x3e, lt + 1);
      if (gt < 0) {
        if (length - lt > MAX_CARRY) this.startLongTag(buf, lt);
        else this.carry = Buffer.from(buf.subarray(lt));
        return;
      }
      pos = gt + 1;
      const first = buf[lt + 1];
      if (first === 0x3f || first === 0x21) continue; // declaration, comment, DOCTYPE
      let kind = TagKind.Start;
      let nameStart = lt + 1;
      if (first === 0x2f) {
        kind = TagKind.End;
        nameStart++;
      } else if (buf[gt - 1] === 0x2f) kind = TagKind.Empty;
      let nameEnd = nameStart;
      while (nameEnd < gt && !isNameEnd(buf[nameEnd])) nameEnd++;
      const id = this.lookup(buf, nameStart, nameEnd);
      if (id < 0 && !this.capture) continue;
      this.tagEnd = gt;
      this.nameEnd = nameEnd;
      this.capture = this.handler.onTag(id, kind, this);
    }
  }

  private startLongTag(buf: Buffer, lt: number): void {
    const first = buf[lt + 1];
    let kind = TagKind.Start;
    let nameStart = lt + 1;
    if (first === 0x2f) {
      kind = TagKind.End;
      nameStart++;
    }
    let nameEnd = nameStart;
    while (nameEnd < buf.length && nameEnd - nameStart < 1024 && !isNameEnd(buf[nameEnd])) nameEnd++;
    const skipped = first === 0x3f || first === 0x21;
    this.longTag = {
      id: skipped ? -2 : this.lookup(buf, nameStart, nameEnd),
      kind,
      head: utf8(buf, nameEnd, Math.min(buf.length, nameEnd + 4096)),
      last: buf[buf.length - 1],
    };
  }

  private finishLongTag(lastByte: number): void {
    const long = this.longTag!;
    if (long.id === -2) {
      this.longTag = null;
      return;
    }
    const kind = long.kind === TagKind.Start && lastByte === 0x2f ? TagKind.Empty : long.kind;
    if (long.id >= 0 || this.capture) this.capture = this.handler.onTag(long.id, kind, this);
    this.longTag = null;
  }

  private lookup(buf: Buffer, start: number, end: number): number {
    const length = end - start;
    if (length > this.maxLength) return -1;
    for (let i = 0; i < this.names.length; i++) {
      const name = this.names[i];
      const want = name.bytes;
      let at = start;
      if (name.anyPrefix) {
        at = end - want.length;
        if (at < start || (at > start && buf[at - 1] !== 0x3a)) continue;
      } else if (want.length !== length) continue;
      let k = 0;
      while (k < want.length && buf[at + k] === want[k]) k++;
      if (k === want.length) return i;
    }
    return -1;
  }

  /** Decodes captured text; unless `whole`, bytes that may continue in the next chunk are held. */
  private text(buf: Buffer, start: number, end: number, whole: boolean): void {
    let cut = end;
    if (!whole) {
      cut = end - utf8PendingTail(buf, end);
      const amp = buf.lastIndexOf(0x26, cut - 1);
      if (amp >= start && cut - amp <= MAX_ENTITY && buf.indexOf(0x3b, amp) < 0) cut = amp;
      if (cut < end) {
        this.carry = Buffer.from(buf.subarray(cut, end));
        this.carryIsText = true;
      }
    }
    if (cut > start) this.handler.onText(decodeEntities(utf8(buf, start, cut)));
  }
}

/** Feeds a whole part at once (tests, small parts). */
export function tokenizeWhole(bytes: Uint8Array, names: readonly string[], handler: XmlHandler): void {
  const t = new XmlTokenizer(names, handler);
  t.push(bytes);
  t.finish();
}
