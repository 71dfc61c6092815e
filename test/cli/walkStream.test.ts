/**
 * The scan holds no list of its files: the walk hands each file on as it finds it, through a queue
 * of at most WALK_AHEAD files, so it never runs more than that ahead of the scanner.
 */
import { join } from "node:path";
import { BoundedQueue } from "../../src/cli/scan/boundedQueue";
import { WALK_AHEAD, runScan } from "../../src/cli/scan/engine";
import { type FsPath, displayPath } from "../../src/cli/scan/fsPath";
import type { FileScanner } from "../../src/cli/scan/pool";
import { emptyRow } from "../../src/cli/scan/row";
import { nodeWalkFs } from "../../src/cli/scan/walk";
import { cleanup, tempDir, write } from "./support/helpers";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => cleanup(dir));

const tick = () => new Promise((r) => setImmediate(r));

describe("BoundedQueue", () => {
  test("the producer waits while the queue is full, and goes on when a consumer takes an item", async () => {
    const q = new BoundedQueue<number>(2);
    const pushed: number[] = [];
    const producer = (async () => {
      for (let i = 0; i < 5; i++) {
        await q.push(i);
        pushed.push(i);
      }
      q.end();
    })();
    await tick();
    expect(pushed).toEqual([0, 1]);
    expect(q.size).toBe(2);
    expect(await q.take()).toBe(0);
    await tick();
    expect(pushed).toEqual([0, 1, 2]);
    const rest = [await q.take(), await q.take(), await q.take(), await q.take(), await q.take()];
    await producer;
    expect(rest).toEqual([1, 2, 3, 4, null]);
  });

  test("consumers waiting on an empty queue are served in the order they asked", async () => {
    const q = new BoundedQueue<string>(1);
    const taken = [q.take(), q.take(), q.take()];
    await q.push("a");
    await q.push("b");
    q.end();
    expect(await Promise.all(taken)).toEqual(["a", "b", null]);
  });

  test("a failed producer's error reaches every consumer, waiting or later", async () => {
    const q = new BoundedQueue<number>(4);
    const waiting = q.take();
    q.fail(new Error("the walk failed"));
    await expect(waiting).rejects.toThrow("the walk failed");
    await expect(q.take()).rejects.toThrow("the walk failed");
  });
});

test("the walk runs at most WALK_AHEAD files ahead of the scanner, and streams: files are met while the scan goes on", async () => {
  const share = join(dir, "share");
  const total = WALK_AHEAD * 6;
  for (let i = 0; i < total; i++) write(join(share, `f${String(i).padStart(4, "0")}.txt`), "x");
  let scanning = false;
  let metWhileScanning = 0;
  const walkFs = {
    ...nodeWalkFs,
    lstat: (p: FsPath) => {
      if (scanning && displayPath(p).endsWith(".txt")) metWhileScanning++;
      return nodeWalkFs.lstat(p);
    },
  };
  let asked = 0;
  let mostAhead = 0;
  let releaseAll: () => void = () => {};
  const released = new Promise<void>((r) => (releaseAll = r));
  const scanner: FileScanner = {
    concurrency: 2,
    scan: async (job) => {
      asked++;
      mostAhead = Math.max(mostAhead, metWhileScanning - asked);
      if (asked > WALK_AHEAD) await released; // the workers are busy: the walk must wait
      return { ...emptyRow(displayPath(job.path), job.size, job.type), action: "reported" };
    },
    close: async () => {},
  };
  const paths: string[] = [];
  const run = runScan({
    roots: [share],
    include: [],
    exclude: [],
    scanner,
    walkFs,
    onProgress: (p) => (scanning ||= p.phase === "scanning"),
    onRow: (row) => paths.push(row.path),
  });
  await new Promise((r) => setTimeout(r, 200));
  // Blocked: the walk has met the files asked for, the queue's worth, and the one it waits to hand on.
  expect(metWhileScanning).toBeLessThanOrEqual(asked + WALK_AHEAD + 1);
  expect(metWhileScanning).toBeLessThan(total);
  releaseAll();
  await run;
  expect(metWhileScanning).toBe(total);
  expect(mostAhead).toBeLessThanOrEqual(WALK_AHEAD + 1);
  expect(paths.map((p) => p.slice(share.length + 1))).toEqual(
    Array.from({ length: total }, (_, i) => `f${String(i).padStart(4, "0")}.txt`),
  );
});
