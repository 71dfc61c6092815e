/**
 * The Office path against its native floor (issue 17): the same Office files inflated by `unzip -p`
 * (every entry, to /dev/null, two processes) and scanned by the built CLI (`scan --jobs 2`,
 * discover, no policy), alternating, in one run. The ratio is floor time ÷ scan time (1 = as fast
 * as inflating alone); wall and CPU are both shown, since the machine is shared.
 *   npm run build:node && node bench/run.cjs bench/scanner/office.ts [--seed 42] [--files 1200]
 *     [--mb 96] [--runs 3] [--cli path/to/labelbridge.js ...]
 * Each `--cli` adds a build to compare (e.g. the code before a change, built elsewhere).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { generateCorpus } from "./corpus";

const MiB = 1024 * 1024;
import { type Timed, clisToCompare, loadAverage, timedCli } from "./timed";

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** bash's `time` over a command line: real, user + sys of every process it started. */
function timeShell(script: string): Omit<Timed, "rssMb"> {
  const r = spawnSync("bash", ["-c", `TIMEFORMAT='%3R %3U %3S'; time (${script})`], {
    encoding: "utf8",
    maxBuffer: 64 * MiB,
  });
  if (r.status !== 0) throw new Error(`failed: ${script}\n${r.stderr}`);
  const [real, user, sys] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  return { wallMs: real * 1000, cpuMs: (user + sys) * 1000 };
}

function unzipFloor(dir: string): Omit<Timed, "rssMb"> {
  return timeShell(
    `find '${dir}' -type f -print0 | xargs -0 -P 2 -n 40 sh -c 'for f; do unzip -p "$f" > /dev/null; done' _`,
  );
}

function main(): void {
  const seed = option("seed", 42);
  const files = option("files", 1200);
  const mb = option("mb", 96);
  const runs = option("runs", 3);
  const base = join(os.tmpdir(), `labelbridge-bench-office-${seed}`);
  rmSync(base, { recursive: true, force: true });
  const all = join(base, "all");
  const office = join(base, "office");
  const corpus = generateCorpus(all, { seed, files, mb });
  mkdirSync(office, { recursive: true });
  let bytes = 0;
  let count = 0;
  for (const f of corpus) {
    if (f.type !== "docx" && f.type !== "xlsx" && f.type !== "pptx") continue;
    const to = join(office, f.path.slice(all.length + 1).replace(/\//g, "_"));
    renameSync(f.path, to);
    bytes += statSync(to).size;
    count++;
  }
  rmSync(all, { recursive: true, force: true });
  if (readdirSync(office).length !== count) throw new Error("corpus files collided");
  console.log(`office files: ${count} (docx/xlsx/pptx), ${(bytes / MiB).toFixed(1)} MB, seed ${seed}`);
  console.log(`load average at start: ${loadAverage()}`);
  const builds = clisToCompare();
  console.log(
    "\n| Run | unzip -p wall | unzip -p CPU | build | scan wall | scan CPU | peak RSS | ratio wall | ratio CPU | load |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (let run = 1; run <= runs; run++) {
    for (const [b, cli] of builds.entries()) {
      const floor = unzipFloor(office);
      const s = timedCli(cli, ["scan", office, "--jobs", "2", "--no-progress"]);
      console.log(
        `| ${run} | ${(floor.wallMs / 1000).toFixed(2)} s | ${(floor.cpuMs / 1000).toFixed(2)} s | ${b === 0 ? "this" : cli} | ${(s.wallMs / 1000).toFixed(2)} s | ${(s.cpuMs / 1000).toFixed(2)} s | ${s.rssMb.toFixed(0)} MB | ${(floor.wallMs / s.wallMs).toFixed(2)} | ${(floor.cpuMs / s.cpuMs).toFixed(2)} | ${loadAverage()} |`,
      );
    }
  }
  if (!process.argv.includes("--keep")) rmSync(base, { recursive: true, force: true });
}

main();
