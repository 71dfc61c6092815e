/**
 * Where a PostgreSQL audit batch's time goes: `node bench/run.cjs bench/server/auditPostgres.ts
 * [--events 200000] [--round 20000] [--pool 10]`. A fresh schema, loaded through Store.recordAudit (the real
 * path: auditRows.ts's unnest INSERT and counter upsert in one transaction) in rounds of live
 * batches (100 events, the bench's users and groups), alternately one batch at a time and ten at
 * once. Each statement is timed from the client (call to answer, per event), and a second
 * connection samples pg_stat_activity every 10 ms: the share of the writers' samples in each wait
 * (type:event — a row's lock is Lock:transactionid or Lock:tuple, a table's growth Lock:extend)
 * against running. The CPU each round cost per event, from the kernel: the pool's PostgreSQL backends
 * (/proc/<pid>/schedstat, when the server runs on this machine) and this process (process.cpuUsage).
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Client } from "pg";
import { openPostgresStore } from "../../src/server/storage/postgres";
import type { SqlStore } from "../../src/server/storage/sql";
import { DEVELOPMENT_SITE_ID } from "../../src/core/policy";
import { PG_URL, arg, machine } from "./common";
import { liveBatch, random } from "./liveAudit";

/** The store's pool: `--pool`, by default the server's (postgres.ts). */
const POOL = Number(arg("pool", "10"));

const KINDS = ["begin", "insert", "counters", "commit", "other"] as const;
type Kind = (typeof KINDS)[number];

const kindOf = (sql: string): Kind =>
  sql === "BEGIN"
    ? "begin"
    : sql === "COMMIT"
      ? "commit"
      : sql.startsWith("INSERT INTO audit_events")
        ? "insert"
        : sql.startsWith("INSERT INTO audit_daily")
          ? "counters"
          : "other";

const spent: Record<Kind, number> = { begin: 0, insert: 0, counters: 0, commit: 0, other: 0 };

/** Times every query of the pool's clients by statement kind (the store's own calls, unchanged). */
function timeQueries(): void {
  const proto = Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...a: unknown[]) {
    const text = typeof a[0] === "string" ? a[0] : "";
    const result = query.apply(this, a);
    if (!text || !(result instanceof Promise)) return result;
    const t = performance.now();
    return result.finally(() => (spent[kindOf(text.trim())] += performance.now() - t));
  };
}

async function sample(schema: string, stop: () => boolean): Promise<Map<string, number>> {
  const c = new Client({ connectionString: PG_URL });
  await c.connect();
  const seen = new Map<string, number>();
  while (!stop()) {
    const { rows } = await c.query(
      `SELECT COALESCE(wait_event_type || ':' || wait_event, 'running') || ' in ' ||
              CASE WHEN query LIKE 'INSERT INTO audit_daily%' THEN 'counters'
                   WHEN query LIKE 'INSERT INTO audit_events%' THEN 'insert'
                   ELSE left(query, 6) END AS w FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()
          AND query NOT LIKE 'SELECT COALESCE(wait_event_type%'`,
    );
    for (const r of rows as { w: string }[]) seen.set(r.w, (seen.get(r.w) ?? 0) + 1);
    await new Promise((ok) => setTimeout(ok, 10));
  }
  await c.end();
  void schema;
  return seen;
}

/** The pool's backends: `size` transactions held at once, each asking for its backend's pid. */
async function backendPids(store: SqlStore, size: number): Promise<number[]> {
  let arrived = 0;
  let all!: () => void;
  const together = new Promise<void>((ok) => (all = ok));
  return Promise.all(
    Array.from({ length: size }, () =>
      store.connection.transaction(async (tx) => {
        const [{ pid }] = await tx.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
        if (++arrived === size) all();
        await together;
        return Number(pid);
      }),
    ),
  );
}

/** CPU ns the processes have run (first field of /proc/<pid>/schedstat); NaN when one cannot be read. */
function cpuNs(pids: readonly number[]): number {
  try {
    return pids.reduce(
      (sum, pid) => sum + Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]),
      0,
    );
  } catch {
    return NaN;
  }
}

async function round(store: SqlStore, events: number, atOnce: number, r: () => number): Promise<number> {
  const now = Date.now();
  const started = performance.now();
  for (let n = 0; n < events; n += 100 * atOnce)
    await Promise.all(
      Array.from({ length: atOnce }, () => {
        const b = liveBatch(r, now);
        return store.recordAudit(DEVELOPMENT_SITE_ID, b.author, b.events, new Date(now).toISOString());
      }),
    );
  return events / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const total = Number(arg("events", "200000"));
  const size = Number(arg("round", "20000"));
  console.log(`machine: ${machine()}`);
  const schema = `lb_bench_pgw_${randomBytes(4).toString("hex")}`;
  const store = openPostgresStore({ connectionString: PG_URL, schema, max: POOL });
  await store.migrate();
  timeQueries();
  const r = random(42);
  console.log(
    `\nper event, client-side µs of each statement kind (summed over concurrent batches); pg_stat_activity samples of the writers`,
  );
  for (let loaded = 0; loaded < total; loaded += size) {
    for (const atOnce of loaded % (2 * size) === 0 ? [1, 10] : [10, 1]) {
      for (const k of KINDS) spent[k] = 0;
      const pids = await backendPids(store, POOL);
      let stop = false;
      const sampling = sample(schema, () => stop);
      const backends = cpuNs(pids);
      const node = process.cpuUsage();
      const rate = await round(store, size / 2, atOnce, r);
      const cpu = {
        backends: (cpuNs(pids) - backends) / 1000 / (size / 2),
        node: (() => {
          const d = process.cpuUsage(node);
          return (d.user + d.system) / (size / 2);
        })(),
      };
      stop = true;
      const seen = await sampling;
      const all = [...seen.values()].reduce((a, b) => a + b, 0) || 1;
      const share = [...seen.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([w, n]) => `${w} ${((100 * n) / all).toFixed(0)}%`)
        .join(", ");
      const per = (k: Kind) => ((spent[k] * 1000) / (size / 2)).toFixed(1);
      console.log(
        `  ${loaded + size} events, ${String(atOnce).padStart(2)} at once: ${Math.round(rate)} events/s | CPU µs/event: backends ${cpu.backends.toFixed(1)}, node ${cpu.node.toFixed(1)} | µs/event: ${KINDS.map((k) => `${k} ${per(k)}`).join(", ")} | ${share}`,
      );
    }
  }
  await store.close();
  const c = new Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
  console.log(`\nmachine after: ${machine()}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
