/**
 * Where the SQLite audit writer's time goes, per event and per phase:
 * `node bench/run.cjs bench/server/auditWriter.ts [--events 1000000] [--round 100000] [--set one|combined]
 * [--only 1,3]` (`one`: each suspect alone; `combined`: those that paid, added one after another).
 *
 * Several fresh databases (the full schema, `applyMigrations`) in one run, each loaded in alternating
 * rounds with the same live events (the last hour of a clock that sweeps 29 days over the run, 200
 * users in 1–3 of 20 groups, 100 events a batch, 10 batches a transaction as under 10 connections),
 * written as the writer thread wrote them before branch `ingest3` (sqliteWriter.ts: BEGIN IMMEDIATE,
 * a savepoint a batch, multi-row INSERT … RETURNING of 100 rows, SQLITE_AUDIT_SQL's counter upsert
 * once per key and prefix of each batch, COMMIT), with the server's checkpoint thread
 * (sqliteCheckpoints.ts) running. Each variant changes one thing against the first ("before"), and the variants take turns transaction by
 * transaction, so their ratios are measured at the same size and under the same moments of the
 * machine's load. Figures per event: the process's CPU µs (this thread, plus the checkpoint threads,
 * whose work is part of the writer's cost) and the wall µs of each phase on this thread.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "../../src/server/storage/migrations";
import { applyMigrations } from "../../src/server/storage/sql";
import { openSqliteStore } from "../../src/server/storage/sqlite";
import { SqliteCheckpoints } from "../../src/server/storage/sqliteCheckpoints";
import { SQLITE_AUDIT_SQL as SQL, auditRow } from "../../src/server/storage/auditRows";
import { AUDIT_DAILY_TABLE, counterPrefixes, dimensions } from "../../src/server/storage/auditDaily";
import { arg, machine } from "./common";
import { liveBatch, random } from "./liveAudit";

const TENANT = "00000000-0000-4000-8000-000000000001";
const DAY_MS = 86_400_000;
/** One request's batch as Store.recordAudit hands it to the writer. */
interface Write {
  rows: unknown[][];
  dimensions: unknown[][];
  prefixes: unknown[][];
}

function batch(r: () => number, now: number): Write {
  const { author, events } = liveBatch(r, now);
  const received = new Date(now).toISOString();
  return {
    rows: events.map((e) => auditRow(TENANT, author, e, new Date(e.time).toISOString(), received)),
    dimensions: events.map(dimensions),
    prefixes: counterPrefixes(TENANT, author.groups),
  };
}

interface Variant {
  name: string;
  /** Pragmas run on the writer's connection after the server's own. */
  pragmas?: string[];
  /** Statements run once on the fresh schema (e.g. an index dropped). */
  schema?: string[];
  /** "multi": the former multi-row INSERT … RETURNING; "single": SQLITE_AUDIT_SQL.insertRow run per row. */
  insert?: "multi" | "single";
  /** Counters summed over the transaction's batches, one upsert per key at the end (instead of per batch). */
  countersPerGroup?: boolean;
  /** Counters upserted by multi-row statements (up to 100 keys each) instead of one statement a key. */
  countersMultiRow?: boolean;
  /** No savepoint per batch (only to measure their cost: a failing batch would fail its group). */
  noSavepoints?: boolean;
  /** The body column stored as '{}' (only to measure its size's cost). */
  emptyBody?: boolean;
}

/** audit_daily as a WITHOUT ROWID table: its key is its only B-tree (the rowid table keeps a second). */
const DAILY_WITHOUT_ROWID = [`DROP TABLE audit_daily`, `${AUDIT_DAILY_TABLE} WITHOUT ROWID`];

