/**
 * A zip reader for files we did not write. It parses the central directory itself (rather than
 * unzipping everything) so that it can: refuse hostile archives before inflating a byte (declared
 * sizes above the limits, overlapping entries, traversal names, duplicate part names, encrypted
 * entries), read only the parts it needs, and hand the writer each entry's raw bytes so that parts
 * we do not change are carried over byte-for-byte.
 *
 * Inflation uses node:zlib rather than fflate: measured here it inflates 3× and deflates 8× faster
 * (fflate stays faster than jszip, which is what docs/reference/tooling.md compared), and its `maxOutputLength`
 * set to the declared size stops an entry that lies about its size as soon as it passes it. The
 * CRC-32 is checked on every entry read.
 */
import { crc32, inflateRawSync } from "node:zlib";
import { FileFormatError } from "./errors";
import type { ByteSource } from "./source";

export interface ZipLimits {
  /** Most entries an archive may list. */
  maxEntries: number;
  /** Largest uncompressed size of one entry we inflate. */
  maxEntryBytes: number;
  /**
   * Largest sum of uncompressed sizes: of the parts we inflate, and — together with maxRatio — of
   * everything the archive declares (zip bomb guard).
   */
  maxTotalBytes: number;
  /** Expansion ratio above which a large entry or archive is treated as a bomb. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 200 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 100,
};

export interface ZipEntry {
  name: string;
  rawName: Uint8Array;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Position in the central directory (the writer keeps this order). */
  index: number;
  /** The central directory record exactly as stored. */
  centralRecord: Uint8Array;
  /** Sizes or offset came from a ZIP64 extra field. */
  zip64: boolean;
}

export interface ZipArchive {
  source: ByteSource;
  entries: ZipEntry[];
  /** By lower-cased name: OPC part names compare case-insensitively. */
  byName: Map<string, ZipEntry>;
  comment: Uint8Array;
  centralDirectoryOffset: number;
  /** The archive uses ZIP64 records anywhere. */
  zip64: boolean;
  limits: ZipLimits;
  /** Uncompressed bytes inflated so far (bounded by limits.maxTotalBytes). */
  inflatedBytes: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DATA_DESCRIPTOR = 0x08074b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** Compound File Binary signature: encrypted OOXML (and legacy .doc/.xls/.ppt) live in one. */
export const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isCompoundFile(head: Uint8Array): boolean {
  return CFB_SIGNATURE.every((b, i) => head[i] === b);
}

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}

function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

function u64(b: Uint8Array, o: number, what: string): number {
  const lo = u32(b, o);
  const hi = u32(b, o + 4);
  const n = hi * 0x1_0000_0000 + lo;
  if (hi > 0x1fffff) throw new FileFormatError("corrupt", `${what} is beyond any real file size`);
  return n;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const latin1 = new TextDecoder("latin1");

function decodeName(raw: Uint8Array, flags: number): string {
  if (flags & 0x0800) {
    try {
      return utf8.decode(raw);
    } catch {
      throw new FileFormatError("unsafe-entry-name", "an entry name is not valid UTF-8");
    }
  }
  // Without the UTF-8 flag the name is CP437; OOXML part names are ASCII, so latin1 shows them as written.
  return latin1.decode(raw);
}

/** Why an entry name is unsafe to act on, or null. We never extract to disk, but such names mean a crafted file. */
/** Names made only of these, with no "." or ".." segment and no leading "/", need no closer look. */
const PLAIN_NAME = /^(?!\/)(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9_\-.\[\]/]{1,1024}$/;

export function unsafeNameReason(name: string): string | null {
  if (PLAIN_NAME.test(name)) return null;
  if (name.length === 0) return "an entry has an empty name";
  if (name.length > 1024) return "an entry name is longer than 1024 characters";
  if (/[\u0000-\u001f]/.test(name)) return `entry name ${JSON.stringify(name)} contains a control character`;
  if (name.includes("\\")) return `entry name ${JSON.stringify(name)} contains a backslash`;
  if (name.startsWith("/")) return `entry name ${JSON.stringify(name)} is an absolute path`;
  if (/^[A-Za-z]:/.test(name)) return `entry name ${JSON.stringify(name)} starts with a drive letter`;
  if (name.split("/").some((s) => s === ".." || s === "."))
    return `entry name ${JSON.stringify(name)} climbs out of the package (path traversal)`;
  return null;
}

function findEndOfCentralDirectory(source: ByteSource): { offset: number; record: Uint8Array } {
  if (source.size < EOCD_SIZE)
    throw new FileFormatError("truncated", `the file is only ${source.size} bytes: not a complete zip`);
  const tailLength = Math.min(source.size, EOCD_SIZE + MAX_COMMENT);
  const tailStart = source.size - tailLength;
  const tail = source.read(tailStart, tailLength);
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (u32(tail, i) !== SIG_EOCD) continue;
    const commentLength = u16(tail, i + 20);
    if (i + EOCD_SIZE + commentLength > tail.length) continue;
    return { offset: tailStart + i, record: tail.subarray(i, i + EOCD_SIZE + commentLength) };
  }
  throw new FileFormatError(
    "truncated",
    "no end-of-central-directory record: the zip is truncated or not a zip",
  );
}

