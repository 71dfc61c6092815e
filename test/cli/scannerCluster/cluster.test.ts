/**
 * The scanner cluster as it runs: the backend on PostgreSQL, three `labelbridge scanner` processes
 * (the built CLI) over a generated 50,000-file share, one of them killed with SIGKILL mid-run. Every
 * file must end up with exactly one row, the killed node's units must have gone to the others, and
 * the findings must be those planted. A node is killed the way a service manager or the kernel's
 * out-of-memory killer ends it: every process of it at once (the command and the node process it
 * starts, src/cli/relaunch.ts). Needs `npm run build:node` and PostgreSQL (never skipped).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import {
  FILES_PER_FOLDER,
  scannerNodeArgs,
  writeClusterCorpus,
  type ClusterCorpus,
} from "../../../bench/scanner/clusterCorpus";
import { FILES_PER_UNIT } from "../../../src/server/scanJobs/wire";
import { postgresEngine } from "../../server/support/engines";
import {
  type Backend,
  adminCall,
  defineJob,
  startBackend,
  startRun,
  waitFor,
} from "../../server/scanJobs/support";
import { REPO, cleanup, requireFreshBuild, tempDir } from "../support/helpers";

const FILES = 50_000;
const CLI = join(REPO, "bin", "labelbridge.js");

interface NodeProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr: string[];
}

function startNode(b: Backend, name: string): NodeProcess {
  const child = spawn(process.execPath, [CLI, ...scannerNodeArgs(b.server.url, name)], {
    env: { ...process.env, LABELBRIDGE_TOKEN: b.scanner },
    stdio: ["ignore", "ignore", "pipe"],
    // A process group of its own: the command and its node process are killed together.
    detached: true,
  });
  const stderr: string[] = [];
  child.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { name, child, exited, stderr };
}

function signalGroup(n: NodeProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-n.child.pid!, signal);
  } catch {
    // already gone
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let b: Backend;
let dir: string;
let corpus: ClusterCorpus;
const nodes: NodeProcess[] = [];

beforeAll(async () => {
  requireFreshBuild();
  b = await startBackend(postgresEngine, {
    LABELBRIDGE_SCAN_HEARTBEAT_SECONDS: "1",
    LABELBRIDGE_SCAN_NODE_TIMEOUT_SECONDS: "4",
  });
  dir = tempDir("lb-cluster-");
  corpus = writeClusterCorpus(join(dir, "share"), FILES);
}, 300_000);

afterAll(async () => {
  for (const n of nodes) if (n.child.exitCode === null) signalGroup(n, "SIGKILL");
  await b?.close();
  if (dir) cleanup(dir);
}, 60_000);

test("three nodes, one killed mid-run: each of the 50,000 files has exactly one row", async () => {
  const jobId = await defineJob(b, { name: "share", repositories: [{ path: corpus.root }] });
  const runId = await startRun(b, jobId);
  const run = async () => (await adminCall(b, `/scan-jobs/runs/${runId}`)).json;
  nodes.push(startNode(b, "alpha"), startNode(b, "bravo"), startNode(b, "charlie"));
  const [alpha, bravo, charlie] = nodes;

  const bravoHolds = async () => {
    const r = await run();
    const mine = r.nodes.find((n: { node: string }) => n.node === "bravo");
    return r.filesDone >= FILES / 4 && mine?.files > 0 && mine.unitsActive > 0;
  };
  // Kill bravo once it has stored rows and the run is well under way, while it holds a unit. Frozen
  // first, so that the unit the backend shows it holding is still unfinished when it dies: a node
  // finishes a unit of these small files in a fraction of a second.
  for (let killed = false; !killed;) {
    await waitFor("bravo to be scanning mid-run", bravoHolds, 240_000);
    signalGroup(bravo, "SIGSTOP");
    await sleep(500); // what it sent before it stopped is answered
    killed = await bravoHolds();
    signalGroup(bravo, killed ? "SIGKILL" : "SIGCONT");
  }
  const killedAt = await run();
  expect(killedAt.status).toBe("running");

  const codes = await Promise.all([alpha.exited, charlie.exited]);
  expect({ codes, stderr: [...alpha.stderr, ...charlie.stderr].join("") }).toMatchObject({ codes: [0, 0] });
  expect(await bravo.exited).toBeNull(); // killed, not exited

  const done = await run();
  expect(done).toMatchObject({
    status: "completed",
    filesFound: FILES,
    filesDone: FILES,
    bytesDone: corpus.bytes,
    errors: 0,
    unitsTotal: 1 + FILES / FILES_PER_FOLDER + FILES / FILES_PER_UNIT,
  });
  // The units bravo held when it died were handed out again and finished by the others.
  expect(done.units.retried).toBeGreaterThanOrEqual(1);
  expect(done.nodes.map((n: { node: string }) => n.node).sort()).toEqual(["alpha", "bravo", "charlie"]);
  expect(done.nodes.find((n: { node: string }) => n.node === "bravo").files).toBeGreaterThan(0);
  const status = (await adminCall(b, "/scan-jobs/nodes")).json.nodes;
  expect(status.find((n: { node: string }) => n.node === "bravo").status).toBe("lost");

  // Every row, page by page: each generated file exactly once, nothing else.
  const seen: string[] = [];
  const withCard: string[] = [];
  for (let after = ""; ;) {
    const page = (
      await adminCall(b, `/scan-jobs/runs/${runId}/results?limit=1000&after=${encodeURIComponent(after)}`)
    ).json;
    for (const row of page.rows as Array<{ path: string; infoTypes: Array<{ name: string }> }>) {
      seen.push(row.path);
      if (row.infoTypes.some((t) => t.name === "Credit Card Number")) withCard.push(row.path);
    }
    if (!page.next) break;
    after = page.next;
  }
  expect(seen).toHaveLength(FILES);
  expect(new Set(seen).size).toBe(FILES);
  expect([...seen].sort()).toEqual([...corpus.paths].sort());
  expect(withCard.sort()).toEqual([...corpus.withCard].sort());
}, 600_000);
