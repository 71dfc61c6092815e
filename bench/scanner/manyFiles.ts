/**
 * Peak memory against the number of files (issue 17): 1,000, 10,000 and 100,000 small text files
 * (a few with card numbers), scanned by the built CLI (`scan --jobs 2` with CSV, JSON and HTML
 * reports) under GNU time. Reports are streamed, so the peak should stay flat in the file count.
 *   npm run build:node && node bench/run.cjs bench/scanner/manyFiles.ts [--counts 1000,10000,100000]
 *     [--cli path/to/labelbridge.js ...]
 * Each `--cli` adds a build to compare (e.g. the code before a change, built elsewhere).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";

import { type Timed, clisToCompare, loadAverage, timedCli } from "./timed";

function counts(): number[] {
  const at = process.argv.indexOf("--counts");
  return (at > 0 ? process.argv[at + 1] : "1000,10000,100000").split(",").map(Number);
}

/** `count` files in folders of 500, one in ten with a card number. */
function generate(dir: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `d${Math.floor(i / 500)}`);
    if (i % 500 === 0) mkdirSync(folder, { recursive: true });
    const text =
      i % 10 === 0
        ? `Invoice ${i}\nCredit card 4111 1111 1111 1111 exp 12/29\n`
        : `Meeting notes ${i}: nothing sensitive here, only plans and dates.\n`;
    writeFileSync(join(folder, `note-${i}.txt`), text.repeat(4));
  }
}

function scan(cli: string, dir: string, out: string): Timed {
  const reports = ["r.csv", "r.json", "r.html"].flatMap((r) => ["--report", join(out, r)]);
  return timedCli(cli, ["scan", dir, "--jobs", "2", "--no-progress", ...reports]);
}

function main(): void {
  const base = join(os.tmpdir(), "labelbridge-bench-many");
  console.log(`load average at start: ${loadAverage()}`);
  console.log("\n| Files | build | peak RSS | wall | CPU | load |\n| --- | --- | --- | --- | --- | --- |");
  for (const count of counts()) {
    rmSync(base, { recursive: true, force: true });
    const dir = join(base, "share");
    const out = join(base, "out");
    mkdirSync(out, { recursive: true });
    generate(dir, count);
    for (const [b, cli] of clisToCompare().entries()) {
      const f = scan(cli, dir, out);
      console.log(
        `| ${count.toLocaleString("en-US")} | ${b === 0 ? "this" : cli} | ${f.rssMb.toFixed(0)} MB | ${(f.wallMs / 1000).toFixed(1)} s | ${(f.cpuMs / 1000).toFixed(1)} s | ${loadAverage()} |`,
      );
    }
  }
  rmSync(base, { recursive: true, force: true });
}

main();