const VARIANTS: Variant[] = [
  { name: "before" },
  { name: "cache_size 64 MB", pragmas: ["cache_size = -65536"] },
  { name: "mmap_size 1 GB", pragmas: ["mmap_size = 1073741824"] },
  { name: "temp_store memory", pragmas: ["temp_store = MEMORY"] },
  { name: "single-row insert", insert: "single" },
  { name: "counters per group", countersPerGroup: true },
  { name: "no savepoints", noSavepoints: true },
  { name: "no by_type index", schema: ["DROP INDEX audit_events_by_type"] },
  { name: "no downgrades index", schema: ["DROP INDEX audit_events_downgrades"] },
  { name: "body '{}'", emptyBody: true },
  { name: "daily without rowid", schema: DAILY_WITHOUT_ROWID },
  { name: "counters multi-row", countersMultiRow: true },
  { name: "group+multi-row", countersPerGroup: true, countersMultiRow: true },
  { name: "per group + w/o rowid", countersPerGroup: true, schema: DAILY_WITHOUT_ROWID },
];

/** The ones that paid alone, together (`--set combined`). */
const TEMP = ["temp_store = MEMORY"];
const COMBINED: Variant[] = [
  { name: "before" },
  { name: "temp_store memory", pragmas: TEMP },
  { name: "+ counters per group", pragmas: TEMP, countersPerGroup: true },
  // The writer since branch `ingest3` (sqliteWriter.ts).
  { name: "+ single-row insert", pragmas: TEMP, countersPerGroup: true, insert: "single" },
  {
    name: "+ daily w/o rowid",
    pragmas: TEMP,
    countersPerGroup: true,
    insert: "single",
    schema: DAILY_WITHOUT_ROWID,
  },
  {
    name: "+ cache_size 64 MB",
    pragmas: [...TEMP, "cache_size = -65536"],
    countersPerGroup: true,
    insert: "single",
  },
  {
    name: "+ counters multi-row",
    pragmas: TEMP,
    countersPerGroup: true,
    insert: "single",
    countersMultiRow: true,
  },
  { name: "single-row, per group", countersPerGroup: true, insert: "single" },
];

const PHASES = ["begin", "savepoint", "insert", "counters", "release", "commit"] as const;
type Phase = (typeof PHASES)[number];

/** The writer's statements before this bench's findings: multi-row INSERT … RETURNING, 100 rows at most. */
const WIDTH = SQL.insertRow.split("?").length - 1;
const ROW = `(${new Array(WIDTH).fill("?").join(", ")})`;
const INSERT_HEAD = SQL.insertRow.slice(0, SQL.insertRow.indexOf("VALUES") + 6);
const CHUNK = 100;
const multiRowInsert = (n: number) =>
  `${INSERT_HEAD} ${new Array(n).fill(ROW).join(", ")} ON CONFLICT DO NOTHING RETURNING event_id`;

class Loader {
  readonly db: Database.Database;
  private readonly checkpoints: SqliteCheckpoints;
  private readonly inserts = new Map<number, Database.Statement>();
  private readonly single: Database.Statement;
  private readonly counter: Database.Statement;
  readonly time: Record<Phase, bigint> = {
    begin: 0n,
    savepoint: 0n,
    insert: 0n,
    counters: 0n,
    release: 0n,
    commit: 0n,
  };
  cpu = 0;
  events = 0;
  upserts = 0;

  constructor(
    readonly variant: Variant,
    readonly path: string,
  ) {
    this.db = new Database(path, { fileMustExist: true });
    // The writer thread's pragmas (sqliteWriter.ts; journal_mode is the file's).
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma("wal_autocheckpoint = 0");
    for (const p of variant.pragmas ?? []) this.db.pragma(p);
    this.checkpoints = new SqliteCheckpoints(path, 500, () => this.db.pragma("wal_autocheckpoint = 1000"));
    this.single = this.db.prepare(SQL.insertRow);
    this.counter = this.db.prepare(SQL.counter);
  }

  private insert(n: number): Database.Statement {
    let s = this.inserts.get(n);
    if (!s) this.inserts.set(n, (s = this.db.prepare(multiRowInsert(n))));
    return s;
  }

  private readonly multi = new Map<number, Database.Statement>();

