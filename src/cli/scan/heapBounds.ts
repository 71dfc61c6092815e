/**
 * A scan's V8 heaps held to what the scan uses, whatever the number of files. Left to itself, V8
 * sizes each heap (the main thread's and every worker's) to how long the process has run rather
 * than to what it holds: each new space doubles, from 1 MB up to 16 MB per semi-space, every time
 * as much as its size has survived collections in total — which any long run reaches — and the old
 * space fills with garbage up to four times what was live after the last full collection. Both are
 * warm-ups: a scan of 1,000 files ends before them, one of 100,000 does not, so peak memory grew
 * with the file count (126 → 250 MB from 1,000 to 100,000 files) while what the scan holds stayed
 * at 14–15 MB (docs/benchmarks.md, "Scanner peak RSS flat in file count").
 *
 * Workers get their young generation's size from `resourceLimits` (WORKER_YOUNG_GENERATION_MB).
 * The main thread's was fixed when the process started, so its new space is kept from growing
 * instead, and every old space is collected sooner, by V8 settings that V8 reads whenever it
 * resizes a heap. They bound growth, not the heap: a file that needs a large heap still gets it
 * (the worker's limit stays `maxHeapMb`).
 *
 * Even at 1.5 times, V8 lets an old space grow by at least 8 MB (its minimum step) past what was
 * live before it collects it: a worker holding 5 MB ran at 13–14 MB and the main thread holding
 * 14 MB at 30 MB, once a scan had run for a few seconds. So the collection (incremental marking)
 * starts once a fixed share of that room is used, which V8 checks as it allocates.
 */
import { setFlagsFromString } from "node:v8";

/** A worker's young generation: two semi-spaces of 1 MB and room for large young objects. */
export const WORKER_YOUNG_GENERATION_MB = 3;

export const SCAN_HEAP_FLAGS = [
  // New spaces keep the size they start with (1 MB per semi-space) instead of doubling to 16 MB.
  "--semi-space-growth-factor=1",
  // A full collection once the old space is half as large again as what was live after the last
  // one, not up to four times as large.
  "--heap-growing-percent=50",
  // Marking starts once 30 % of the room between what was live and that limit is used: a worker's
  // old space stays within about 3 MB of what it holds (docs/benchmarks.md, "round 3").
  "--incremental-marking-soft-trigger=30",
  "--incremental-marking-hard-trigger=30",
] as const;

let bounded = false;

/** For the rest of the process: the main thread's heap and every worker's. */
export function boundScanHeaps(): void {
  for (const flag of SCAN_HEAP_FLAGS) setFlagsFromString(flag);
  bounded = true;
}

/**
 * Called once each worker is up (pool.ts): V8 sets the new-space growth factor back to at least 2
 * whenever it sets up a thread's heap, which would let the main thread's new space grow again.
 */
export function keepScanHeapsBounded(): void {
  if (bounded) boundScanHeaps();
}
