/**
 * Reports at scale: `node bench/run.cjs bench/server/reports.ts [--engine sqlite|postgres]
 * [--events 1000000] [--duration 20] [--pool 10] [--connections 10]`.
 *
 * 1. Loads `--events` audit events (30 days, 200 users in 1–3 of 20 groups, seven event types)
 *    through Store.recordAudit, as POST /audit stores them, and reports that rate.
 * 2. Starts the server on that database in a child process and, for `--duration` seconds at once:
 *    POST /audit with batches of 100 new events (`--connections`, 10 by default), GET
 *    /api/v1/reports/console in a loop (no filter, a group, a label, in turn) and GET /healthz
 *    every 25 ms. Prints p50/p95/max of the reports and of /healthz, the events/s stored meanwhile,
 *    and the CPU the server, PostgreSQL (every `postgres` process of the machine) and this process
 *    spent in those seconds.
 *    `--console-every <ms>`: the console asked at most once per that many ms (default 0: each
 *    request as soon as the last is answered, which takes whatever CPU the ingestion leaves).
 *    `--preload sql` (PostgreSQL) generates the events server-side instead (preloadSql), for 10M.
 *    `--live-span <ms>` (default 3,600,000): the live events' times are spread over that much time
 *    before each request. An hour puts each event on a page of its own in the (tenant, time, id)
 *    key; the add-in flushes its queue as events happen (src/addin/services/auditQueue.ts), so a
 *    few seconds is closer to clients that are online (docs/benchmarks.md, "Audit writer over HTTP").
 * 3. Baseline in the same run: the same console figures read from the raw events the way the
 *    reports did before the daily counters (ConsoleReportQueries on audit_events), timed in process.
 * 4. After the load, with the server stopped: every acknowledged event is stored, and the counters
 *    still say what the raw events say (the run fails otherwise).
 */
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Client } from "pg";
import { auditEventSchema } from "../../src/core/audit";
import { DEFAULT_LABEL_IDS, DEVELOPMENT_SITE_ID } from "../../src/core/policy";
import { buildApp } from "../../src/server/app";
import { loadOrCreateDevKey, mintDevToken } from "../../src/server/auth/dev";
import { loadConfig } from "../../src/server/config";
import { seedDefaultPolicies } from "../../src/server/seed";
import { ConsoleReportQueries } from "../../src/server/storage/consoleReports";
import { DAILY_COUNTER_FILL } from "../../src/server/storage/migrations";
import { AuditPartitions } from "../../src/server/storage/partitions";
import { openPostgresStore } from "../../src/server/storage/postgres";
import { SqlStore } from "../../src/server/storage/sql";
import { openSqliteStore } from "../../src/server/storage/sqlite";
import { processCpuMs } from "../scanner/processCpu";
import { PG_URL, arg, machine } from "./common";
import { DAY_MS, LABELS, TYPES, auditEvent, random, users } from "./liveAudit";

const engine = arg("engine", "sqlite") as "sqlite" | "postgres";
/**
 * POST /audit connections under load (`--connections`, default 10), each with one 100-event batch
 * in flight: clients of their own, as add-ins flushing their queues are.
 */
const INGEST_CONNECTIONS = Number(arg("connections", "10"));
if (!Number.isInteger(INGEST_CONNECTIONS) || INGEST_CONNECTIONS < 1)
  throw new Error(`--connections ${arg("connections", "10")}: must be a whole number of clients, 1 or more`);
interface Where {
  engine: "sqlite" | "postgres";
  /** PostgreSQL: the store's pool size (`--pool`, default 10 as the server's). */
  pool: number;
  dataDir: string;
  schema: string;
}

function open(where: Where): SqlStore {
  return where.engine === "postgres"
    ? openPostgresStore({ connectionString: PG_URL, schema: where.schema, max: where.pool })
    : openSqliteStore({ path: join(where.dataDir, "labelbridge.db") });
}

