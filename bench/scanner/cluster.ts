/**
 * Scanner cluster benchmark (issue 17 item 1):
 *   npm run build:node && node bench/run.cjs bench/scanner/cluster.ts [--files 50000] [--bytes 0]
 *     [--mixed-mb N]
 *
 * The backend (this process) on PostgreSQL (LABELBRIDGE_TEST_DATABASE_URL, a schema of its own,
 * dropped at the end) and `labelbridge scanner` nodes (the built CLI, --jobs 1: one core each) over
 * the cluster corpus (bench/scanner/clusterCorpus.ts). Three full runs of the same job, in the same
 * process: one node, two nodes, one node again; the baseline is the mean of the two one-node runs, so
 * a machine whose load drifts during the bench is seen. Reports files/s per run from the run's own
 * start and finish, the nodes' CPU (from /usr/bin/time) and the backend's, the machine's load, and
 * `idleAtEndS`: how long the first node to run out of units waited for the other's at the end.
 * `--statements`: also PostgreSQL's CPU per kind of statement, per run (statementCpu.ts; it costs
 * the backend CPU of its own, so leave it off for the backend's figures).
 * `--mixed-mb N`: instead of the notes, bench/scanner/corpus.ts's mixed share (docx, xlsx, pptx,
 * txt and eml, many small files and a few large ones, N MiB of text in all).
 * `--pin`: each node on a core of its own (`taskset`, node i on core i), as a one-CPU container or VM
 * gives it; without it a node's helper threads (libuv's pool inflating Office parts, V8's) run on
 * whichever core is free. The backend and PostgreSQL are never pinned: they share both cores.
 * `--pin-both`: both series, not pinned first, over the same corpus.
 * `--series 1,1,1`: the node counts of the runs (default 1,2,1); the ratio is the mean of the
 * two-node runs over the mean of the one-node runs.
 * `--jobs N`: the nodes' `--jobs` (default 1). `LABELBRIDGE_BENCH_NODE_ARGS=--no-single-threaded-gc`
 * runs the nodes with V8's collector helper threads, as before `labelbridge scanner` turned them off;
 * `LABELBRIDGE_BENCH_NODE_ENV="K=V …"` sets variables for the nodes alone.
 * Before each run, the machine's speed (../lib/machineSpeed.ts): `probeShaMs` (steady on this VM) and
 * `probeInflateMs` alone/two at once, which moves with whatever else the host runs.
 */
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { buildApp } from "../../src/server/app";
import { loadOrCreateDevKey, mintDevToken } from "../../src/server/auth/dev";
import { DEV_CLIENT_ID, loadConfig } from "../../src/server/config";
import { openPostgresStore } from "../../src/server/storage/postgres";
import { machineSpeed } from "../lib/machineSpeed";
import { scannerNodeArgs, writeClusterCorpus } from "./clusterCorpus";
import { generateCorpus } from "./corpus";
import { processCpuMs } from "./processCpu";
import { StatementCpu } from "./statementCpu";

const DATABASE_URL =
  process.env.LABELBRIDGE_TEST_DATABASE_URL ||
  "postgres://labelbridge:labelbridge@127.0.0.1:5432/labelbridge_test";
const repo = join(__dirname, "..", "..");

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

interface NodeFigures {
  wallS: number;
  cpuS: number;
  sysS: number;
  /** The node's peak RSS (the largest process /usr/bin/time waited for: the command or its child). */
  peakMb: number;
  code: number | null;
}

/** The test's node arguments, with `--jobs N` from the bench's command line in place of 1. */
function nodeArgs(url: string, name: string): string[] {
  const args = scannerNodeArgs(url, name);
  args[args.indexOf("--jobs") + 1] = String(option("jobs", 1));
  return args;
}

