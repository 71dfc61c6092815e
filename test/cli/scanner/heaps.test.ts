/**
 * A scanner node's workers keep the scan's heap bounds (src/cli/scan/heapBounds.ts): the node runs
 * for as long as it has work, so without them each worker's old space would grow 8 MB past what it
 * holds. The built CLI runs one node, with a preloaded probe, over a 10,000-file share until idle.
 * Needs `npm run build:node` first.
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { writeClusterCorpus } from "../../../bench/scanner/clusterCorpus";
import { sqliteEngine } from "../../server/support/engines";
import { type Backend, adminCall, defineJob, startBackend, startRun } from "../../server/scanJobs/support";
import { HEAP_PROBE, largestHeapSpaces } from "../support/heapProbe";
import { REPO, cleanup, requireFreshBuild, tempDir, write } from "../support/helpers";

const MB = 1024 * 1024;

let b: Backend;
let dir: string;

beforeAll(async () => {
  requireFreshBuild();
  b = await startBackend(sqliteEngine);
  dir = tempDir("lb-node-heaps-");
});
afterAll(async () => {
  await b?.close();
  if (dir) cleanup(dir);
});

test("after 10,000 files each of a node's workers keeps its old space near what it holds", async () => {
  const corpus = writeClusterCorpus(join(dir, "share"), 10_000);
  const runId = await startRun(
    b,
    await defineJob(b, { name: "share", repositories: [{ path: corpus.root }] }),
  );
  const out = join(dir, "heaps");
  mkdirSync(out);
  const probe = write(join(dir, "probe.cjs"), HEAP_PROBE);
  const args = ["scanner", "--server", b.server.url, "--node", "heaps", "--jobs", "2", "--exit-when-idle"];
  const child = spawn(
    process.execPath,
    [join(REPO, "bin", "labelbridge.js"), ...args, "--poll-seconds", "0.2"],
    {
      env: {
        ...process.env,
        LABELBRIDGE_TOKEN: b.scanner,
        NODE_OPTIONS: `--require ${probe}`,
        HEAP_OUT: out,
      },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect({ code, stderr }).toMatchObject({ code: 0 });
  expect((await adminCall(b, `/scan-jobs/runs/${runId}`)).json).toMatchObject({
    status: "completed",
    filesDone: 10_000,
  });
  const { workers } = largestHeapSpaces(out);
  expect(workers.length).toBeGreaterThanOrEqual(2);
  for (const w of workers) expect(w.old_space).toBeLessThanOrEqual(10 * MB);
}, 180_000);
