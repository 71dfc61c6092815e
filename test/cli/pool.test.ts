/**
 * The worker pool's failure handling, with a stand-in worker script (plain JS, so it runs under
 * Jest): a worker that hangs, throws or exits costs its file a row with that error, is replaced, and
 * the remaining files are still scanned.
 */
import { join } from "node:path";
import { workerScanner } from "../../src/cli/scan/pool";
import { DEFAULT_SCAN_SETTINGS } from "../../src/cli/scan/scanFile";
import { cleanup, tempDir, write } from "./support/helpers";

const WORKER = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", ({ id, job }) => {
  if (job.path.includes("hang")) return;
  if (job.path.includes("throw")) throw new Error("boom in worker");
  if (job.path.includes("exit")) process.exit(3);
  parentPort.postMessage({ id, row: { path: job.path, size: job.size, type: job.type, action: "reported", error: null, errorCode: null } });
});
`;

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => cleanup(dir));

test("a hanging, throwing or exiting worker costs only its own file; the others are scanned", async () => {
  const workerPath = write(join(dir, "worker.js"), WORKER);
  const scanner = workerScanner(DEFAULT_SCAN_SETTINGS, {
    workers: 2,
    fileTimeoutMs: 1500,
    maxHeapMb: 256,
    workerPath,
  });
  try {
    const names = ["a.txt", "hang.txt", "b.txt", "throw.txt", "c.txt", "exit.txt", "d.txt", "e.txt"];
    const rows = await Promise.all(
      names.map((n) => scanner.scan({ path: `/share/${n}`, size: 1, type: "txt" })),
    );
    expect(rows.map((r) => [r.path.slice(7), r.action, r.errorCode])).toEqual([
      ["a.txt", "reported", null],
      ["hang.txt", "error", "timeout"],
      ["b.txt", "reported", null],
      ["throw.txt", "error", "worker-crashed"],
      ["c.txt", "reported", null],
      ["exit.txt", "error", "worker-crashed"],
      ["d.txt", "reported", null],
      ["e.txt", "reported", null],
    ]);
    expect(rows[1].error).toBe("reading the file took longer than 2 s; abandoned");
    expect(rows[3].error).toBe("the worker crashed: boom in worker");
    expect(rows[5].error).toBe("the worker stopped while reading the file");
  } finally {
    await scanner.close();
  }
}, 30_000);

test("without the compiled worker the pool says how to get it", () => {
  expect(() =>
    workerScanner(DEFAULT_SCAN_SETTINGS, {
      workers: 1,
      fileTimeoutMs: 1000,
      maxHeapMb: 256,
      workerPath: join(dir, "missing.js"),
    }),
  ).toThrow(
    `worker threads need the compiled CLI (${join(dir, "missing.js")} is missing): run \`npm run build\`, or use --jobs 1`,
  );
});
