/**
 * zipParts reads the label parts of an Office file as fflate's unzipSync read them before it
 * (same parts, same text, same refusals), including what Office rarely writes: zip64 records,
 * Latin-1 names, a trailing comment.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { zipParts } from "../../src/addin/hosts/zipParts";

const MAX = 2 * 1024 * 1024;
const CUSTOM = "docprops/custom.xml";
const RELS = "_rels/.rels";

/** What the reader did with unzipSync: the wanted parts within the size limit, by lower-cased name. */
function unzipped(bytes: Uint8Array, names: readonly string[], max = MAX): Record<string, string> {
  const found = unzipSync(bytes, {
    filter: (f) => names.includes(f.name.toLowerCase()) && f.originalSize <= max,
  });
  const out: Record<string, string> = {};
  for (const name in found) out[name.toLowerCase()] = strFromU8(found[name]);
  return out;
}

function outcome(read: () => Record<string, string>): Record<string, string> | string {
  try {
    return read();
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
}

function same(bytes: Uint8Array, names: readonly string[], max = MAX): Record<string, string> | string {
  const ours = outcome(() => zipParts(bytes, names, max));
  expect(ours).toEqual(outcome(() => unzipped(bytes, names, max)));
  return ours;
}

const le = (value: number, bytes: number): number[] =>
  Array.from({ length: bytes }, (_, i) => Math.floor(value / 2 ** (8 * i)) % 256);

/**
 * A zip of stored entries written by hand: with `zip64`, every central-directory size and offset is
 * 0xFFFFFFFF with the real values in a zip64 extra field, behind a zip64 end record and locator.
 */
function handZip(entries: Array<[string, string]>, options: { zip64?: boolean; latin1?: boolean } = {}) {
  const out: number[] = [];
  const central: number[] = [];
  for (const [name, text] of entries) {
    const nameBytes = options.latin1 ? Array.from(name, (c) => c.charCodeAt(0)) : Array.from(strToU8(name));
    const data = Array.from(strToU8(text));
    const offset = out.length;
    const flags = options.latin1 ? 0 : 2048;
    out.push(...le(0x04034b50, 4), ...le(20, 2), ...le(flags, 2), ...le(0, 2), ...le(0, 8));
    out.push(...le(data.length, 4), ...le(data.length, 4), ...le(nameBytes.length, 2), ...le(0, 2));
    out.push(...nameBytes, ...data);
    const wide = (v: number) => (options.zip64 ? 0xffffffff : v);
    const extra = options.zip64
      ? [...le(1, 2), ...le(24, 2), ...le(data.length, 8), ...le(data.length, 8), ...le(offset, 8)]
      : [];
    central.push(...le(0x02014b50, 4), ...le(45, 2), ...le(45, 2), ...le(flags, 2), ...le(0, 2), ...le(0, 8));
    central.push(...le(wide(data.length), 4), ...le(wide(data.length), 4), ...le(nameBytes.length, 2));
    central.push(...le(extra.length, 2), ...le(0, 2), ...le(0, 4), ...le(0, 4), ...le(wide(offset), 4));
    central.push(...nameBytes, ...extra);
  }
  const centralAt = out.length;
  out.push(...central);
  if (options.zip64) {
    const record = out.length;
    out.push(...le(0x06064b50, 4), ...le(44, 8), ...le(45, 2), ...le(45, 2), ...le(0, 8));
    out.push(
      ...le(entries.length, 8),
      ...le(entries.length, 8),
      ...le(central.length, 8),
      ...le(centralAt, 8),
    );
    out.push(...le(0x07064b50, 4), ...le(0, 4), ...le(record, 8), ...le(1, 4));
  }
  const count = options.zip64 ? 0xffff : entries.length;
  out.push(...le(0x06054b50, 4), ...le(0, 4), ...le(count, 2), ...le(count, 2));
  out.push(
    ...le(options.zip64 ? 0xffffffff : central.length, 4),
    ...le(options.zip64 ? 0xffffffff : centralAt, 4),
  );
  out.push(...le(0, 2));
  return new Uint8Array(out);
}

const package_ = (level: 0 | 6, comment?: string) =>
  zipSync(
    {
      "[Content_Types].xml": strToU8("<Types/>"),
      "_rels/.rels": strToU8("<Relationships/>"),
      "docProps/Custom.xml": strToU8("<Properties>é ✓ 😀</Properties>".repeat(50)),
      "word/document.xml": strToU8("<w:document/>"),
    },
    { level, comment },
  );

describe("zipParts reads what unzipSync read", () => {
  it("deflated and stored parts, names matched without case, other parts left alone", () => {
    for (const bytes of [package_(6), package_(0), package_(6, "written by a tool ".repeat(100))])
      expect(same(bytes, [RELS, CUSTOM])).toEqual({
        [RELS]: "<Relationships/>",
        [CUSTOM]: "<Properties>é ✓ 😀</Properties>".repeat(50),
      });
  });

  it("leaves out a part over the size limit", () => {
    expect(same(package_(6), [RELS, CUSTOM], 100)).toEqual({ [RELS]: "<Relationships/>" });
  });

  it("zip64 records and sizes", () => {
    const bytes = handZip(
      [
        ["_rels/.rels", "<Relationships/>"],
        ["docProps/custom.xml", "<Properties/>"],
      ],
      { zip64: true },
    );
    expect(same(bytes, [RELS, CUSTOM])).toEqual({ [RELS]: "<Relationships/>", [CUSTOM]: "<Properties/>" });
    expect(same(handZip([["_rels/.rels", "<R/>"]]), [RELS])).toEqual({ [RELS]: "<R/>" });
  });

  it("names without the UTF-8 flag are Latin-1", () => {
    const bytes = handZip([["docProps/custom\u00e9.xml", "<P/>"]], { latin1: true });
    expect(same(bytes, ["docprops/custom\u00e9.xml"])).toEqual({ "docprops/custom\u00e9.xml": "<P/>" });
  });

  it("refuses what is not a zip, and a part neither stored nor deflated, as unzipSync did", () => {
    expect(same(strToU8("not a zip at all, just some text that is long enough"), [RELS])).toBe(
      "throws invalid zip data",
    );
    expect(same(new Uint8Array(0), [RELS])).toBe("throws invalid zip data");
    const bytes = package_(6);
    const truncated = bytes.subarray(0, bytes.length - 30);
    same(truncated, [RELS]);
    const odd = handZip([["_rels/.rels", "<R/>"]]);
    const central = odd.length - 22 - 46 - "_rels/.rels".length;
    odd[central + 10] = 12; // bzip2
    expect(same(odd, [RELS])).toBe("throws unknown compression type 12");
    expect(same(odd, [CUSTOM])).toEqual({});
  });
});
