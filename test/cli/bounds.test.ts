/**
 * Every decoder is bounded by the file's decode budget (bytes and time): PDF streams before pdfjs
 * sees them, Office parts while their text streams out, mail parts and nested attachments. A file
 * over the budget becomes a row with the reason; Office text up to the bound is still scanned.
 * The limits are lowered here so that the bombs stay small; bench/scanner/hostile.ts runs them at
 * full size (gigabytes) and records the memory.
 */
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import {
  flateBombPdf,
  hugePartsDocx,
  mailWith,
  nestedMail,
  pdfWithStreams,
} from "../../bench/scanner/hostileFiles";
import { buildDocx } from "../../bench/scanner/ooxml";
import { DEFAULT_CONTENT_LIMITS } from "../../src/cli/scan/content";
import { DEFAULT_SCAN_SETTINGS, type ScanSettings, scanFile } from "../../src/cli/scan/scanFile";
import type { FileType } from "../../src/cli/formats/fileType";
import { cardText, cleanup, tempDir, write } from "./support/helpers";

const MiB = 1024 * 1024;
let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => cleanup(dir));

function settings(maxDecodedBytes: number, maxDecodeMs = 60_000): ScanSettings {
  return {
    ...DEFAULT_SCAN_SETTINGS,
    limits: { ...DEFAULT_CONTENT_LIMITS, decode: { maxDecodedBytes, maxDecodeMs } },
  };
}

async function scan(name: string, bytes: Uint8Array, s: ScanSettings) {
  const path = write(join(dir, name), bytes);
  return scanFile({ path, size: bytes.length, type: name.split(".").pop() as FileType }, s);
}

const cards = (row: { infoTypes: Array<{ name: string; count: number }> }) =>
  row.infoTypes.find((t) => t.name === "Credit Card Number")?.count ?? 0;

describe("PDF streams", () => {
  test("a content stream that inflates past the budget is refused before pdfjs reads it", async () => {
    const pdf = await flateBombPdf(["Credit card 4111 1111 1111 1111 exp 12/29"], 48 * MiB);
    expect(pdf.length).toBeLessThan(MiB);
    const row = await scan("bomb.pdf", pdf, settings(16 * MiB));
    expect(row.action).toBe("error");
    expect(row.errorCode).toBe("decode-limit");
    expect(row.error).toBe("skipped: PDF stream 5 0 inflates past 16 MiB");
  });

  test("streams chained through two Flate filters are measured after both", async () => {
    const inner = deflateSync(Buffer.alloc(40 * MiB, 0x20), { level: 9 });
    const outer = deflateSync(inner, { level: 9 });
    const pdf = pdfWithStreams([{ dict: "/Filter [/FlateDecode /FlateDecode]", data: outer }]);
    const row = await scan("double.pdf", pdf, settings(16 * MiB));
    expect(row.errorCode).toBe("decode-limit");
  });

  test("a PDF that takes longer than the time budget is refused with the reason", async () => {
    const pdf = await flateBombPdf(["x"], 8 * MiB);
    const row = await scan("slow.pdf", pdf, settings(64 * MiB, 0));
    expect(row.errorCode).toBe("time-limit");
    expect(row.error).toMatch(/^skipped: decoding PDF stream 5 0 took longer than 0 s$/);
  });
});

describe("Office parts", () => {
  test("five huge parts: the text up to the budget is scanned, the row says where it was cut", async () => {
    const lines = [
      "Credit card 4111 1111 1111 1111 exp 12/29",
      "Visa 4012 8888 8888 1881 exp 01/30",
      "Card 5555 5555 5555 4444 exp 02/31",
      "Card 5105 1051 0510 5100 exp 03/32",
      "Card 4000 0566 5566 5556 exp 04/33",
    ];
    const docx = await hugePartsDocx(lines, 6 * MiB);
    expect(docx.length).toBeLessThan(MiB);
    const row = await scan("amplified.docx", docx, settings(16 * MiB));
    expect(row.error).toBeNull();
    // document.xml (6 MiB) and header1 (6 MiB) whole, header2 cut: its card is at its start.
    expect(cards(row)).toBe(3);
    expect(row.warnings).toEqual([
      "content cut: part word/header2.xml inflates past 16 MiB; the text before it was scanned",
    ]);
  });

  test("within the budget every part is read and nothing is said", async () => {
    const docx = await hugePartsDocx(
      ["Credit card 4111 1111 1111 1111 exp 12/29", "", "", "", "Card 5555 5555 5555 4444 exp 02/31"],
      2 * MiB,
    );
    const row = await scan("fine.docx", docx, settings(16 * MiB));
    expect(row.warnings).toEqual([]);
    expect(cards(row)).toBe(2);
  });
});

describe("mail", () => {
  test("attachments share the message's budget: once it is spent the rest are not read, and the row says so", async () => {
    const docx = await hugePartsDocx(["Credit card 4111 1111 1111 1111 exp 12/29"], 6 * MiB);
    const type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const mail = mailWith(
      "bombs",
      "see attached",
      [1, 2, 3, 4].map((i) => ({ name: `a${i}.docx`, type, bytes: docx })),
    );
    const row = await scan("bombs.eml", mail, settings(64 * MiB));
    expect(row.error).toBeNull();
    // Each attachment inflates to 30 MiB: the first two are read whole, the third is cut after
    // its first chunks (its card is at the start), the fourth is not opened.
    expect(row.warnings).toEqual([
      "attachment a3.docx › content cut: part word/document.xml inflates past 64 MiB; the text before it was scanned",
      "1 later attachment(s) not read: the file's decode budget (64 MiB) is spent",
    ]);
    expect(cards(row)).toBe(3);
  });

  test("messages nested in messages charge one budget, not one each", async () => {
    const inner = mailWith("inner", "Credit card 4111 1111 1111 1111 exp 12/29", [
      { name: "big.docx", type: "application/octet-stream", bytes: await hugePartsDocx([], 6 * MiB) },
    ]);
    const row = await scan("nested.eml", nestedMail(inner, 4), settings(16 * MiB));
    expect(row.error).toBeNull();
    expect(row.warnings.join("\n")).toMatch(/content cut: part word\/\w+\.xml inflates past 16 MiB/);
    expect(cards(row)).toBe(1);
  });
});

test("a small ordinary file is unaffected", async () => {
  const row = await scan("plain.docx", buildDocx([[cardText(2)]]), settings(16 * MiB));
  expect(row.warnings).toEqual([]);
  expect(cards(row)).toBe(2);
});
