/**
 * Peak memory against the number of files (issue 17): 1,000, 10,000 and 100,000 small text files
 * (a few with card numbers), scanned by the built CLI (`scan --jobs 2` with CSV, JSON and HTML
 * reports) under GNU time. Reports and the walk are streamed, so what the scan holds should not
 * grow with the file count.
 *   npm run build:node && node bench/run.cjs bench/scanner/manyFiles.ts [--counts 1000,10000,100000]
 *     [--cli path/to/labelbridge.js ...] [--live] [--heaps]
 * Each `--cli` adds a build to compare (e.g. the code before a change, built elsewhere); the
 * builds run alternately, one after the other for each count.
 *
 * Peak RSS counts garbage V8 has not collected yet, and V8 lets its heaps grow for a while before
 * it collects much. `--live` adds, for each build and count, a second run that measures what the
 * main thread really holds: every second a full collection, then its heap in use (the largest is
 * shown). It slows that run, whose time is not shown.
 *
 * `--heaps` adds another run that says where the peak is: each thread samples its V8 heap spaces
 * every 200 ms, the main thread also its resident memory (anonymous, and mapped from files: the
 * node binary and libraries); shown are the largest new and old space of the main thread and of
 * the workers (the larger of the two), and the main thread's anonymous and file-backed memory at
 * the peak sample.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
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

function scanArgs(dir: string, out: string): string[] {
  const reports = ["r.csv", "r.json", "r.html"].flatMap((r) => ["--report", join(out, r)]);
  return ["scan", dir, "--jobs", "2", "--no-progress", ...reports];
}

function scan(cli: string, dir: string, out: string): Timed {
  return timedCli(cli, scanArgs(dir, out));
}

/** Preloaded in the scan's process: the main thread's live heap, largest of one sample a second. */
const LIVE_HEAP_PROBE = `
const { isMainThread } = require("node:worker_threads");
if (isMainThread) {
  let most = 0;
  const sample = () => { global.gc(); most = Math.max(most, process.memoryUsage().heapUsed); };
  setInterval(sample, 1000).unref();
  process.on("exit", () => { sample(); process.stderr.write("LIVE " + most + "\\n"); });
}
`;

/** Preloaded in every thread of the scan's process: where its memory is, largest of samples. */
const HEAPS_PROBE = `
const { readFileSync, writeFileSync } = require("node:fs");
const { getHeapSpaceStatistics } = require("node:v8");
const { isMainThread, threadId } = require("node:worker_threads");
const most = { new_space: 0, old_space: 0, rss: 0, anon: 0, file: 0 };
const kb = (status, key) => parseInt(status.slice(status.indexOf(key + ":") + key.length + 1).trim(), 10);
const sample = () => {
  for (const s of getHeapSpaceStatistics())
    if (s.space_name in most) most[s.space_name] = Math.max(most[s.space_name], s.space_size);
  if (isMainThread) {
    const status = readFileSync("/proc/self/status", "utf8");
    const rss = kb(status, "VmRSS") * 1024;
    if (rss > most.rss) Object.assign(most, { rss, anon: kb(status, "RssAnon") * 1024, file: kb(status, "RssFile") * 1024 });
  }
  writeFileSync(process.env.HEAPS_OUT + "/" + (isMainThread ? "main" : threadId) + ".json", JSON.stringify(most));
};
setInterval(sample, 200).unref();
process.on("exit", sample);
`;

/** Main thread and workers: largest new and old spaces, and the main thread's memory at its peak. */
function heaps(cli: string, dir: string, out: string, probe: string): string {
  const at = join(out, "heaps");
  rmSync(at, { recursive: true, force: true });
  mkdirSync(at);
  spawnSync(process.execPath, [cli, ...scanArgs(dir, out)], {
    env: { ...process.env, NODE_OPTIONS: `--require ${probe}`, HEAPS_OUT: at },
  });
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(0);
  const read = (f: string) => JSON.parse(readFileSync(join(at, f), "utf8")) as Record<string, number>;
  const main = read("main.json");
  const workers = readdirSync(at)
    .filter((f) => f !== "main.json")
    .map(read);
  const worst = (k: string) => Math.max(0, ...workers.map((w) => w[k]));
  return `${mb(main.new_space)} / ${mb(main.old_space)} MB | ${mb(worst("new_space"))} / ${mb(worst("old_space"))} MB | ${mb(main.anon)} + ${mb(main.file)} MB |`;
}

/** MB the scan's main thread held at most, measured after full collections. */
function liveHeapMb(cli: string, dir: string, out: string, probe: string): number {
  const r = spawnSync(process.execPath, [cli, ...scanArgs(dir, out)], {
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: `--expose-gc --require ${probe}` },
  });
  const line = r.stderr.split("\n").find((l) => l.startsWith("LIVE "));
  if (!line) throw new Error(`no live heap measured: ${r.stderr}`);
  return Number(line.slice(5)) / (1024 * 1024);
}

function main(): void {
  const base = join(os.tmpdir(), "labelbridge-bench-many");
  const live = process.argv.includes("--live");
  const withHeaps = process.argv.includes("--heaps");
  const probe = join(base, "live-heap-probe.cjs");
  const heapsProbe = join(base, "heaps-probe.cjs");
  console.log(`load average at start: ${loadAverage()}`);
  const extra =
    (live ? " live heap, main thread |" : "") +
    (withHeaps ? " main new / old space | worker new / old space | main anon + file at peak |" : "");
  console.log(
    `\n| Files | build | peak RSS | wall | CPU | load |${extra}\n| --- | --- | --- | --- | --- | --- |${extra.replace(/[^|]+\|/g, " --- |")}`,
  );
  for (const count of counts()) {
    rmSync(base, { recursive: true, force: true });
    const dir = join(base, "share");
    const out = join(base, "out");
    mkdirSync(out, { recursive: true });
    generate(dir, count);
    writeFileSync(probe, LIVE_HEAP_PROBE);
    writeFileSync(heapsProbe, HEAPS_PROBE);
    for (const [b, cli] of clisToCompare().entries()) {
      const f = scan(cli, dir, out);
      const load = loadAverage();
      const held = live ? ` ${liveHeapMb(cli, dir, out, probe).toFixed(0)} MB |` : "";
      const where = withHeaps ? ` ${heaps(cli, dir, out, heapsProbe)}` : "";
      console.log(
        `| ${count.toLocaleString("en-US")} | ${b === 0 ? "this" : cli} | ${f.rssMb.toFixed(0)} MB | ${(f.wallMs / 1000).toFixed(1)} s | ${(f.cpuMs / 1000).toFixed(1)} s | ${load} |${held}${where}`,
      );
    }
  }
  rmSync(base, { recursive: true, force: true });
}

main();
