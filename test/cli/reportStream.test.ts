/**
 * Reports are streamed: rows go out in the order the walk found the files whatever order the
 * scanner finishes them in, the engine holds at most REORDER_WINDOW finished rows behind a slow
 * file, and the JSON and HTML reports built from the spool at the end say what the in-memory
 * reports say.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { csvReport } from "../../src/cli/report/csv";
import { HTML_TABLE_LIMIT, htmlReport } from "../../src/cli/report/html";
import { type ReportMeta, jsonReport } from "../../src/cli/report/json";
import { ReportWriter, TextFile, readLines } from "../../src/cli/report/stream";
import { summarize } from "../../src/cli/report/summary";
import { REORDER_WINDOW, runScan } from "../../src/cli/scan/engine";
import type { FileScanner } from "../../src/cli/scan/pool";
import { type ScanRow, emptyRow } from "../../src/cli/scan/row";
import type { ScanJob } from "../../src/cli/scan/scanFile";
import { asFsPath, displayPath } from "../../src/cli/scan/fsPath";
import { cleanup, tempDir, write } from "./support/helpers";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => cleanup(dir));

function rowOf(job: ScanJob): ScanRow {
  const row = emptyRow(displayPath(job.path), job.size, job.type);
  if (displayPath(job.path).includes("card"))
    row.infoTypes = [
      { sitId: "50842eb7-edc8-4019-85dd-5a5c1f2bb085", name: "Credit Card Number", count: 1, confidence: 85 },
    ];
  row.action = "reported";
  return row;
}

/** Finishes files after a pseudo-random delay, several at once: out of order. */
function shuffledScanner(): FileScanner {
  let n = 0;
  return {
    concurrency: 4,
    scan: (job) => new Promise((resolve) => setTimeout(() => resolve(rowOf(job)), (n++ * 7919) % 13)),
    close: async () => {},
  };
}

test("every report lists the rows in walk order although the scanner finishes them out of order", async () => {
  const share = join(dir, "share");
  for (let i = 0; i < 60; i++)
    write(join(share, `f${String(i).padStart(2, "0")}-${i % 3 ? "plain" : "card"}.txt`), "x");
  const paths = ["csv", "jsonl", "json", "html"].map((e) => join(dir, `r.${e}`));
  const writer = new ReportWriter(paths);
  const seen: ScanRow[] = [];
  const result = await runScan({
    roots: [share],
    include: [],
    exclude: [],
    scanner: shuffledScanner(),
    onRow: (row) => {
      seen.push(row);
      writer.add(row);
    },
  });
  const meta: ReportMeta = {
    mode: "discover",
    roots: [share],
    startedAt: "2026-12-05T00:00:00.000Z",
    durationMs: result.durationMs,
    dryRun: false,
    policy: null,
  };
  expect(writer.finish(meta, summarize(seen, [share]))).toEqual([]);
  const names = seen.map((r) => r.path.slice(share.length + 1));
  expect(names).toEqual([...names].sort());
  expect(names).toHaveLength(60);
  expect(readFileSync(paths[0], "utf8")).toBe(csvReport(seen));
  expect(
    readFileSync(paths[1], "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as ScanRow),
  ).toEqual(seen.map(({ audit: _a, ...rest }) => rest));
  expect(JSON.parse(readFileSync(paths[2], "utf8"))).toEqual(JSON.parse(jsonReport(seen, meta)));
  expect(readFileSync(paths[3], "utf8")).toBe(htmlReport(seen, meta));
});

test("a slow file holds back at most REORDER_WINDOW finished rows: the engine waits for it", async () => {
  const share = join(dir, "share");
  const total = REORDER_WINDOW + 200;
  for (let i = 0; i < total; i++) write(join(share, `f${String(i).padStart(5, "0")}.txt`), "x");
  let asked = 0;
  let release: () => void = () => {};
  const slow = new Promise<void>((r) => (release = r));
  const scanner: FileScanner = {
    concurrency: 2,
    scan: async (job) => {
      asked++;
      if (displayPath(job.path).endsWith("f00000.txt")) await slow;
      return rowOf(job);
    },
    close: async () => {},
  };
  const emitted: string[] = [];
  const run = runScan({
    roots: [share],
    include: [],
    exclude: [],
    scanner,
    onRow: (r) => emitted.push(r.path),
  });
  await new Promise((r) => setTimeout(r, 300));
  expect(emitted).toEqual([]);
  expect(asked).toBe(REORDER_WINDOW);
  release();
  await run;
  expect(emitted).toHaveLength(total);
  expect(emitted[0].endsWith("f00000.txt")).toBe(true);
}, 60_000);

test("the HTML report built from the spool says what the in-memory one says past its table's limit: the count, the first rows listed", () => {
  const rows: ScanRow[] = [];
  for (let i = 0; i < HTML_TABLE_LIMIT * 2 + 7; i++) {
    const job: ScanJob = {
      path: asFsPath(`/share/d${i % 9}/f${i}-${i % 2 ? "plain" : "card"}.txt`),
      size: i,
      type: "txt",
    };
    rows.push(rowOf(job));
  }
  const meta: ReportMeta = {
    mode: "discover",
    roots: ["/share"],
    startedAt: "2026-12-05T00:00:00.000Z",
    durationMs: 1234,
    dryRun: false,
    policy: null,
  };
  const path = join(dir, "r.html");
  const writer = new ReportWriter([path]);
  for (const row of rows) writer.add(row);
  expect(writer.finish(meta, summarize(rows, ["/share"]))).toEqual([]);
  const html = readFileSync(path, "utf8");
  expect(html).toContain(`first ${HTML_TABLE_LIMIT.toLocaleString("en-US")} shown`);
  expect(html).toBe(htmlReport(rows, meta));
});

test("readLines gives every line of a file, whole, across its read chunks", () => {
  const lines: string[] = [];
  for (let i = 0; i < 30_000; i++) lines.push(i % 11 === 0 ? `é💳 ${"y".repeat(i % 300)} ${i}` : `line ${i}`);
  lines.push("z".repeat(200 * 1024), "", "last");
  const path = write(join(dir, "lines.txt"), lines.join("\n"));
  expect([...readLines(path)]).toEqual(lines);
});

test("a report that cannot be written stops the run before it starts", () => {
  expect(() => new ReportWriter([join(dir, "no", "such", "folder", "r.csv")])).toThrow(/ENOENT/);
});

test("a report file gets the UTF-8 bytes of every text, in order, across its buffer and past its size", () => {
  const path = join(dir, "out.txt");
  const texts: string[] = [];
  for (let i = 0; i < 20_000; i++) texts.push(i % 7 === 0 ? `café ${i} 💳\r\n` : `row ${i},plain\r\n`);
  texts.push("x".repeat(300 * 1024), "é".repeat(100 * 1024), "lone \ud800 surrogate\n", "");
  const file = new TextFile(path);
  for (const t of texts) file.write(t);
  file.close();
  expect(readFileSync(path).equals(Buffer.from(texts.join(""), "utf8"))).toBe(true);
});