  /** SQL.counter with `n` rows of VALUES. */
  private counters(n: number): Database.Statement {
    let s = this.multi.get(n);
    if (!s) {
      const at = SQL.counter.indexOf("ON CONFLICT");
      const [head, tail] = [SQL.counter.slice(0, at).trim(), ` ${SQL.counter.slice(at)}`];
      const values = head.slice(head.indexOf("VALUES") + 6).trim();
      const text = `${head.slice(0, head.indexOf("VALUES") + 6)} ${new Array(n).fill(values).join(", ")}${tail}`;
      this.multi.set(n, (s = this.db.prepare(text)));
    }
    return s;
  }

  private timed<T>(phase: Phase, fn: () => T): T {
    const t = process.hrtime.bigint();
    try {
      return fn();
    } finally {
      this.time[phase] += process.hrtime.bigint() - t;
    }
  }

  /** The writer's `write` (sqliteWriter.ts), or the variant's. Returns the counters to add. */
  private write(w: Write): Map<string, { key: unknown[]; events: number }> {
    const v = this.variant;
    const rows = v.emptyBody ? w.rows.map((r) => r.map((c, i) => (i === 16 ? "{}" : c))) : w.rows;
    const stored = this.timed("insert", () => {
      const ids = new Set<unknown>();
      if (v.insert === "single") {
        for (const r of rows) if (this.single.run(...r).changes > 0) ids.add(r[SQL.idColumn]);
        return ids;
      }
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        for (const r of this.insert(chunk.length).all(...chunk.flat()) as { event_id: string }[])
          ids.add(r.event_id);
      }
      return ids;
    });
    const counts = new Map<string, { key: unknown[]; events: number }>();
    this.timed("counters", () => {
      const byDims = new Map<string, { dims: unknown[]; events: number }>();
      rows.forEach((r, i) => {
        if (!stored.has(r[SQL.idColumn])) return;
        const id = w.dimensions[i].join("\u0000");
        const entry = byDims.get(id);
        if (entry) entry.events++;
        else byDims.set(id, { dims: w.dimensions[i], events: 1 });
      });
      for (const prefix of w.prefixes)
        for (const [id, { dims, events }] of byDims) {
          const key = `${prefix.join("\u0000")}\u0000${id}`;
          const c = counts.get(key);
          if (c) c.events += events;
          else counts.set(key, { key: [...prefix, ...dims], events });
        }
      if (!v.countersPerGroup) this.upsert(counts);
    });
    return counts;
  }

  private upsert(counts: Map<string, { key: unknown[]; events: number }>): void {
    if (this.variant.countersMultiRow) {
      const ordered = [...counts.keys()].sort().map((id) => counts.get(id)!);
      for (let i = 0; i < ordered.length; i += 100) {
        const chunk = ordered.slice(i, i + 100);
        this.counters(chunk.length).run(...chunk.flatMap((c) => [...c.key, c.events]));
        this.upserts += chunk.length;
      }
      return;
    }
    for (const id of [...counts.keys()].sort()) {
      const { key, events } = counts.get(id)!;
      this.counter.run(...key, events);
      this.upserts++;
    }
  }

  transaction(writes: Write[]): void {
    const cpu = process.cpuUsage();
    const v = this.variant;
    this.timed("begin", () => this.db.exec("BEGIN IMMEDIATE"));
    const group = new Map<string, { key: unknown[]; events: number }>();
    for (const w of writes) {
      if (!v.noSavepoints) this.timed("savepoint", () => this.db.exec("SAVEPOINT batch"));
      const counts = this.write(w);
      if (v.countersPerGroup)
        for (const [id, c] of counts) {
          const g = group.get(id);
          if (g) g.events += c.events;
          else group.set(id, { ...c });
        }
      if (!v.noSavepoints) this.timed("release", () => this.db.exec("RELEASE batch"));
      this.events += w.rows.length;
    }
    if (v.countersPerGroup) this.timed("counters", () => this.upsert(group));
    this.timed("commit", () => this.db.exec("COMMIT"));
    const used = process.cpuUsage(cpu);
    this.cpu += used.user + used.system;
  }

  /** µs per event by phase since the last call, and resets the sums. */
  take(): { phases: Record<Phase, number>; total: number; cpu: number; upserts: number } {
    const phases = {} as Record<Phase, number>;
    let total = 0;
    for (const p of PHASES) {
      phases[p] = Number(this.time[p]) / 1000 / this.events;
      total += phases[p];
      this.time[p] = 0n;
    }
    const cpu = this.cpu / this.events;
    const upserts = this.upserts / this.events;
    this.upserts = 0;
    this.cpu = 0;
    this.events = 0;
    return { phases, total, cpu, upserts };
  }

  /** Counters against the raw events: the same figures, whatever the variant. */
  check(): void {
    const raw = this.db.prepare(`SELECT COUNT(*) AS n FROM audit_events WHERE tenant_id = ?`).get(TENANT) as {
      n: number;
    };
    const counted = this.db
      .prepare(`SELECT SUM(events) AS n FROM audit_daily WHERE tenant_id = ? AND group_id = ''`)
      .get(TENANT) as { n: number };
    if (raw.n !== counted.n)
      throw new Error(`${this.variant.name}: ${raw.n} events but ${counted.n} counted`);
  }

  async close(): Promise<void> {
    await this.checkpoints.close();
    this.db.close();
  }
}

