/**
 * A probe preloaded (`NODE_OPTIONS=--require`) in a process of the built CLI, so in its main
 * thread and in each worker: it notes the largest each V8 heap space grew, in HEAP_OUT.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const HEAP_PROBE = `
const { writeFileSync } = require("node:fs");
const { getHeapSpaceStatistics } = require("node:v8");
const { isMainThread, threadId } = require("node:worker_threads");
const most = {};
const sample = () => {
  let grew = false;
  for (const s of getHeapSpaceStatistics())
    if (s.space_size > (most[s.space_name] ?? 0)) {
      most[s.space_name] = s.space_size;
      grew = true;
    }
  // Written as it grows: a worker is terminated, it sees no exit.
  if (grew) writeFileSync(process.env.HEAP_OUT + "/" + (isMainThread ? "main" : threadId) + ".json", JSON.stringify(most));
};
sample();
setInterval(sample, 20).unref();
process.on("exit", sample);
`;

export type HeapSpaces = Record<string, number>;

/** What the probe wrote in `out`: the main thread's spaces and each worker's. */
export function largestHeapSpaces(out: string): { main: HeapSpaces; workers: HeapSpaces[] } {
  const read = (name: string) => JSON.parse(readFileSync(join(out, name), "utf8")) as HeapSpaces;
  const workers = readdirSync(out).filter((f) => /^\d+\.json$/.test(f));
  return { main: read("main.json"), workers: workers.map(read) };
}