interface DirectoryLocation {
  entryCount: number;
  size: number;
  offset: number;
  zip64: boolean;
}

function locateDirectory(source: ByteSource, eocdOffset: number, eocd: Uint8Array): DirectoryLocation {
  if (u16(eocd, 4) !== 0 || u16(eocd, 6) !== 0)
    throw new FileFormatError("unsupported", "multi-part (spanned) zips are not supported");
  let entryCount = u16(eocd, 10);
  let size = u32(eocd, 12);
  let offset = u32(eocd, 16);
  const needs64 = entryCount === 0xffff || size === 0xffffffff || offset === 0xffffffff;
  if (!needs64 || eocdOffset < 20) return { entryCount, size, offset, zip64: false };
  const locator = source.read(eocdOffset - 20, 20);
  if (u32(locator, 0) !== SIG_ZIP64_LOCATOR) return { entryCount, size, offset, zip64: false };
  const recordOffset = u64(locator, 8, "ZIP64 end record offset");
  if (recordOffset + 56 > eocdOffset)
    throw new FileFormatError("corrupt", "the ZIP64 end record lies outside the file");
  const record = source.read(recordOffset, 56);
  if (u32(record, 0) !== SIG_ZIP64_EOCD)
    throw new FileFormatError("corrupt", "the ZIP64 end record is missing");
  entryCount = u64(record, 32, "entry count");
  size = u64(record, 40, "central directory size");
  offset = u64(record, 48, "central directory offset");
  return { entryCount, size, offset, zip64: true };
}

function readZip64Extra(
  extra: Uint8Array,
  fields: { uncompressed: boolean; compressed: boolean; offset: boolean },
): { uncompressed?: number; compressed?: number; offset?: number } {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = u16(extra, p);
    const len = u16(extra, p + 2);
    const body = p + 4;
    if (body + len > extra.length) break;
    if (id === 0x0001) {
      const out: { uncompressed?: number; compressed?: number; offset?: number } = {};
      let q = body;
      const take = (what: string) => {
        if (q + 8 > body + len)
          throw new FileFormatError("corrupt", `the ZIP64 extra field lacks the ${what}`);
        const v = u64(extra, q, what);
        q += 8;
        return v;
      };
      if (fields.uncompressed) out.uncompressed = take("uncompressed size");
      if (fields.compressed) out.compressed = take("compressed size");
      if (fields.offset) out.offset = take("local header offset");
      return out;
    }
    p = body + len;
  }
  throw new FileFormatError("corrupt", "an entry needs a ZIP64 extra field but has none");
}

/**
 * Reads and checks the central directory. Throws a FileFormatError naming the reason for: not a
 * zip, an encrypted or legacy binary Office file, truncation, too many entries, a zip bomb
 * (declared sizes over the limits, overlapping entries), unsafe or duplicate names, encrypted entries.
 */
