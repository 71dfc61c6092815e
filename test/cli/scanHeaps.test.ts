/**
 * What a long scan costs in memory does not grow with its files: V8 would otherwise size every
 * thread's young generation to how long the scan has run (src/cli/scan/heapBounds.ts). The built
 * CLI is run with a preloaded probe that notes, in each thread, the largest each heap space grew.
 * Needs `npm run build:node` first.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { WORKER_YOUNG_GENERATION_MB } from "../../src/cli/scan/heapBounds";
import { HEAP_PROBE, largestHeapSpaces } from "./support/heapProbe";
import { cleanup, requireFreshBuild, runCli, tempDir, write } from "./support/helpers";

const MB = 1024 * 1024;

/** Runs a scan of `files` small text files with the probe; the largest each thread's spaces grew. */
function scanWithProbe(files: number): {
  main: Record<string, number>;
  workers: Array<Record<string, number>>;
} {
  for (let i = 0; i < files; i++)
    write(join(dir, "share", `d${Math.floor(i / 500)}`, `note-${i}.txt`), `Meeting notes ${i}\n`.repeat(4));
  const out = join(dir, "heaps");
  const probe = write(join(dir, "probe.cjs"), HEAP_PROBE);
  mkdirSync(out);
  const r = runCli(["scan", join(dir, "share"), "--jobs", "2", "--no-progress"], {
    env: { NODE_OPTIONS: `--require ${probe}`, HEAP_OUT: out },
  });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const spaces = largestHeapSpaces(out);
  expect(spaces.workers).toHaveLength(2);
  return spaces;
}

let dir: string;
beforeAll(() => requireFreshBuild());
beforeEach(() => (dir = tempDir()));
afterEach(() => cleanup(dir));

test("after thousands of files no thread's new space has grown: workers keep their bound, the main thread the size it started the scan with", () => {
  // 5,000 files: enough that without the bounds every thread's new space reaches V8's 32 MB.
  const { main, workers } = scanWithProbe(5000);
  // Two semi-spaces of a third of the young generation each (V8's split).
  for (const w of workers) expect(w.new_space).toBeLessThanOrEqual((2 * WORKER_YOUNG_GENERATION_MB * MB) / 3);
  // Loading the CLI's modules grows it to 16 MB before any scan can bound it; the scan adds nothing.
  expect(main.new_space).toBeLessThanOrEqual(16 * MB);
}, 120_000);

test("after thousands of files each worker's old space stays near what it holds, not 8 MB past it", () => {
  // A worker holds about 5 MB; left to V8, its old space is collected only once 8 MB more has been
  // promoted into it (13–14 MB), which 10,000 files reach.
  const { workers } = scanWithProbe(10_000);
  for (const w of workers) expect(w.old_space).toBeLessThanOrEqual(10 * MB);
}, 120_000);
