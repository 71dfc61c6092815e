/**
 * Server benchmark: `node bench/run.cjs bench/server/policy.ts [--duration 10] [--connections 50]`.
 *
 * 1. GET /api/v1/policy (200 and 304) against a bare Fastify route that returns the same bytes with
 *    the same ETag logic, in the same run: req/s, p50/p99 and the ratio (goal ≥ 0.8 for 200, ≥ 0.9 for 304).
 * 2. POST /api/v1/audit, batches of 100 new events: events/s on SQLite and on PostgreSQL.
 *
 * Each server runs in its own child process (autocannon stays in this one), so the load generator
 * and the server do not share a core. PostgreSQL: LABELBRIDGE_TEST_DATABASE_URL or the CI default.
 */
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { cpus, totalmem, tmpdir, release } from "node:os";
import { join, resolve } from "node:path";
import Fastify from "fastify";
import { Client } from "pg";
import { DEVELOPMENT_SITE_ID } from "../../src/core/policy";
import { buildApp } from "../../src/server/app";
import { loadConfig } from "../../src/server/config";
import { loadOrCreateDevKey, mintDevToken } from "../../src/server/auth/dev";
import { seedDefaultPolicies } from "../../src/server/seed";
import { openPostgresStore } from "../../src/server/storage/postgres";
import { openSqliteStore } from "../../src/server/storage/sqlite";
import type { Store } from "../../src/server/storage/store";

const PG_URL =
  process.env.LABELBRIDGE_TEST_DATABASE_URL ||
  "postgres://labelbridge:labelbridge@127.0.0.1:5432/labelbridge_test";
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

