/**
 * The decode budget with pdfjs in the loop (the built CLI: Jest cannot load pdfjs): a PDF within
 * the budget is read; images are measured but not charged to the file; a stream that claims to be
 * an image cannot hide a bomb. `--max-decoded` sets the budget.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { flateBombPdf, pdfWithStreams } from "../../bench/scanner/hostileFiles";
import { cleanup, requireFreshBuild, runCli, tempDir, write } from "./support/helpers";

const MiB = 1024 * 1024;
let dir: string;
beforeAll(() => requireFreshBuild());
beforeEach(() => (dir = tempDir()));
afterEach(() => cleanup(dir));

interface Row {
  path: string;
  action: string;
  error: string | null;
  errorCode: string | null;
  infoTypes: Array<{ name: string; count: number }>;
}

function scan(files: Record<string, Uint8Array>, maxDecodedMiB: number): Map<string, Row> {
  const share = join(dir, "share");
  for (const [name, bytes] of Object.entries(files)) write(join(share, name), bytes);
  const out = join(dir, "r.json");
  const r = runCli([
    "scan",
    share,
    "--jobs",
    "1",
    "--no-progress",
    "--max-decoded",
    String(maxDecodedMiB),
    "--report",
    out,
  ]);
  expect(r.stderr).toBe("");
  const rows = (JSON.parse(readFileSync(out, "utf8")) as { rows: Row[] }).rows;
  return new Map(rows.map((row) => [row.path.slice(share.length + 1), row]));
}

const cards = (row: Row | undefined) =>
  row?.infoTypes.find((t) => t.name === "Credit Card Number")?.count ?? 0;

test("within the budget a PDF is read; past it the same PDF is skipped with the reason", async () => {
  const lines = ["Credit card 4111 1111 1111 1111 exp 12/29"];
  const rows = scan(
    { "fine.pdf": await flateBombPdf(lines, 4 * MiB), "bomb.pdf": await flateBombPdf(lines, 40 * MiB) },
    16,
  );
  expect(rows.get("fine.pdf")?.error).toBeNull();
  expect(cards(rows.get("fine.pdf"))).toBe(1);
  expect(rows.get("bomb.pdf")).toMatchObject({
    action: "error",
    errorCode: "decode-limit",
    error: "skipped: PDF stream 5 0 inflates past 16 MiB",
  });
}, 60_000);

test("images are not charged to the file, but one alone cannot pass the budget", () => {
  const text = {
    dict: "/Filter /FlateDecode",
    data: deflateSync(
      Buffer.from("BT /F1 12 Tf 72 720 Td (Credit card 4111 1111 1111 1111 exp 12/29) Tj ET"),
    ),
  };
  const image = (n: number) => ({
    dict: "/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode",
    data: deflateSync(Buffer.alloc(n, 7)),
  });
  const rows = scan(
    {
      "images.pdf": pdfWithStreams([text, image(10 * MiB), image(10 * MiB)]),
      "hidden.pdf": pdfWithStreams([text, image(20 * MiB)]),
    },
    16,
  );
  expect(rows.get("images.pdf")?.error).toBeNull();
  expect(cards(rows.get("images.pdf"))).toBe(1);
  expect(rows.get("hidden.pdf")).toMatchObject({
    errorCode: "decode-limit",
    error: "skipped: PDF stream 6 0 (an image) inflates past 16 MiB",
  });
}, 60_000);
