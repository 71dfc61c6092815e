import { Zip, ZipDeflate, strToU8, unzipSync, zipSync } from "fflate";
import { FileFormatError } from "../../src/cli/ooxml/errors";
import { bufferSource } from "../../src/cli/ooxml/source";
import {
  DEFAULT_ZIP_LIMITS,
  findEntry,
  localRecord,
  openZip,
  readEntry,
  type ZipArchive,
} from "../../src/cli/ooxml/zipRead";
import { rewriteZip } from "../../src/cli/ooxml/zipWrite";

const dec = new TextDecoder();

function open(bytes: Uint8Array, limits = DEFAULT_ZIP_LIMITS): ZipArchive {
  return openZip(bufferSource(bytes), limits);
}

function failure(fn: () => unknown): FileFormatError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FileFormatError) return err;
    throw err;
  }
  throw new Error("expected a FileFormatError");
}

function rewrite(
  archive: ZipArchive,
  replace: Record<string, string>,
  add: Record<string, string> = {},
): Uint8Array {
  const chunks: Uint8Array[] = [];
  rewriteZip(
    archive,
    {
      replace: new Map(Object.entries(replace).map(([k, v]) => [k.toLowerCase(), strToU8(v)])),
      add: Object.entries(add).map(([name, v]) => ({ name, data: strToU8(v) })),
    },
    { write: (b) => chunks.push(Uint8Array.from(b)) },
  );
  return Buffer.concat(chunks);
}

/** Finds `needle` in a zip's bytes (to patch names and fields in crafted archives). */
function indexesOf(hay: Uint8Array, needle: string): number[] {
  const n = strToU8(needle);
  const out: number[] = [];
  for (let i = 0; i + n.length <= hay.length; i++) if (n.every((b, j) => hay[i + j] === b)) out.push(i);
  return out;
}

function u32le(b: Uint8Array, o: number, v: number) {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
}

/** Central directory record offsets, in order. */
function centralOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= b.length; i++)
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 1 && b[i + 3] === 2) out.push(i);
  return out;
}

const sample = () =>
  zipSync(
    {
      "[Content_Types].xml": strToU8("<Types/>"),
      "word/document.xml": strToU8("<w:document>" + "hello ".repeat(2000) + "</w:document>"),
      "media/image.png": [new Uint8Array(5000).map((_, i) => (i * 7) % 251), { level: 0 }],
    },
    { level: 6 },
  );