/** The part of autocannon's API used here (the package ships no types). */
interface LoadOptions {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  connections?: number;
  duration?: number;
  requests?: { setupRequest: (req: Record<string, unknown>) => Record<string, unknown> }[];
}
interface LoadResult {
  requests: { average: number; total?: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require("autocannon") as (options: LoadOptions) => Promise<LoadResult>;

// ---------------------------------------------------------------- child: one server per process
interface ServeRequest {
  kind: "labelbridge" | "bare";
  engine?: "sqlite" | "postgres";
  /** Holds the development signing key. */
  dataDir: string;
  /** Holds the SQLite database (default dataDir). */
  dbDir?: string;
  schema?: string;
  body?: string;
  etag?: string;
}

async function serve(request: ServeRequest): Promise<number> {
  if (request.kind === "bare") {
    const app = Fastify();
    const body = request.body!;
    const etag = request.etag!;
    app.get("/bare", async (req, reply) => {
      reply.header("etag", etag).header("cache-control", "private, max-age=60, must-revalidate");
      if (req.headers["if-none-match"] === etag) return reply.code(304).send();
      return reply.type("application/json; charset=utf-8").send(body);
    });
    await app.listen({ host: "127.0.0.1", port: 0 });
    return (app.server.address() as { port: number }).port;
  }
  const store = openStoreFor(request);
  const config = loadConfig({
    HOST: "127.0.0.1",
    PORT: "0",
    LABELBRIDGE_TLS: "off",
    LABELBRIDGE_DATA_DIR: request.dataDir,
    LABELBRIDGE_RATE_LIMIT: "1000000",
    LABELBRIDGE_BODY_LIMIT: String(4 * 1024 * 1024),
    LOG_LEVEL: "warn",
  });
  const app = await buildApp(config, store);
  await app.listen({ host: "127.0.0.1", port: 0 });
  return (app.server.address() as { port: number }).port;
}

function openStoreFor(request: ServeRequest): Store {
  return request.engine === "postgres"
    ? openPostgresStore({ connectionString: PG_URL, schema: request.schema, max: 10 })
    : openSqliteStore({ path: join(request.dbDir ?? request.dataDir, "labelbridge.db") });
}

if (process.env.BENCH_SERVE) {
  // The parent asks for CPU time around each run: on a shared machine, CPU per request is steadier than req/s.
  process.on("message", () => process.send!({ cpu: process.cpuUsage() }));
  serve(JSON.parse(process.env.BENCH_SERVE) as ServeRequest).then(
    (port) => process.send!({ port }),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

// ---------------------------------------------------------------- parent: load and report
interface Server {
  port: number;
  child: ChildProcess;
}

function cpuOf(server: Server): Promise<number> {
  return new Promise((ok) => {
    server.child.once("message", (m) => {
      const { user, system } = (m as { cpu: NodeJS.CpuUsage }).cpu;
      ok(user + system);
    });
    server.child.send("cpu");
  });
}

async function spawnServer(request: ServeRequest): Promise<Server> {
  const child = fork(resolve(__dirname, "../run.cjs"), [resolve(__filename)], {
    env: { ...process.env, BENCH_SERVE: JSON.stringify(request) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((ok, fail) => {
    child.once("message", (m) => ok((m as { port: number }).port));
    child.once("exit", (code) => fail(new Error(`server exited with ${code}`)));
  });
  return { port, child };
}

interface Figures {
  rps: number;
  /** Server CPU time per request, µs. */
  cpuPerRequest?: number;
  p50: number;
  p99: number;
  non2xx: number;
  statuses: string;
}

async function load(opts: LoadOptions, server?: Server): Promise<Figures> {
  const before = server ? await cpuOf(server) : 0;
  const result = await autocannon({
    connections: Number(arg("connections", "50")),
    duration: Number(arg("duration", "10")),
    ...opts,
  });
  const after = server ? await cpuOf(server) : 0;
  const total = result.requests.total ?? 0;
  const codes = Object.entries(result.statusCodeStats ?? {})
    .map(([code, v]) => `${code}×${v.count}`)
    .join(" ");
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    statuses: codes,
    cpuPerRequest: server && total > 0 ? (after - before) / total : undefined,
  };
}

const fmt = (f: Figures) =>
  `${Math.round(f.rps).toString().padStart(7)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  ` +
  `server CPU ${Math.round(f.cpuPerRequest ?? 0)} µs/req  [${f.statuses}]`;

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${process.platform} ${release()}, Node ${process.version}`,
  );
  console.log(
    `load: autocannon, ${arg("connections", "50")} connections, ${arg("duration", "10")} s per run; servers in child processes`,
  );

  const dataDir = mkdtempSync(join(tmpdir(), "lb-bench-"));
  const seedStore = openSqliteStore({ path: join(dataDir, "labelbridge.db") });
  await seedStore.migrate();
  await seedDefaultPolicies(seedStore, [DEVELOPMENT_SITE_ID]);
  await seedStore.close();
  const key = await loadOrCreateDevKey(dataDir);
  const token = await mintDevToken(key, {
    tenantId: DEVELOPMENT_SITE_ID,
    clientId: "labelbridge-dev",
    user: "bench@contoso.com",
  });
  const auth = { authorization: `Bearer ${token}` };

  const ours = await spawnServer({ kind: "labelbridge", engine: "sqlite", dataDir });
  const first = await fetch(`http://127.0.0.1:${ours.port}/api/v1/policy`, { headers: auth });
  const body = await first.text();
  const etag = first.headers.get("etag")!;
  const bare = await spawnServer({ kind: "bare", dataDir, body, etag });
  const check = await fetch(`http://127.0.0.1:${bare.port}/bare`);
  if ((await check.text()) !== body) throw new Error("the bare route does not return the same bytes");
  console.log(
    `\nGET /api/v1/policy (SQLite, ${Buffer.byteLength(body)} bytes, ETag ${etag}) vs bare Fastify route, same bytes`,
  );

  // Warm both up once so JIT and caches are in the same state.
  await load({ url: `http://127.0.0.1:${bare.port}/bare`, duration: 2 });
  await load({ url: `http://127.0.0.1:${ours.port}/api/v1/policy`, headers: auth, duration: 2 });

  const bare200 = await load({ url: `http://127.0.0.1:${bare.port}/bare` }, bare);
  const ours200 = await load({ url: `http://127.0.0.1:${ours.port}/api/v1/policy`, headers: auth }, ours);
  const notModified = { "if-none-match": etag };
  const bare304 = await load({ url: `http://127.0.0.1:${bare.port}/bare`, headers: notModified }, bare);
  const ours304 = await load(
    { url: `http://127.0.0.1:${ours.port}/api/v1/policy`, headers: { ...auth, ...notModified } },
    ours,
  );
  console.log(`  200 bare   ${fmt(bare200)}`);
  console.log(`  200 ours   ${fmt(ours200)}`);
  const cpuRatio = (a: Figures, b: Figures) => ((b.cpuPerRequest ?? 0) / (a.cpuPerRequest ?? 1)).toFixed(2);
  console.log(
    `  200 ratio  ${(ours200.rps / bare200.rps).toFixed(2)} req/s, ${cpuRatio(ours200, bare200)} by server CPU (goal ≥ 0.80)`,
  );
  console.log(`  304 bare   ${fmt(bare304)}`);
  console.log(`  304 ours   ${fmt(ours304)}`);
  console.log(
    `  304 ratio  ${(ours304.rps / bare304.rps).toFixed(2)} req/s, ${cpuRatio(ours304, bare304)} by server CPU (goal ≥ 0.90)`,
  );
  ours.child.kill();
  bare.child.kill();

  console.log("\nPOST /api/v1/audit, 100 new events per request");
  for (const engine of ["sqlite", "postgres"] as const) {
    const schema = `lb_bench_${randomBytes(4).toString("hex")}`;
    const dir = engine === "sqlite" ? mkdtempSync(join(tmpdir(), "lb-bench-audit-")) : dataDir;
    if (engine === "sqlite") {
      const s = openSqliteStore({ path: join(dir, "labelbridge.db") });
      await s.migrate();
      await s.close();
    } else {
      const s = openPostgresStore({ connectionString: PG_URL, schema });
      await s.migrate();
      await s.close();
    }
    const server = await spawnServer({ kind: "labelbridge", engine, dataDir, dbDir: dir, schema });
    const prefix = randomUUID().slice(0, 8);
    let n = 0;
    const batch = () => {
      const r = n++;
      const events: string[] = [];
      for (let i = 0; i < 100; i++)
        events.push(
          `{"id":"${prefix}-${r}-${i}","type":"label-applied","time":"2026-07-01T10:00:00Z","app":"Word","labelId":"e3f63795-7642-4031-8b70-0c01ebdd2b0c","actionSource":"manual"}`,
        );
      return `{"events":[${events.join(",")}]}`;
    };
    const figures = await load({
      url: `http://127.0.0.1:${server.port}/api/v1/audit`,
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      connections: 10,
      requests: [{ setupRequest: (req) => ({ ...req, body: batch() }) }],
    });
    const verify =
      engine === "sqlite"
        ? openSqliteStore({ path: join(dir, "labelbridge.db") })
        : openPostgresStore({ connectionString: PG_URL, schema });
    const stored =
      (
        await verify.dailyActivity(DEVELOPMENT_SITE_ID, {
          from: "2026-07-01T00:00:00Z",
          to: "2026-07-02T00:00:00Z",
        })
      )[0]?.count ?? 0;
    await verify.close();
    const seconds = Number(arg("duration", "10"));
    console.log(
      `  ${engine.padEnd(8)} ${Math.round(stored / seconds)
        .toString()
        .padStart(
          7,
        )} events/s stored (${stored} events, ${Math.round(figures.rps)} batches/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms) [${figures.statuses}]`,
    );
    server.child.kill();
    if (engine === "postgres") {
      const c = new Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  }
}
