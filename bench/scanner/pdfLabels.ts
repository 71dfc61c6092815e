/**
 * What reading and writing PDF labels costs next to what the scanner already pays for a PDF: its
 * text layer (pdfjs). Same run, same files, medians of a few rounds; ratios only (the machine is
 * shared). `node bench/run.cjs bench/scanner/pdfLabels.ts [rounds]`. Needs qpdf for the larger file.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { extractPdfText } from "../../src/cli/formats/pdf";
import { openPdfFile, readPdfBytes } from "../../src/cli/pdf/read";
import { writePdfLabel } from "../../src/cli/pdf/write";

const FIXTURES = join(__dirname, "..", "..", "test", "fixtures", "real-labels", "pdf");
const SITE = "b07492d7-d98e-4130-802b-b50692f074c5";
const rounds = Number(process.argv[2] ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lb-bench-pdf-"));
  try {
    const files = [
      "semantic-kernel_employees.pdf",
      "markitdown_REPAIR-2022-INV-001_multipage.pdf",
      "cwyd_Master_Agreement_V1.pdf",
    ].map((f) => join(FIXTURES, f));
    const big = join(dir, "big.pdf");
    const pages = Array.from({ length: 40 }, () => files[1]);
    const q = spawnSync("qpdf", ["--empty", "--pages", ...pages, "--", big]);
    if (q.status !== 0) throw new Error(`qpdf could not build the larger PDF: ${q.stderr}`);
    files.push(big);
    console.log(
      `load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}; rounds: ${rounds}`,
    );
    console.log("file | bytes | text (ms) | labels read / text | label write / text");
    for (const file of files) {
      const bytes = readFileSync(file);
      const text = await time(() => extractPdfText(bytes, () => undefined));
      const read = await time(() => readPdfBytes(bytes));
      const copy = join(dir, "copy.pdf");
      const write = await time(async () => {
        copyFileSync(file, copy);
        const pdf = await openPdfFile(copy, 1e9);
        await writePdfLabel(
          pdf,
          SITE,
          {
            labelId: "bfaa5e1b-0734-4df1-b9c5-77d8b1b3c9f1",
            siteId: SITE,
            method: "Privileged",
            name: "Confidential_AllEmployees",
            contentBits: 0,
            setDate: new Date(),
            actionId: "5f0a4c1e-3b2d-4e6f-8a9b-0c1d2e3f4a5b",
          },
          { dryRun: false },
        );
      });
      const name = file.split("/").pop();
      console.log(
        `${name} | ${bytes.length} | ${text.toFixed(1)} | ${(read / text).toFixed(2)} | ${(write / text).toFixed(2)}`,
      );
    }
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
