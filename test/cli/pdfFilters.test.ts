/** The PDF filters decoded streaming to measure a stream's size (formats/pdfFilters.ts). */
import {
  LzwDecoder,
  RunLengthDecoder,
  decodeAscii85,
  decodeAsciiHex,
} from "../../src/cli/formats/pdfFilters";

function decode(
  decoder: { push(b: Uint8Array, out: (o: Uint8Array) => void): void },
  input: number[],
  piece: number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < input.length; i += piece)
    decoder.push(Uint8Array.from(input.slice(i, i + piece)), (b) => out.push(...b));
  return out;
}

test.each([1, 2, 9])("LZW: the example of ISO 32000-1 §7.4.4.2, fed %i byte(s) at a time", (piece) => {
  // 45 45 45 45 45 65 45 45 45 66 encodes as codes 256 45 258 258 65 259 66 257.
  const encoded = [0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01];
  expect(decode(new LzwDecoder(), encoded, piece)).toEqual([45, 45, 45, 45, 45, 65, 45, 45, 45, 66]);
});

test("RunLength: literal runs, repeats and the end marker, across pieces", () => {
  const encoded = [2, 65, 66, 67, 253, 88, 0, 90, 128, 1, 2];
  expect(decode(new RunLengthDecoder(), encoded, 3)).toEqual([65, 66, 67, 88, 88, 88, 88, 90]);
});

test("ASCIIHex and ASCII85 (with z and a short last group)", () => {
  expect([...decodeAsciiHex(Buffer.from("48 65 6C6c 6F7>"))]).toEqual([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x70]);
  expect(Buffer.from(decodeAscii85(Buffer.from('87cURD]i,"Ebo80~>'))).toString()).toBe("Hello World!");
  expect(Buffer.from(decodeAscii85(Buffer.from("87cURDZ~>"))).toString()).toBe("Hello");
  expect([...decodeAscii85(Buffer.from("z~>"))]).toEqual([0, 0, 0, 0]);
});
