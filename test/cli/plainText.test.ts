import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  decodeTextBytes,
  streamTextBytes,
  streamTextFile,
  utf8PendingTail,
} from "../../src/cli/formats/plainText";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "labelbridge-plaintext-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readInChunks(bytes: Uint8Array, chunkBytes: number): { text: string; read: number } {
  const path = join(dir, `f-${chunkBytes}.txt`);
  writeFileSync(path, bytes);
  const pieces: string[] = [];
  const read = streamTextFile(path, (t) => pieces.push(t), chunkBytes);
  return { text: pieces.join(""), read };
}

/** What one streaming decoder over the whole file yields: the behaviour the pieces must keep. */
function streamed(bytes: Uint8Array): string {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "utf-16le"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf-16be"
        : null;
  const decoder = new TextDecoder(utf16 ?? "utf-8");
  const body = utf16 ? bytes.subarray(2) : bytes;
  let out = "";
  for (const b of body) out += decoder.decode(Uint8Array.of(b), { stream: true });
  return out + decoder.decode();
}

/** Seeded bytes rich in what breaks a naive cut: multi-byte characters, stray continuation and lead bytes. */
function byteSoup(seed: number, length: number): Uint8Array {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const atoms = [
    [0x41],
    [0x20],
    [0x34],
    [0xc3, 0xa9], // é
    [0xe2, 0x82, 0xac], // €
    [0xf0, 0x9f, 0x92, 0xb3], // 💳
    [0xef, 0xbb, 0xbf], // U+FEFF in the middle of the text
    [0x80],
    [0xbf, 0xbf, 0xbf, 0xbf],
    [0xc3],
    [0xe2, 0x82],
    [0xf0, 0x9f],
    [0xe0, 0x80],
    [0xed, 0xa0, 0x80], // a surrogate: invalid in UTF-8
    [0xc0, 0xaf],
    [0xf5],
    [0xff],
  ];
  const out: number[] = [];
  while (out.length < length) out.push(...atoms[Math.floor(next() * atoms.length)]);
  return Uint8Array.from(out.slice(0, length));
}

describe("plain text files", () => {
  test("any chunk size yields exactly the text one streaming UTF-8 decoder yields, invalid bytes included", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const bytes = byteSoup(seed, 200 + seed * 7);
      const expected = streamed(bytes);
      for (const chunk of [1, 2, 3, 4, 5, 7, 64, 1 << 20]) {
        const { text, read } = readInChunks(bytes, chunk);
        expect({ seed, chunk, text }).toEqual({ seed, chunk, text: expected });
        expect(read).toBe(bytes.length);
      }
    }
  });

  test("a UTF-8 byte-order mark is dropped at the start only; U+FEFF later in the file stays", () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x34, 0x31, 0xef, 0xbb, 0xbf, 0x31]);
    for (const chunk of [1, 2, 3, 4, 1024]) expect(readInChunks(bytes, chunk).text).toBe("41\ufeff1");
  });

  test("UTF-16 with a byte-order mark, in either byte order, split anywhere", () => {
    const le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("Card 4111 1111 1111 1111 — €", "utf16le"),
    ]);
    const be = Buffer.from(le);
    be.swap16();
    for (const chunk of [2, 3, 5, 1024]) {
      expect(readInChunks(le, chunk).text).toBe("Card 4111 1111 1111 1111 — €");
      expect(readInChunks(be, chunk).text).toBe("Card 4111 1111 1111 1111 — €");
    }
    expect(decodeTextBytes(le)).toBe("Card 4111 1111 1111 1111 — €");
  });

  test("bytes already read give the same pieces, in the same order, as the file they were read from", () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("Card 4111 1111 1111 1111 — €", "utf16le"),
    ]);
    for (const bytes of [byteSoup(7, 300), byteSoup(11, 1000), utf16, new Uint8Array(0)])
      for (const chunk of [1, 3, 64, 1 << 20]) {
        const path = join(dir, `b-${chunk}.txt`);
        writeFileSync(path, bytes);
        const fromFile: string[] = [];
        const fromBytes: string[] = [];
        const readFile = streamTextFile(path, (t) => fromFile.push(t), chunk);
        const readBytes = streamTextBytes(Buffer.from(bytes), (t) => fromBytes.push(t), chunk);
        expect({ chunk, pieces: fromBytes, read: readBytes }).toEqual({
          chunk,
          pieces: fromFile,
          read: readFile,
        });
      }
  });

  test("an empty file yields no text", () => {
    expect(readInChunks(new Uint8Array(0), 16)).toEqual({ text: "", read: 0 });
  });

  test("the held-back tail is the unfinished character at the end, and nothing after a complete one", () => {
    expect(utf8PendingTail(Uint8Array.from([0x41, 0xe2, 0x82]))).toBe(2);
    expect(utf8PendingTail(Uint8Array.from([0x41, 0xe2, 0x82, 0xac]))).toBe(0);
    expect(utf8PendingTail(Uint8Array.from([0x41, 0xf0, 0x9f, 0x92]))).toBe(3);
    expect(utf8PendingTail(Uint8Array.from([0x41]))).toBe(0);
    expect(utf8PendingTail(Uint8Array.from([0xe2, 0x82, 0xac, 0xc3]))).toBe(1);
    expect(utf8PendingTail(Uint8Array.from([0x41, 0xc3, 0xa9]))).toBe(0);
    expect(utf8PendingTail(Uint8Array.from([0x80, 0x80, 0x80]))).toBe(0);
  });
});
