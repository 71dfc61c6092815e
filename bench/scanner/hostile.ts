/**
 * Hostile-file benchmark (issue 11): files that expand to gigabytes, each scanned by the built CLI
 * (`labelbridge scan --jobs N`, worker threads as users run it) in a process of its own under GNU
 * time, recording the outcome row, the process's peak RSS and its time.
 *   npm run build:node && node bench/run.cjs bench/scanner/hostile.ts [--keep]
 * The same-run baseline is a scan of one ordinary small file: what the process and a worker cost
 * with nothing hostile in it. The goal is a peak RSS under 300 MB for every file (the whole
 * process: main thread and its workers together, so each worker is under it too).
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { buildDocx } from "./ooxml";
import { flateBombPdf, hugePartsDocx, mailWith, nestedMail } from "./hostileFiles";
import { CLI, type Timed, loadAverage, timedCli } from "./timed";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const CARD = "Credit card 4111 1111 1111 1111 exp 12/29";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

interface Case {
  name: string;
  files: Array<{ name: string; bytes: () => Promise<Uint8Array> | Uint8Array }>;
  jobs: number;
  inflates: string;
}

interface Row {
  path: string;
  action: string;
  error: string | null;
  warnings: string[];
  infoTypes: Array<{ name: string; count: number }>;
}

/** Many small parts and deep nesting: the MIME parser's own limits (depth 20, 2,000 parts). */
function manyPartsMail(): Buffer {
  let body = "Credit card 4111 1111 1111 1111 exp 12/29";
  for (let depth = 0; depth < 40; depth++) {
    const b = `b${depth}`;
    const parts = Array.from(
      { length: 120 },
      (_, i) =>
        `--${b}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(`part ${depth}.${i}`).toString("base64")}\r\n`,
    ).join("");
    body = `Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n${parts}--${b}\r\n${body}\r\n--${b}--\r\n`;
  }
  return Buffer.from(`From: a@example.com\r\nSubject: parts\r\nMIME-Version: 1.0\r\n${body}`);
}

const cases: Case[] = [
  {
    name: "baseline: one small docx",
    files: [{ name: "small.docx", bytes: () => buildDocx([[CARD]]) }],
    jobs: 1,
    inflates: "4 KB",
  },
  {
    name: "PDF Flate bomb",
    files: [{ name: "bomb-2gib.pdf", bytes: () => flateBombPdf([CARD], 2 * GiB) }],
    jobs: 1,
    inflates: "2 GiB",
  },
  {
    name: "PDF Flate bomb, larger",
    files: [{ name: "bomb-3.6mb.pdf", bytes: () => flateBombPdf([CARD], 3.6 * 1030 * MiB) }],
    jobs: 1,
    inflates: "3.6 GiB",
  },
  {
    name: "two PDF Flate bombs at --jobs 2",
    files: [
      { name: "bomb-a.pdf", bytes: () => flateBombPdf([CARD], 2 * GiB) },
      { name: "bomb-b.pdf", bytes: () => flateBombPdf([CARD], 2 * GiB) },
    ],
    jobs: 2,
    inflates: "2 × 2 GiB",
  },
  {
    name: "docx, five 199 MB parts",
    files: [
      {
        name: "five-parts.docx",
        bytes: () => hugePartsDocx([CARD, CARD, CARD, CARD, CARD], 199 * 1000 * 1000),
      },
    ],
    jobs: 1,
    inflates: "995 MB",
  },
  {
    name: "mail, 20 such docx attached",
    files: [
      {
        name: "twenty.eml",
        bytes: async () => {
          const docx = await hugePartsDocx([CARD], 199 * 1000 * 1000);
          return mailWith(
            "bombs",
            CARD,
            Array.from({ length: 20 }, (_, i) => ({ name: `d${i}.docx`, type: DOCX, bytes: docx })),
          );
        },
      },
    ],
    jobs: 1,
    inflates: "20 × 995 MB",
  },
  {
    name: "mail nested 4 deep around such a docx",
    files: [
      {
        name: "nested.eml",
        bytes: async () =>
          nestedMail(
            mailWith("inner", CARD, [
              { name: "d.docx", type: DOCX, bytes: await hugePartsDocx([CARD], 199 * 1000 * 1000) },
            ]),
            4,
          ),
      },
    ],
    jobs: 1,
    inflates: "995 MB",
  },
  {
    name: "mail, 40 nested multiparts × 120 parts",
    files: [{ name: "parts.eml", bytes: manyPartsMail }],
    jobs: 1,
    inflates: "4,800 parts",
  },
];

function scan(root: string, jobs: number, rowsOut: string): Timed {
  return timedCli(CLI, ["scan", root, "--jobs", String(jobs), "--no-progress", "--report", rowsOut]);
}

function outcome(rows: Row[]): string {
  return rows
    .map((r) => {
      const cards = r.infoTypes.find((t) => t.name === "Credit Card Number")?.count ?? 0;
      const said = r.error ?? (r.warnings.length ? r.warnings.join(" | ") : "read whole");
      return `${r.action}, ${cards} card(s): ${said}`;
    })
    .join(" / ");
}

async function main(): Promise<void> {
  const base = join(os.tmpdir(), "labelbridge-bench-hostile");
  rmSync(base, { recursive: true, force: true });
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus[0]?.model ?? "unknown"}, ${cpus.length} cores, ${Math.round(os.totalmem() / GiB)} GB, node ${process.version}`,
  );
  console.log(`load average at start: ${loadAverage()}`);
  console.log(
    "\n| File | On disk | Inflates to | Jobs | Peak RSS | Wall | CPU | Row |\n| --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const [i, c] of cases.entries()) {
    const dir = join(base, `case-${i}`);
    mkdirSync(dir, { recursive: true });
    let size = 0;
    for (const f of c.files) {
      const bytes = await f.bytes();
      writeFileSync(join(dir, f.name), bytes);
      size += statSync(join(dir, f.name)).size;
    }
    const rowsOut = join(base, `rows-${i}.json`);
    const figures = scan(dir, c.jobs, rowsOut);
    const rows = (JSON.parse(readFileSync(rowsOut, "utf8")) as { rows: Row[] }).rows;
    console.log(
      `| ${c.name} | ${(size / MiB).toFixed(1)} MB | ${c.inflates} | ${c.jobs} | ${figures.rssMb.toFixed(0)} MB | ${(figures.wallMs / 1000).toFixed(1)} s | ${(figures.cpuMs / 1000).toFixed(1)} s | ${outcome(rows)} |`,
    );
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nload average at end: ${loadAverage()}`);
  if (!process.argv.includes("--keep")) rmSync(base, { recursive: true, force: true });
}

void main();