export function openZip(source: ByteSource, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
  const head = source.read(0, Math.min(8, source.size));
  if (isCompoundFile(head))
    throw new FileFormatError(
      "encrypted",
      "encrypted or legacy binary Office file (OLE compound file, not a zip package)",
    );
  if (source.size >= 4 && !(head[0] === 0x50 && head[1] === 0x4b))
    throw new FileFormatError("not-zip", "not a zip package (no PK signature)");

  const { offset: eocdOffset, record: eocd } = findEndOfCentralDirectory(source);
  const dir = locateDirectory(source, eocdOffset, eocd);
  if (dir.entryCount > limits.maxEntries)
    throw new FileFormatError(
      "zip-bomb",
      `the zip lists ${dir.entryCount} entries (limit ${limits.maxEntries})`,
    );
  if (dir.offset + dir.size > eocdOffset)
    throw new FileFormatError(
      "truncated",
      "the central directory runs past its end record: the zip is truncated or corrupt",
    );
  const central = source.read(dir.offset, dir.size);

  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let declaredTotal = 0;
  let p = 0;
  for (let index = 0; index < dir.entryCount; index++) {
    if (p + 46 > central.length || u32(central, p) !== SIG_CENTRAL)
      throw new FileFormatError("corrupt", `central directory record ${index + 1} is damaged`);
    const flags = u16(central, p + 8);
    const method = u16(central, p + 10);
    const crc = u32(central, p + 16);
    let compressedSize = u32(central, p + 20);
    let uncompressedSize = u32(central, p + 24);
    const nameLength = u16(central, p + 28);
    const extraLength = u16(central, p + 30);
    const commentLength = u16(central, p + 32);
    const disk = u16(central, p + 34);
    let localHeaderOffset = u32(central, p + 42);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > central.length)
      throw new FileFormatError("corrupt", `central directory record ${index + 1} runs past the directory`);
    if (disk !== 0) throw new FileFormatError("unsupported", "multi-part (spanned) zips are not supported");
    const rawName = central.subarray(p + 46, p + 46 + nameLength);
    const extra = central.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    const want = {
      uncompressed: uncompressedSize === 0xffffffff,
      compressed: compressedSize === 0xffffffff,
      offset: localHeaderOffset === 0xffffffff,
    };
    const zip64 = want.uncompressed || want.compressed || want.offset;
    if (zip64) {
      const z = readZip64Extra(extra, want);
      uncompressedSize = z.uncompressed ?? uncompressedSize;
      compressedSize = z.compressed ?? compressedSize;
      localHeaderOffset = z.offset ?? localHeaderOffset;
    }
    const name = decodeName(rawName, flags);
    const unsafe = unsafeNameReason(name);
    if (unsafe) throw new FileFormatError("unsafe-entry-name", unsafe);
    const key = name.toLowerCase();
    if (byName.has(key)) throw new FileFormatError("corrupt", `entry ${JSON.stringify(name)} appears twice`);
    if (flags & 0x0001)
      throw new FileFormatError(
        "encrypted",
        `entry ${JSON.stringify(name)} is encrypted (password-protected zip)`,
      );
    if (uncompressedSize > limits.maxEntryBytes && uncompressedSize > limits.maxRatio * compressedSize)
      throw new FileFormatError(
        "zip-bomb",
        `entry ${JSON.stringify(name)} expands ${compressedSize} bytes to ${uncompressedSize} (zip bomb?)`,
      );
    declaredTotal += uncompressedSize;
    const entry: ZipEntry = {
      name,
      rawName,
      flags,
      method,
      crc32: crc,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      index,
      centralRecord: central.subarray(p, end),
      zip64,
    };
    entries.push(entry);
    byName.set(key, entry);
    p = end;
  }
  // Large media (video, images) barely compresses; only a huge total at a huge ratio is a bomb.
  if (declaredTotal > limits.maxTotalBytes && declaredTotal > limits.maxRatio * source.size)
    throw new FileFormatError(
      "zip-bomb",
      `the entries expand ${source.size} bytes to ${declaredTotal} (more than ${limits.maxTotalBytes}, zip bomb?)`,
    );
  checkLayout(entries, dir.offset);
  return {
    source,
    entries,
    byName,
    comment: eocd.subarray(EOCD_SIZE),
    centralDirectoryOffset: dir.offset,
    zip64: dir.zip64 || entries.some((e) => e.zip64),
    limits,
    inflatedBytes: 0,
  };
}

/**
 * Entries must lie one after another before the central directory. Overlapping entries are how
 * non-recursive zip bombs reuse one compressed stream many times.
 */
function checkLayout(entries: ZipEntry[], directoryOffset: number): void {
  const sorted = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    const minimalEnd = e.localHeaderOffset + 30 + e.rawName.length + e.compressedSize;
    const limit = i + 1 < sorted.length ? sorted[i + 1].localHeaderOffset : directoryOffset;
    if (minimalEnd > limit) {
      throw new FileFormatError(
        limit === directoryOffset ? "truncated" : "zip-bomb",
        limit === directoryOffset
          ? `entry ${JSON.stringify(e.name)} runs into the central directory: the zip is truncated or corrupt`
          : `entries ${JSON.stringify(e.name)} and ${JSON.stringify(sorted[i + 1].name)} overlap (zip bomb?)`,
      );
    }
  }
}