describe("zip reader", () => {
  test("reads deflated and stored entries written by fflate, checking CRC-32", () => {
    const a = open(sample());
    expect(a.entries.map((e) => [e.name, e.method])).toEqual([
      ["[Content_Types].xml", 8],
      ["word/document.xml", 8],
      ["media/image.png", 0],
    ]);
    expect(dec.decode(readEntry(a, findEntry(a, "WORD/Document.xml")!))).toBe(
      "<w:document>" + "hello ".repeat(2000) + "</w:document>",
    );
    expect(readEntry(a, findEntry(a, "media/image.png")!)[7]).toBe(49);
  });

  test("reads entries with data descriptors (streamed zips)", () => {
    const chunks: Uint8Array[] = [];
    const z = new Zip((err, data) => {
      if (err) throw err;
      chunks.push(data);
    });
    const f = new ZipDeflate("a.xml", { level: 6 });
    z.add(f);
    f.push(strToU8("<a>streamed</a>"), true);
    z.end();
    const bytes = Buffer.concat(chunks);
    const a = open(bytes);
    expect(a.entries[0].flags & 8).toBe(8);
    expect(dec.decode(readEntry(a, a.entries[0]))).toBe("<a>streamed</a>");
    // The record ends after the data descriptor, which is where the central directory starts.
    expect(localRecord(a, a.entries[0]).end).toBe(a.centralDirectoryOffset);
  });

  test("an OLE compound file is an encrypted or legacy binary Office file", () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const e = failure(() => open(ole));
    expect(e.code).toBe("encrypted");
    expect(e.message).toBe("encrypted or legacy binary Office file (OLE compound file, not a zip package)");
  });

  test("not a zip, and truncated zips, are named as such", () => {
    expect(failure(() => open(strToU8("hello, this is plain text and not a zip at all"))).code).toBe(
      "not-zip",
    );
    const bytes = sample();
    expect(failure(() => open(bytes.subarray(0, bytes.length - 30))).code).toBe("truncated");
    expect(failure(() => open(bytes.subarray(0, 10))).code).toBe("truncated");
    // Cut in the middle: the directory is gone.
    expect(failure(() => open(bytes.subarray(0, Math.floor(bytes.length / 2)))).code).toBe("truncated");
  });

  test.each([
    ["../evil.xml", "climbs out of the package"],
    ["word/../../evil.xml", "climbs out of the package"],
    ["/etc/passwd", "is an absolute path"],
    ["C:/Windows/x.xml", "starts with a drive letter"],
    ["word\\document.xml", "contains a backslash"],
  ])("entry name %s is refused (%s)", (name, why) => {
    const bytes = zipSync({ "ok.xml": strToU8("<a/>"), [name]: strToU8("<b/>") });
    const e = failure(() => open(bytes));
    expect(e.code).toBe("unsafe-entry-name");
    expect(e.message).toContain(why);
  });

  test("two entries whose names differ only in case are refused", () => {
    const bytes = zipSync({ "a.xml": strToU8("<a/>"), "b.xml": strToU8("<b/>") });
    for (const i of indexesOf(bytes, "b.xml")) bytes.set(strToU8("A.xml"), i);
    expect(failure(() => open(bytes)).message).toBe('entry "A.xml" appears twice');
  });

  test("a password-protected (encrypted) entry is refused", () => {
    const bytes = sample();
    for (const c of centralOffsets(bytes)) bytes[c + 8] |= 1;
    const e = failure(() => open(bytes));
    expect(e.code).toBe("encrypted");
    expect(e.message).toContain("password-protected zip");
  });

  test("a zip bomb (declared expansion over the limits) is refused before inflating", () => {
    const bomb = zipSync({ "word/document.xml": new Uint8Array(30 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const limits = { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 8 * 1024 * 1024, maxTotalBytes: 16 * 1024 * 1024 };
    const e = failure(() => open(bomb, limits));
    expect(e.code).toBe("zip-bomb");
  });

  test("an entry that lies about its size stops at the declared size", () => {
    const bytes = zipSync({ "a.xml": new Uint8Array(1_000_000) }, { level: 9 });
    // Declare 1000 bytes in the central directory: inflating must stop there, not at 1 MB.
    const [c] = centralOffsets(bytes);
    u32le(bytes, c + 24, 1000);
    const a = open(bytes);
    const e = failure(() => readEntry(a, a.entries[0]));
    expect(e.code).toBe("zip-bomb");
    expect(e.message).toBe("part a.xml inflates beyond its declared 1000 bytes (zip bomb?)");
  });

  test("overlapping entries (a non-recursive bomb) are refused", () => {
    const bytes = zipSync(
      { "a.xml": strToU8("<a>" + "x".repeat(500) + "</a>"), "b.xml": strToU8("<b/>") },
      { level: 0 },
    );
    const [, second] = centralOffsets(bytes);
    u32le(bytes, second + 42, 0);
    const e = failure(() => open(bytes));
    expect(e.code).toBe("zip-bomb");
    expect(e.message).toContain("overlap");
  });

  test("a damaged part fails its CRC check", () => {
    const bytes = zipSync({ "a.xml": strToU8("<a>" + "abc".repeat(100) + "</a>") }, { level: 0 });
    bytes[40] ^= 0x01; // inside the stored data
    const a = open(bytes);
    expect(failure(() => readEntry(a, a.entries[0])).message).toBe("part a.xml fails its CRC-32 check");
  });

  test("reading more than the archive's total limit is refused", () => {
    const bytes = zipSync({ "a.xml": new Uint8Array(3000), "b.xml": new Uint8Array(3000) });
    const a = open(bytes, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 5000, maxRatio: 1e9 });
    readEntry(a, a.entries[0]);
    expect(failure(() => readEntry(a, a.entries[1])).code).toBe("zip-bomb");
  });
});

describe("zip rewriter", () => {
  test("carries every unchanged entry over byte-for-byte (local record and central record) and replaces the changed one", () => {
    const original = sample();
    const before = open(original);
    const out = rewrite(
      before,
      { "word/document.xml": "<w:document>changed</w:document>" },
      { "docProps/custom.xml": "<Properties/>" },
    );
    const after = open(out);

    expect(after.entries.map((e) => e.name)).toEqual([
      "[Content_Types].xml",
      "word/document.xml",
      "media/image.png",
      "docProps/custom.xml",
    ]);
    for (const name of ["[Content_Types].xml", "media/image.png"]) {
      const a = findEntry(before, name)!;
      const b = findEntry(after, name)!;
      const ra = localRecord(before, a);
      const rb = localRecord(after, b);
      expect(Buffer.from(out.subarray(b.localHeaderOffset, rb.end))).toEqual(
        Buffer.from(original.subarray(a.localHeaderOffset, ra.end)),
      );
      const ca = Buffer.from(a.centralRecord);
      const cb = Buffer.from(b.centralRecord);
      ca.fill(0, 42, 46);
      cb.fill(0, 42, 46);
      expect(cb).toEqual(ca);
    }
    // An independent reader agrees.
    const unzipped = unzipSync(out);
    expect(dec.decode(unzipped["word/document.xml"])).toBe("<w:document>changed</w:document>");
    expect(dec.decode(unzipped["docProps/custom.xml"])).toBe("<Properties/>");
    expect(unzipped["media/image.png"]).toEqual(unzipSync(original)["media/image.png"]);
  });

  test("keeps the archive comment and writes new parts dated 1980-01-01 like Office", () => {
    const plain = zipSync({ "a.xml": strToU8("<a/>") });
    const comment = strToU8("made by test");
    const original = new Uint8Array(plain.length + comment.length);
    original.set(plain);
    original.set(comment, plain.length);
    original[plain.length - 2] = comment.length;
    const out = rewrite(open(original), {}, { "b.xml": "<b/>" });
    const after = open(out);
    expect(dec.decode(after.comment)).toBe("made by test");
    const b = findEntry(after, "b.xml")!;
    expect(b.centralRecord[14] | (b.centralRecord[15] << 8)).toBe(0x0021);
  });
});