/** `LABELBRIDGE_BENCH_NODE_ENV="K=V K2=V2"`: variables for the nodes alone, not this process. */
function nodeEnv(): Record<string, string> {
  const pairs = process.env.LABELBRIDGE_BENCH_NODE_ENV?.split(" ").filter(Boolean) ?? [];
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf("=");
      if (at < 1) throw new Error(`LABELBRIDGE_BENCH_NODE_ENV: '${pair}' is not NAME=VALUE`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** One `labelbridge scanner` process under /usr/bin/time, until no run is going. */
function runNode(
  url: string,
  token: string,
  name: string,
  scratch: string,
  core: number | null,
): Promise<NodeFigures> {
  const timing = join(scratch, `${name}.time`);
  const timed = [
    "-f",
    "%e %U %S %M",
    "-o",
    timing,
    process.execPath,
    // e.g. LABELBRIDGE_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the nodes
    ...(process.env.LABELBRIDGE_BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
    join(repo, "bin", "labelbridge.js"),
    ...nodeArgs(url, name),
  ];
  // taskset's affinity is inherited by /usr/bin/time's child and by every thread it starts.
  const child = spawn(
    core === null ? "/usr/bin/time" : "taskset",
    core === null ? timed : ["-c", String(core), "/usr/bin/time", ...timed],
    {
      env: { ...process.env, ...nodeEnv(), LABELBRIDGE_TOKEN: token },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      const [wall, user, sys, maxKb] = readFileSync(timing, "utf8")
        .trim()
        .split("\n")
        .pop()!
        .split(" ")
        .map(Number);
      resolve({ wallS: wall, cpuS: user + sys, sysS: sys, peakMb: Math.round(maxKb / 1024), code });
    }),
  );
}

/**
 * CPU seconds the PostgreSQL server processes serving this backend (its connections carry the
 * bench's application_name) spent during a run, sampled every 250 ms: a connection the pool closes
 * takes its counters with it, so each process's last sample counts.
 */
class PostgresCpu {
  private startedWith = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly client: Client,
    private readonly appName: string,
  ) {}

  private async sample(): Promise<void> {
    const { rows } = await this.client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1`,
      [this.appName],
    );
    for (const { pid } of rows) {
      const ms = processCpuMs(pid);
      // null: the connection closed meanwhile
      if (ms !== null) this.last.set(pid, ms / 1000);
    }
  }

  /** Counts from here: a connection already open counts only what it does from now on. */
  async start(): Promise<void> {
    this.last.clear();
    await this.sample();
    this.startedWith = new Map(this.last);
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 250);
  }

  async stop(): Promise<number> {
    if (this.timer) clearInterval(this.timer);
    await this.sample();
    let total = 0;
    // A connection opened during the run counts from 0 (its first sample may come late).
    for (const [pid, seconds] of this.last) total += seconds - (this.startedWith.get(pid) ?? 0);
    return total;
  }
}

/**
 * How long before the run's end the first node to run out of work finished its last unit: at the end
 * of a run one node can be left idle while the other finishes the units it holds. 0 with one node.
 */
async function idleAtEnd(client: Client, schema: string, runId: string, finishedAt: string): Promise<number> {
  const { rows } = await client.query<{ last: string }>(
    `SELECT max(finished_at) AS last FROM ${schema}.scan_units WHERE run_id = $1 AND node IS NOT NULL GROUP BY node`,
    [runId],
  );
  if (rows.length < 2) return 0;
  const first = Math.min(...rows.map((r) => Date.parse(r.last)));
  return +((Date.parse(finishedAt) - first) / 1000).toFixed(1);
}

function mixedCorpus(root: string, files: number, mb: number): { root: string; bytes: number } {
  const written = generateCorpus(root, { seed: 42, files, mb });
  return { root, bytes: written.reduce((sum, f) => sum + f.bytes, 0) };
}

async function main(): Promise<void> {
  const files = option("files", 50_000);
  // 0: the bare ~160-byte notes of the cluster test; more pads each file to about that many bytes.
  const bytesPerFile = option("bytes", 0);
  const statements = process.argv.includes("--statements") ? new StatementCpu() : null;
  // --pin-both: the not-pinned series, then the pinned one, over the same corpus and schema.
  // --series 1,1,1: the runs' node counts (default 1,2,1: one node before and after two).
  const at = process.argv.indexOf("--series");
  const series = at > 0 ? process.argv[at + 1].split(",").map(Number) : [1, 2, 1];
  const pinModes = process.argv.includes("--pin-both") ? [false, true] : [process.argv.includes("--pin")];
  statements?.install();
  const scratch = mkdtempSync(join(os.tmpdir(), "lb-bench-cluster-"));
  const schema = `lb_bench_${randomBytes(6).toString("hex")}`;
  const tenant = randomUUID();
  console.log(`corpus: ${files} files under ${scratch}…`);
  const mixedMb = option("mixed-mb", 0);
  const corpus =
    mixedMb > 0
      ? mixedCorpus(join(scratch, "share"), files, mixedMb)
      : writeClusterCorpus(join(scratch, "share"), files, bytesPerFile);

  const config = loadConfig({
    HOST: "127.0.0.1",
    PORT: "0",
    LABELBRIDGE_AUTH: "dev",
    LABELBRIDGE_TENANTS: tenant,
    LABELBRIDGE_TLS: "off",
    LABELBRIDGE_DATA_DIR: join(scratch, "data"),
    LABELBRIDGE_STATIC_DIR: join(scratch, "dist"),
    LOG_LEVEL: "silent",
  });
  const appName = schema;
  const separator = DATABASE_URL.includes("?") ? "&" : "?";
  const store = openPostgresStore({
    connectionString: `${DATABASE_URL}${separator}application_name=${appName}`,
    schema,
  });
  const monitor = new Client({ connectionString: DATABASE_URL });
  await monitor.connect();
  const pgCpu = new PostgresCpu(monitor, appName);
  await store.migrate();
  const app = await buildApp(config, store, { logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const token = await mintDevToken(await loadOrCreateDevKey(config.dataDir), {
    tenantId: tenant,
    clientId: DEV_CLIENT_ID,
    user: "bench-scanner@example.com",
    groups: [],
    admin: true,
    ttlSeconds: 4 * 3600,
  });
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/api/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };

  try {
    const job = await api("POST", "/scan-jobs", { name: "bench", repositories: [{ path: corpus.root }] });
    for (const pinned of pinModes) {
      const rows: Array<Record<string, unknown>> = [];
      for (const nodes of series) {
        // The load before the probe, which would otherwise count its own CPU.
        const load = os.loadavg()[0];
        const speed = await machineSpeed();
        const cpuBefore = process.cpuUsage();
        await pgCpu.start();
        const run = await api("POST", `/scan-jobs/${job.jobId}/runs?full=true`);
        const figures = await Promise.all(
          Array.from({ length: nodes }, (_, i) =>
            runNode(url, token, `bench-${nodes}-${i}`, scratch, pinned ? i % os.cpus().length : null),
          ),
        );
        const cpu = process.cpuUsage(cpuBefore);
        const postgresCpuS = await pgCpu.stop();
        const done = await api("GET", `/scan-jobs/runs/${run.runId}`);
        if (done.status !== "completed" || done.filesDone !== files)
          throw new Error(`run ${run.runId} ended ${done.status} with ${done.filesDone}/${files} files`);
        const seconds = (Date.parse(done.finishedAt) - Date.parse(done.createdAt)) / 1000;
        rows.push({
          nodes,
          pinned,
          seconds: +seconds.toFixed(1),
          filesPerSecond: Math.round(files / seconds),
          nodeCpuS: +figures.reduce((s, f) => s + f.cpuS, 0).toFixed(1),
          nodeSysS: +figures.reduce((s, f) => s + f.sysS, 0).toFixed(1),
          nodePeakMb: Math.max(...figures.map((f) => f.peakMb)),
          idleAtEndS: await idleAtEnd(monitor, schema, run.runId, done.finishedAt),
          backendCpuS: +((cpu.user + cpu.system) / 1e6).toFixed(1),
          backendSysS: +(cpu.system / 1e6).toFixed(1),
          postgresCpuS: +postgresCpuS.toFixed(1),
          loadBefore: +load.toFixed(2),
          loadAfter: +os.loadavg()[0].toFixed(2),
          probeShaMs: speed.alone.shaMs,
          probeInflateMs: `${speed.alone.inflateMs}/${speed.pair.inflateMs}`,
        });
        console.log(JSON.stringify(rows[rows.length - 1]));
        if (statements) console.table(statements.take(files).slice(0, 16));
      }
      console.table(rows);
      const mean = (n: number) => {
        const rates = rows.filter((r) => r.nodes === n).map((r) => r.filesPerSecond as number);
        return rates.reduce((a, b) => a + b, 0) / rates.length;
      };
      const ratio = mean(2) / mean(1);
      if (Number.isFinite(ratio))
        console.log(
          `two nodes vs one (means of their runs): ${ratio.toFixed(2)}× — goal ≥ 1.6× (${os.cpus().length} cores, ${files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB, ${pinned ? "each node on a core of its own" : "nodes not pinned"})`,
        );
    }
  } finally {
    await app.close();
    await store.close();
    await monitor.end();
    const c = new Client({ connectionString: DATABASE_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