export interface LocalRecord {
  /** Where the entry's data starts. */
  dataOffset: number;
  /** One past the last byte of the entry's record (data descriptor included). */
  end: number;
}

/** Reads the local header of an entry and checks it agrees with the central directory. */
export function localRecord(archive: ZipArchive, entry: ZipEntry): LocalRecord {
  const { source } = archive;
  if (entry.localHeaderOffset + 30 > source.size)
    throw new FileFormatError(
      "truncated",
      `entry ${JSON.stringify(entry.name)} starts past the end of the file`,
    );
  const header = source.read(entry.localHeaderOffset, 30);
  if (u32(header, 0) !== SIG_LOCAL)
    throw new FileFormatError("corrupt", `the local header of ${JSON.stringify(entry.name)} is missing`);
  const nameLength = u16(header, 26);
  const extraLength = u16(header, 28);
  const localName = source.read(entry.localHeaderOffset + 30, nameLength);
  if (localName.length !== entry.rawName.length || !localName.every((b, i) => b === entry.rawName[i]))
    throw new FileFormatError(
      "corrupt",
      `the local name of ${JSON.stringify(entry.name)} differs from the central directory`,
    );
  const dataOffset = entry.localHeaderOffset + 30 + nameLength + extraLength;
  let end = dataOffset + entry.compressedSize;
  if (entry.flags & 0x0008) {
    const sized = entry.zip64 ? 20 : 12;
    if (end + 4 <= source.size && u32(source.read(end, 4), 0) === SIG_DATA_DESCRIPTOR) end += 4;
    end += sized;
  }
  if (end > archive.centralDirectoryOffset)
    throw new FileFormatError(
      "truncated",
      `entry ${JSON.stringify(entry.name)} runs into the central directory`,
    );
  return { dataOffset, end };
}

/** The uncompressed bytes of an entry, CRC-checked, within the archive's limits. */
export function readEntry(archive: ZipArchive, entry: ZipEntry): Uint8Array {
  const { limits } = archive;
  if (entry.uncompressedSize > limits.maxEntryBytes)
    throw new FileFormatError(
      "too-large",
      `part ${entry.name} is ${entry.uncompressedSize} bytes (limit ${limits.maxEntryBytes})`,
    );
  if (archive.inflatedBytes + entry.uncompressedSize > limits.maxTotalBytes)
    throw new FileFormatError("zip-bomb", `the parts read expand to more than ${limits.maxTotalBytes} bytes`);
  const { dataOffset } = localRecord(archive, entry);
  const raw = archive.source.read(dataOffset, entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize)
      throw new FileFormatError(
        "corrupt",
        `stored part ${entry.name} has different compressed and uncompressed sizes`,
      );
    data = raw;
  } else if (entry.method === 8) {
    if (entry.uncompressedSize === 0) data = new Uint8Array(0);
    else {
      try {
        // One output buffer of the declared size: the default 16 KiB chunks, concatenated, cost
        // about a third more on the thousands of small parts of a presentation.
        data = inflateRawSync(raw, {
          maxOutputLength: entry.uncompressedSize,
          chunkSize: Math.max(64, entry.uncompressedSize),
        });
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === "ERR_BUFFER_TOO_LARGE")
          throw new FileFormatError(
            "zip-bomb",
            `part ${entry.name} inflates beyond its declared ${entry.uncompressedSize} bytes (zip bomb?)`,
          );
        throw new FileFormatError(
          "corrupt",
          `part ${entry.name} cannot be inflated: ${(err as Error).message}`,
        );
      }
    }
  } else {
    throw new FileFormatError("unsupported", `part ${entry.name} uses compression method ${entry.method}`);
  }
  if (data.length !== entry.uncompressedSize)
    throw new FileFormatError(
      "corrupt",
      `part ${entry.name} inflates to ${data.length} bytes, not the declared ${entry.uncompressedSize}`,
    );
  if (crc32(data) >>> 0 !== entry.crc32)
    throw new FileFormatError("corrupt", `part ${entry.name} fails its CRC-32 check`);
  archive.inflatedBytes += data.length;
  return data;
}

export function findEntry(archive: ZipArchive, name: string): ZipEntry | undefined {
  return archive.byName.get(name.replace(/^\//, "").toLowerCase());
}