function serverConfig(where: Where) {
  return loadConfig({
    HOST: "127.0.0.1",
    PORT: "0",
    LABELBRIDGE_TLS: "off",
    LABELBRIDGE_DATA_DIR: where.dataDir,
    LOG_LEVEL: "warn",
    LABELBRIDGE_RATE_LIMIT: "1000000",
    LABELBRIDGE_RATE_WINDOW_SECONDS: "1",
    LABELBRIDGE_AUDIT_USER_EVENTS: "100000000",
    LABELBRIDGE_AUDIT_TENANT_EVENTS: "1000000000",
    LABELBRIDGE_AUDIT_USER_BYTES: String(2 ** 40),
    LABELBRIDGE_AUDIT_TENANT_BYTES: String(2 ** 40),
    LABELBRIDGE_BODY_LIMIT: String(4 * 1024 * 1024),
    ...(where.engine === "postgres" ? { DATABASE_URL: PG_URL } : {}),
  });
}

// ---------------------------------------------------------------- child: the server
if (process.env.BENCH_REPORTS_SERVE) {
  const where = JSON.parse(process.env.BENCH_REPORTS_SERVE) as Where;
  (async () => {
    const app = await buildApp(serverConfig(where), open(where));
    await app.listen({ host: "127.0.0.1", port: 0 });
    process.send!({ port: (app.server.address() as { port: number }).port });
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

// ---------------------------------------------------------------- parent
async function preload(store: SqlStore, count: number): Promise<number> {
  const r = random(42);
  const now = Date.now();
  const sample = auditEvent(r, now, 29 * DAY_MS);
  if (JSON.stringify(auditEventSchema.parse(sample)) !== JSON.stringify(sample))
    throw new Error("the bench's events are not shaped as parsed");
  const started = Date.now();
  // History as it arrived: day by day, oldest first, each batch from one user within one day.
  const days = 29;
  for (let stored = 0; stored < count; stored += 500) {
    const author = users[Math.floor(r() * users.length)];
    const dayEnd = now - (days - 1 - Math.floor((stored / count) * days)) * DAY_MS;
    const batch = Array.from({ length: Math.min(500, count - stored) }, () => auditEvent(r, dayEnd, DAY_MS));
    await store.recordAudit(DEVELOPMENT_SITE_ID, author, batch, new Date().toISOString());
    if (stored % 100_000 === 0 && stored > 0) process.stdout.write(`  ${stored} events…\r`);
  }
  return count / ((Date.now() - started) / 1000);
}

/**
 * PostgreSQL at 10M events: the same population as `preload` (users, groups, types, labels, days),
 * generated by the server in INSERT … SELECT generate_series statements of 1M rows, then the counters
 * filled by the migration's own statements (DAILY_COUNTER_FILL), so they are built exactly as the
 * store builds them. Not a measure of ingestion: of the time a bulk load takes.
 */
async function preloadSql(store: SqlStore, schema: string, count: number): Promise<number> {
  const started = Date.now();
  const now = Date.now();
  const months = Array.from({ length: 31 }, (_, d) => new Date(now - (30 - d) * DAY_MS).toISOString());
  await new AuditPartitions(store.executor, (fn) => store.connection.transaction((tx) => fn(tx))).ensureFor(
    months,
  );
  const c = new Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await c.connect();
  const list = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(", ")}]`;
  const labels = list(LABELS);
  const pickLabel = (r: string) => `(${labels})[LEAST(${LABELS.length}, FLOOR(-LN(1 - ${r}) * 2)::int + 1)]`;
  const CHUNK = 1_000_000;
  for (let start = 0; start < count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK) - 1;
    await c.query(
      `WITH u AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(user_id, user_name, user_groups, n)
       ), s AS (
         SELECT i, random() AS rt, random() AS ru, random() AS rl, random() AS ro, random() AS rd, random() AS rj,
                random() AS ra, random() AS rtime, random() AS ritem
           FROM generate_series($4::bigint, $5::bigint) AS i
       ), t AS (
         SELECT s.*, (${list(TYPES)})[1 + FLOOR(s.rt * ${TYPES.length})::int] AS type FROM s
       ), e AS (
         SELECT gen_random_uuid()::text AS event_id, u.user_id, u.user_name, u.user_groups, t.type,
                to_char(to_timestamp(($6::bigint - (28 - FLOOR(t.i * 29.0 / $7))::bigint * ${DAY_MS} - FLOOR(t.rtime * ${DAY_MS})::bigint) / 1000.0)
                        AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
                (ARRAY['Outlook', 'Word', 'Excel'])[1 + FLOOR(t.ra * 3)::int] AS app,
                CASE WHEN t.type IN ('label-removed', 'send-blocked', 'unlabeled-document') THEN NULL ELSE ${pickLabel("t.rl")} END AS label_id,
                CASE WHEN t.type IN ('label-changed', 'label-removed') THEN ${pickLabel("t.ro")} END AS old_label_id,
                CASE WHEN t.type IN ('label-changed', 'label-removed') AND t.rd < 0.4 THEN 1 ELSE 0 END AS downgrade,
                t.rj, 'Item ' || FLOOR(t.ritem * 1e6)::int || '.docx' AS item_name,
                CASE WHEN t.type = 'send-blocked' THEN 'mandatory-label-missing' END AS reason
           FROM t JOIN u ON u.n = 1 + FLOOR(t.ru * ${users.length})::int
       ), j AS (
         SELECT e.*, CASE WHEN e.downgrade = 1 THEN CASE WHEN e.rj < 0.5 THEN 'Other' ELSE 'Previous label was incorrect' END END AS justification_reason
           FROM e
       )
       INSERT INTO audit_events (tenant_id, event_id, user_id, user_name, type, occurred_at, received_at, app, label_id,
         old_label_id, downgrade, action_source, justification_reason, justification_text, item_name, reason, body, user_groups)
       SELECT $8, event_id, user_id, user_name, type, occurred_at, occurred_at, app, label_id, old_label_id, downgrade,
              'manual', justification_reason, NULL, item_name, reason,
              json_build_object('id', event_id, 'type', type, 'time', occurred_at, 'app', app, 'labelId', label_id,
                'oldLabelId', old_label_id, 'method', NULL, 'actionSource', 'manual', 'downgrade', downgrade = 1,
                'justification', CASE WHEN justification_reason IS NULL THEN NULL ELSE json_build_object('reason', justification_reason) END,
                'itemName', item_name, 'reason', reason)::text,
              user_groups
         FROM j`,
      [
        users.map((u) => u.userId),
        users.map((u) => u.userName),
        users.map((u) => JSON.stringify(u.groups)),
        start,
        end,
        now,
        count,
        DEVELOPMENT_SITE_ID,
      ],
    );
    process.stdout.write(`  ${end + 1} events…\r`);
  }
  await c.query("ANALYZE audit_events");
  const loaded = Date.now();
  await store.connection.transaction(async (tx) => {
    await tx.run(`DELETE FROM audit_daily`);
    for (const statement of DAILY_COUNTER_FILL.postgres) await tx.run(statement);
  });
  await c.query("ANALYZE audit_daily");
  await c.end();
  console.log(
    `  SQL preload: ${count} events in ${((loaded - started) / 1000).toFixed(0)} s, counters filled in ${((Date.now() - loaded) / 1000).toFixed(0)} s`,
  );
  return count / ((Date.now() - started) / 1000);
}

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const figures = (values: number[]) =>
  `p50 ${pct(values, 50).toFixed(1)} ms, p95 ${pct(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (${values.length} requests)`;

async function timed(url: string, headers: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - started;
}

/** CPU ms of every `postgres` process of this machine (backends, WAL writer, checkpointer). */
function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "postgres") continue;
    } catch {
      continue; // gone meanwhile
    }
    total += processCpuMs(Number(pid)) ?? 0;
  }
  return total;
}

/** CPU ms so far of the server (the child), this process and PostgreSQL. */
function cpuNow(serverPid: number) {
  const own = process.cpuUsage();
  return {
    server: processCpuMs(serverPid) ?? 0,
    bench: (own.user + own.system) / 1000,
    postgres: engine === "postgres" ? postgresCpuMs() : 0,
  };
}

async function main(): Promise<void> {
  const count = Number(arg("events", "1000000"));
  const duration = Number(arg("duration", "20"));
  const liveSpanMs = Number(arg("live-span", "3600000"));
  const consoleEvery = Number(arg("console-every", "0"));
  const where: Where = {
    engine,
    pool: Number(arg("pool", "10")),
    dataDir: mkdtempSync(join(tmpdir(), "lb-bench-reports-")),
    schema: `lb_bench_${randomBytes(4).toString("hex")}`,
  };
  console.log(`machine: ${machine()}`);
  console.log(`\nReports at scale on ${engine}: ${count} events preloaded, then ${duration} s of load`);
  // A 1M-event SQLite database takes 3–6 GB: removed however the run ends.
  const removeData = () => rmSync(where.dataDir, { recursive: true, force: true });
  process.once("SIGINT", () => process.exit(130)).once("SIGTERM", () => process.exit(143));
  process.once("exit", removeData);

  const store = open(where);
  await store.migrate();
  await seedDefaultPolicies(store, [DEVELOPMENT_SITE_ID]);
  if (arg("preload", "store") === "sql") {
    if (engine !== "postgres") throw new Error("--preload sql is for --engine postgres");
    await preloadSql(store, where.schema, count);
  } else {
    const preloadRate = await preload(store, count);
    console.log(`  preload through Store.recordAudit: ${Math.round(preloadRate)} events/s`);
  }

  // Baseline: the console's figures from the raw events, as before the counters, in this process.
  const range = {
    from: new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - 29 * DAY_MS).toISOString(),
    to: new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS).toISOString(),
  };
  const raw = new ConsoleReportQueries(store.executor, store.engine);
  const counted = store.reports;
  const everyone = { labelIds: [], group: null };
  const rawTimes: number[] = [];
  const countedTimes: number[] = [];
  const counts = (q: ConsoleReportQueries | SqlStore["reports"]) =>
    Promise.all([
      q.daily(DEVELOPMENT_SITE_ID, range, everyone),
      q.labelMix(DEVELOPMENT_SITE_ID, range, everyone),
      q.reasonCounts(DEVELOPMENT_SITE_ID, range, everyone, "downgrade"),
      q.reasonCounts(DEVELOPMENT_SITE_ID, range, everyone, "send-blocked"),
      q.recommendations(DEVELOPMENT_SITE_ID, range, everyone),
      q.unlabeledByApp(DEVELOPMENT_SITE_ID, range, everyone),
      q.groups(DEVELOPMENT_SITE_ID, range),
    ]);
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    const fromRaw = await counts(raw);
    rawTimes.push(performance.now() - t);
    t = performance.now();
    const fromCounters = await counts(counted);
    countedTimes.push(performance.now() - t);
    // Whichever preload ran, the counters must say what the events say.
    if (JSON.stringify(fromRaw) !== JSON.stringify(fromCounters))
      throw new Error("the daily counters disagree with the raw events");
  }
  console.log(
    `  the console's counts, in process: raw events ${pct(rawTimes, 50).toFixed(0)} ms, daily counters ${pct(countedTimes, 50).toFixed(1)} ms (median of 3): raw ÷ counters = ${(pct(rawTimes, 50) / pct(countedTimes, 50)).toFixed(1)}`,
  );
  await store.close();

  const child = fork(resolve(__dirname, "../run.cjs"), [resolve(__filename)], {
    env: { ...process.env, BENCH_REPORTS_SERVE: JSON.stringify(where) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((ok, fail) => {
    child.once("message", (m) => ok((m as { port: number }).port));
    child.once("exit", (code) => fail(new Error(`server exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const key = await loadOrCreateDevKey(where.dataDir);
  const token = (admin: boolean, user = "bench@contoso.com") =>
    mintDevToken(key, { tenantId: DEVELOPMENT_SITE_ID, clientId: "labelbridge-dev", user, admin });
  const admin = { authorization: `Bearer ${await token(true, "dana@contoso.com")}` };
  const reportUrls = [
    `${base}/api/v1/reports/console`,
    `${base}/api/v1/reports/console?group=group-3`,
    `${base}/api/v1/reports/console?labelId=${DEFAULT_LABEL_IDS.confidential}`,
  ];
  for (const url of reportUrls) await timed(url, admin); // warm-up

  const quiet: number[] = [];
  for (let i = 0; i < 15; i++) quiet.push(await timed(reportUrls[i % 3], admin));
  console.log(`  reports, nothing else running: ${figures(quiet)}`);

  // Ingestion, reports and health at once.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require("autocannon") as (
    o: Record<string, unknown>,
  ) => Promise<{ requests: { total: number }; statusCodeStats?: Record<string, { count: number }> }>;
  const r = random(7);
  const writer = { authorization: `Bearer ${await token(false)}`, "content-type": "application/json" };
  let stop = false;
  const reports: number[] = [];
  const health: number[] = [];
  const reportLoop = (async () => {
    for (let i = 0; !stop; i++) {
      const started = performance.now();
      reports.push(await timed(reportUrls[i % 3], admin));
      const rest = consoleEvery - (performance.now() - started);
      if (rest > 0) await new Promise((ok) => setTimeout(ok, rest));
    }
  })();
  const healthLoop = (async () => {
    while (!stop) {
      health.push(await timed(`${base}/healthz`));
      await new Promise((ok) => setTimeout(ok, 25));
    }
  })();
  const cpuBefore = cpuNow(child.pid!);
  const ingest = await autocannon({
    url: `${base}/api/v1/audit`,
    method: "POST",
    headers: writer,
    connections: INGEST_CONNECTIONS,
    duration,
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          // Live events happened in the last `--live-span` ms before the request.
          body: JSON.stringify({
            events: Array.from({ length: 100 }, () => auditEvent(r, Date.now(), liveSpanMs)),
          }),
        }),
      },
    ],
  });
  const cpuAfter = cpuNow(child.pid!);
  stop = true;
  await Promise.all([reportLoop, healthLoop]);
  const statuses = Object.entries(ingest.statusCodeStats ?? {})
    .map(([code, v]) => `${code}×${v.count}`)
    .join(" ");
  console.log(
    `  under load: POST /audit ${Math.round((ingest.requests.total * 100) / duration)} events/s sent [${statuses}]`,
  );
  console.log(`  under load: GET /api/v1/reports/console ${figures(reports)}`);
  console.log(`  under load: GET /healthz ${figures(health)}`);
  const sent = ingest.requests.total * 100;
  const spent = (k: keyof typeof cpuAfter) => {
    const ms = cpuAfter[k] - cpuBefore[k];
    return `${k} ${(ms / 1000 / duration).toFixed(2)} cores, ${((ms * 1000) / sent).toFixed(1)} µs/event`;
  };
  console.log(
    `  under load, CPU (reports and /healthz included): ${(["server", "postgres", "bench"] as const).map(spent).join("; ")}`,
  );
  const exited = new Promise((ok) => child.once("exit", ok));
  child.kill();
  await exited;
  // Nothing acknowledged is lost or counted twice: every 202 stored its 100 new events, wherever
  // the server put them (on SQLite, audit_events or the writer thread's inbox). Requests still in
  // flight when the load stopped (at most one a connection) may be stored without their answer.
  const after = open(where);
  const [stored] = await after.executor.query(
    engine === "sqlite"
      ? `SELECT (SELECT COUNT(*) FROM audit_events) + (SELECT COUNT(*) FROM audit_inbox) AS n`
      : `SELECT COUNT(*) AS n FROM audit_events`,
  );
  const acknowledged = (ingest.statusCodeStats?.["202"]?.count ?? 0) * 100;
  const unanswered = Number(stored.n) - count - acknowledged;
  if (unanswered < 0 || unanswered > INGEST_CONNECTIONS * 100)
    throw new Error(`${String(stored.n)} events stored, ${count} preloaded + ${acknowledged} acknowledged`);
  const rawAfter = new ConsoleReportQueries(after.executor, after.engine);
  if (JSON.stringify(await counts(rawAfter)) !== JSON.stringify(await counts(after.reports)))
    throw new Error("after the load, the daily counters disagree with the raw events");
  await after.close();
  console.log(
    `  after the load: ${String(stored.n)} events stored, every one acknowledged (and ${unanswered} sent as the load stopped), each counted once`,
  );
  if (engine === "postgres") {
    const c = new Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${where.schema} CASCADE`);
    await c.end();
  }
  console.log(`\nmachine after: ${machine()}`);
}