const size = (path: string) =>
  [path, `${path}-wal`].reduce((s, f) => s + (existsSync(f) ? statSync(f).size : 0), 0) / 2 ** 20;

async function main(): Promise<void> {
  const total = Number(arg("events", "1000000"));
  const roundSize = Number(arg("round", "100000"));
  const only = arg("only", "");
  const set = arg("set", "one") === "combined" ? COMBINED : VARIANTS;
  const variants = only ? set.filter((_, i) => i === 0 || only.split(",").includes(String(i))) : set;
  console.log(`machine: ${machine()}`);
  const dirs: string[] = [];
  const loaders: Loader[] = [];
  for (const v of variants) {
    const dir = mkdtempSync(join(tmpdir(), "lb-bench-writer-"));
    dirs.push(dir);
    const path = join(dir, "labelbridge.db");
    const store = openSqliteStore({ path });
    await applyMigrations(store.connection, "schema_migrations", MIGRATIONS);
    await store.close();
    const loader = new Loader(v, path);
    for (const s of v.schema ?? []) loader.db.exec(s);
    loaders.push(loader);
  }
  const start = Date.now() - 29 * DAY_MS;
  const r = random(42);
  console.log(`\nwriter µs per event by phase (wall on the writer's thread), rounds of ${roundSize} events`);
  for (let loaded = 0; loaded < total; loaded += roundSize) {
    // The round's transactions, the same for every variant: 10 batches of 100 live events each.
    const groups: Write[][] = [];
    for (let n = 0; n < roundSize; n += 1000) {
      const now = start + Math.floor(((loaded + n) / total) * 29 * DAY_MS);
      groups.push(Array.from({ length: 10 }, () => batch(r, now)));
    }
    // Variant after variant on each transaction, starting one further each time, so all of them
    // meet the same moments of the machine's load.
    groups.forEach((g, n) => {
      for (let k = 0; k < loaders.length; k++) loaders[(n + k) % loaders.length].transaction(g);
    });
    console.log(`\n  ${loaded + roundSize} events each (load ${machine().split("load average ")[1]}):`);
    const base = loaders[0].take();
    const line = (name: string, t: ReturnType<Loader["take"]>, mb: number) =>
      `    ${name.padEnd(22)} cpu ${t.cpu.toFixed(1).padStart(5)} ratio ${(t.cpu / base.cpu).toFixed(2)} (wall ${t.total.toFixed(1).padStart(5)} ratio ${(t.total / base.total).toFixed(2)}) | ${PHASES.map((p) => `${p} ${t.phases[p].toFixed(1)}`).join(", ")} | ${t.upserts.toFixed(2)} upserts/event, ${mb.toFixed(0)} MB`;
    console.log(line(loaders[0].variant.name, base, size(loaders[0].path)));
    for (const l of loaders.slice(1)) console.log(line(l.variant.name, l.take(), size(l.path)));
  }
  for (const l of loaders) l.check();
  for (const l of loaders) await l.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  console.log(`\nmachine after: ${machine()}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
