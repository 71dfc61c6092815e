/**
 * Rewrites a zip with some parts replaced or added. Every entry we do not change is carried over as
 * its raw stored bytes — local header, compressed data and data descriptor, and its central
 * directory record — with only the local header offset patched where entries moved. Replaced and
 * added parts are deflated fresh. Output goes to a sink in order, so memory stays bounded by the
 * largest part we change.
 */
import { crc32, deflateRawSync } from "node:zlib";
import { FileFormatError } from "./errors";
import { type ZipArchive, type ZipEntry, localRecord } from "./zipRead";

export interface ZipSink {
  write(bytes: Uint8Array): void;
}

export interface ZipChanges {
  /** Existing entries to replace, by lower-cased name. */
  replace: Map<string, Uint8Array>;
  /** New entries, appended in this order. */
  add: Array<{ name: string; data: Uint8Array }>;
}

/** 1980-01-01 00:00, what Office writes for every part. */
const DOS_DATE_1980 = 0x0021;
const COPY_CHUNK = 1024 * 1024;
const MAX_32 = 0xffffffff;

function le16(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff];
}

function le32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

class Counter implements ZipSink {
  written = 0;
  constructor(private readonly sink: ZipSink) {}
  write(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.sink.write(bytes);
    this.written += bytes.length;
  }
}

interface FreshPart {
  rawName: Uint8Array;
  flags: number;
  time: number;
  date: number;
  crc: number;
  compressed: Uint8Array;
  size: number;
  /** Fields copied from an entry we replace. */
  versionMadeBy: number;
  internalAttributes: number;
  externalAttributes: number;
  comment: Uint8Array;
}

function freshPart(data: Uint8Array, rawName: Uint8Array, like: ZipEntry | null): FreshPart {
  const r = like?.centralRecord;
  const nonAscii = rawName.some((b) => b > 0x7f);
  return {
    rawName,
    flags: like ? like.flags & 0x0800 : nonAscii ? 0x0800 : 0,
    time: r ? r[12] | (r[13] << 8) : 0,
    date: r ? r[14] | (r[15] << 8) : DOS_DATE_1980,
    crc: crc32(data) >>> 0,
    compressed: deflateRawSync(data, { level: 6 }),
    size: data.length,
    versionMadeBy: r ? r[4] | (r[5] << 8) : 20,
    internalAttributes: r ? r[36] | (r[37] << 8) : 0,
    externalAttributes: r ? (r[38] | (r[39] << 8) | (r[40] << 16) | (r[41] << 24)) >>> 0 : 0,
    comment: r ? r.subarray(46 + (r[28] | (r[29] << 8)) + (r[30] | (r[31] << 8))) : new Uint8Array(0),
  };
}

/**
 * The fields the local and the central header both carry, in the same order: version needed (2.0),
 * flags, method (deflate), time, date, CRC-32, sizes, name length, extra length (none).
 */
function sharedFields(p: FreshPart): number[] {
  return [
    ...le16(20),
    ...le16(p.flags),
    ...le16(8),
    ...le16(p.time),
    ...le16(p.date),
    ...le32(p.crc),
    ...le32(p.compressed.length),
    ...le32(p.size),
    ...le16(p.rawName.length),
    ...le16(0),
  ];
}

function localHeader(p: FreshPart): Uint8Array {
  return Uint8Array.from([...le32(0x04034b50), ...sharedFields(p), ...p.rawName]);
}

function centralHeader(p: FreshPart, offset: number): Uint8Array {
  return Uint8Array.from([
    ...le32(0x02014b50),
    ...le16(p.versionMadeBy),
    ...sharedFields(p),
    ...le16(p.comment.length),
    ...le16(0),
    ...le16(p.internalAttributes),
    ...le32(p.externalAttributes),
    ...le32(offset),
    ...p.rawName,
    ...p.comment,
  ]);
}

function copyRange(archive: ZipArchive, start: number, end: number, out: ZipSink): void {
  for (let at = start; at < end; at += COPY_CHUNK) {
    out.write(archive.source.read(at, Math.min(COPY_CHUNK, end - at)));
  }
}

/** Writes the archive with `changes` applied. Refuses ZIP64 archives (Office files never need them). */
export function rewriteZip(archive: ZipArchive, changes: ZipChanges, sink: ZipSink): void {
  if (archive.zip64) throw new FileFormatError("unsupported", "ZIP64 packages (over 4 GB) are not rewritten");
  for (const key of changes.replace.keys()) {
    if (!archive.byName.has(key)) throw new Error(`internal: no entry ${key} to replace`);
  }
  for (const { name } of changes.add) {
    if (archive.byName.has(name.toLowerCase())) throw new Error(`internal: entry ${name} already exists`);
  }

  const out = new Counter(sink);
  const newOffsets = new Map<ZipEntry, number>();
  const fresh = new Map<ZipEntry, FreshPart>();
  const byOffset = [...archive.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (const entry of byOffset) {
    newOffsets.set(entry, out.written);
    const replacement = changes.replace.get(entry.name.toLowerCase());
    if (replacement) {
      const part = freshPart(replacement, entry.rawName, entry);
      fresh.set(entry, part);
      out.write(localHeader(part));
      out.write(part.compressed);
    } else {
      const { end } = localRecord(archive, entry);
      copyRange(archive, entry.localHeaderOffset, end, out);
    }
  }
  const added = changes.add.map(({ name, data }) => {
    const part = freshPart(data, new TextEncoder().encode(name), null);
    const offset = out.written;
    out.write(localHeader(part));
    out.write(part.compressed);
    return { part, offset };
  });

  const directoryOffset = out.written;
  for (const entry of archive.entries) {
    const offset = newOffsets.get(entry)!;
    const part = fresh.get(entry);
    if (part) {
      out.write(centralHeader(part, offset));
    } else {
      const record = Uint8Array.from(entry.centralRecord);
      record.set(le32(offset), 42);
      out.write(record);
    }
  }
  for (const { part, offset } of added) out.write(centralHeader(part, offset));
  const directorySize = out.written - directoryOffset;
  const count = archive.entries.length + added.length;
  if (count > 0xffff || directoryOffset > MAX_32 || out.written > MAX_32)
    throw new FileFormatError("too-large", "the rewritten package would need ZIP64");
  out.write(
    Uint8Array.from([
      ...le32(0x06054b50),
      ...le16(0),
      ...le16(0),
      ...le16(count),
      ...le16(count),
      ...le32(directorySize),
      ...le32(directoryOffset),
      ...le16(archive.comment.length),
      ...archive.comment,
    ]),
  );
}
