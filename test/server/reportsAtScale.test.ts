/**
 * Reports at scale (issue 17 item 4): the reports read daily counters kept up as events arrive, and
 * must give the same answers as the raw events — for every filter, both engines, retried batches,
 * events stored before the counters existed (the migration fills them) and after retention. On
 * SQLite the report queries run on a reader thread, so a long one never holds the server.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { AuditEvent } from "../../src/core/audit";
import { auditEventSchema } from "../../src/core/audit";
import { loadConfig } from "../../src/server/config";
import { retentionCutoff } from "../../src/server/retention";
import { AggregateReportQueries } from "../../src/server/storage/aggregateReports";
import { ConsoleReportQueries, type ConsoleReportFilter } from "../../src/server/storage/consoleReports";
import { MIGRATIONS } from "../../src/server/storage/migrations";
import { SqlStore, type Row, type SqlExecutor } from "../../src/server/storage/sql";
import { openSqliteStore } from "../../src/server/storage/sqlite";
import type { TimeRange } from "../../src/server/storage/store";
import { ENGINES, type Engine } from "./support/engines";
import { startTestServer } from "./support/server";

const TENANTS = [randomUUID(), randomUUID()];
const LABELS = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const GROUPS = ["g-sales", "g-legal", "g-pilot", "G-SALES"];
const TYPES = [
  "label-applied",
  "label-changed",
  "label-removed",
  "send-blocked",
  "recommendation-accepted",
  "recommendation-dismissed",
  "unlabeled-document",
  "policy-unavailable",
] as const;
const APPS = ["Outlook", "Word", "Excel"] as const;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Batch {
  tenantId: string;
  author: { userId: string; userName: string; groups: string[] };
  events: AuditEvent[];
}

function generate(seed: number, batches: number, firstDay = "2026-06-01"): Batch[] {
  const r = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)];
  const maybe = <T>(value: T, p = 0.5): T | null => (r() < p ? value : null);
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  const out: Batch[] = [];
  for (let b = 0; b < batches; b++) {
    const groups = GROUPS.filter(() => r() < 0.4);
    if (r() < 0.1 && groups.length > 0) groups.push(groups[0]); // a token listing a group twice
    const author = { userId: randomUUID(), userName: `user${b}@contoso.com`, groups };
    const events: AuditEvent[] = [];
    for (let i = 0, n = 1 + Math.floor(r() * 40); i < n; i++) {
      const type = pick(TYPES);
      const downgrade = (type === "label-changed" || type === "label-removed") && r() < 0.5;
      events.push(
        auditEventSchema.parse({
          id: randomUUID(),
          type,
          // 12 days, some events near midnight so day boundaries are exercised.
          time: new Date(start + Math.floor(r() * 12 * 86_400_000)).toISOString(),
          app: pick(APPS),
          labelId: maybe(pick(LABELS), 0.8),
          oldLabelId: maybe(pick(LABELS), 0.4),
          downgrade,
          justification: downgrade
            ? maybe({ reason: pick(["Other", "Previous label was incorrect"]) }, 0.7)
            : null,
          reason:
            type === "send-blocked"
              ? (maybe(pick(["mandatory-label-missing", "recipient-rule"]), 0.8) ?? undefined)
              : undefined,
        }),
      );
    }
    out.push({ tenantId: pick(TENANTS), author, events });
  }
  return out;
}

const FILTERS: ConsoleReportFilter[] = [
  { labelIds: [], group: null },
  { labelIds: [], group: "g-sales" },
  { labelIds: [], group: "G-SALES" },
  { labelIds: [], group: "g-nobody" },
  { labelIds: [LABELS[0]], group: null },
  { labelIds: [LABELS[1], LABELS[2]], group: "g-legal" },
];

const RANGES: TimeRange[] = [
  { from: "2026-06-01T00:00:00.000Z", to: "2026-06-13T00:00:00.000Z" },
  { from: "2026-06-03T00:00:00.000Z", to: "2026-06-06T00:00:00.000Z" },
  { from: "2026-05-01T00:00:00.000Z", to: "2026-05-02T00:00:00.000Z" },
];

/** Every figure both query sets answer, for every tenant, filter and range. */
async function figures(q: AggregateReportQueries | ConsoleReportQueries): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const tenant of TENANTS)
    for (const range of RANGES) {
      const at = `${tenant.slice(0, 4)} ${range.from.slice(5, 10)}..${range.to.slice(5, 10)}`;
      out[`${at} groups`] = await q.groups(tenant, range);
      out[`${at} blocked per day`] = await q.perDay(tenant, range, "send-blocked", "reason");
      out[`${at} unlabeled per day`] = await q.perDay(tenant, range, "unlabeled-document", "app");
      for (const filter of FILTERS) {
        const f = `${at} ${JSON.stringify(filter)}`;
        out[`${f} daily`] = await q.daily(tenant, range, filter);
        out[`${f} labelMix`] = await q.labelMix(tenant, range, filter);
        out[`${f} downgrade reasons`] = await q.reasonCounts(tenant, range, filter, "downgrade");
        out[`${f} blocked reasons`] = await q.reasonCounts(tenant, range, filter, "send-blocked");
        out[`${f} recommendations`] = await q.recommendations(tenant, range, filter);
        out[`${f} unlabeled`] = await q.unlabeledByApp(tenant, range, filter);
      }
    }
  return out;
}

async function compare(store: SqlStore): Promise<Record<string, unknown>> {
  const raw = await figures(new ConsoleReportQueries(store.executor, store.engine));
  const counted = await figures(store.reports);
  // Name the figures that differ (a diff of the whole set is too large to read, or to compute).
  const differing = Object.keys(raw).filter((k) => JSON.stringify(raw[k]) !== JSON.stringify(counted[k]));
  expect(differing.slice(0, 5).map((k) => ({ [k]: { raw: raw[k], counted: counted[k] } }))).toEqual([]);
  expect(Object.keys(counted).sort()).toEqual(Object.keys(raw).sort());
  return raw;
}

describe.each(ENGINES)("report counters on %s", (_name, factory) => {
  let engine: Engine;

  beforeAll(async () => {
    engine = await factory();
  });
  afterAll(async () => {
    await engine.dispose();
  });

  test("the counters answer every report exactly as the raw events do, retried batches included", async () => {
    const store = engine.open() as SqlStore;
    await store.migrate();
    const batches = generate(17, 120);
    for (const [i, b] of batches.entries()) {
      await store.recordAudit(b.tenantId, b.author, b.events, "2026-06-13T00:00:00.000Z");
      // Every fifth batch is retried (a lost response), some with a repeated id inside the batch.
      if (i % 5 === 0) {
        const retried = await store.recordAudit(
          b.tenantId,
          b.author,
          [...b.events, b.events[0]],
          "2026-06-13T00:00:00.000Z",
        );
        expect(retried.accepted).toBe(0);
      }
    }
    const raw = await compare(store);
    // The figures are not empty: the comparison above compared something.
    const total = (
      raw[`${TENANTS[0].slice(0, 4)} 06-01..06-13 {"labelIds":[],"group":null} daily`] as { count: number }[]
    ).reduce((n, r) => n + r.count, 0);
    expect(total).toBeGreaterThan(500);
    // A range that does not start at midnight is answered from the raw events, the same way.
    const odd = { from: "2026-06-02T12:00:00.000Z", to: "2026-06-04T06:00:00.000Z" };
    const filter = { labelIds: [], group: "g-pilot" };
    expect(await store.reports.daily(TENANTS[0], odd, filter)).toEqual(
      await new ConsoleReportQueries(store.executor, store.engine).daily(TENANTS[0], odd, filter),
    );
    await store.close();
  });

  test("large batches, half of them already stored, are counted exactly once (SQLite chunks, PostgreSQL arrays)", async () => {
    const store = engine.open() as SqlStore;
    await store.migrate();
    const tenantId = TENANTS[1];
    const period = RANGES[0];
    const before = await store.reports.daily(tenantId, period, { labelIds: [], group: null });
    // 500-event batches (the route's maximum): several INSERT chunks on SQLite, hundreds of counters.
    const big = generate(23, 80).reduce<AuditEvent[]>((all, b) => all.concat(b.events), []);
    const author = { userId: randomUUID(), userName: "bulk@contoso.com", groups: ["g-sales", "g-legal"] };
    const first = big.slice(0, 500);
    expect(first.length).toBe(500);
    expect((await store.recordAudit(tenantId, author, first, "2026-06-13T00:00:00.000Z")).accepted).toBe(500);
    // The next batch repeats the last 250 (a retry that overlaps new events) and adds 250 new ones.
    const mixed = [...first.slice(250), ...big.slice(500, 750)];
    const intake = await store.recordAudit(tenantId, author, mixed, "2026-06-13T00:00:00.000Z");
    expect(intake).toEqual({ accepted: 250, duplicates: 250 });
    await compare(store);
    const total = (rows: unknown) =>
      (rows as { type: string; count: number }[])
        .filter((r) => r.type !== "downgrade")
        .reduce((n, r) => n + r.count, 0);
    const everyone = await store.reports.daily(tenantId, period, { labelIds: [], group: null });
    expect(total(everyone) - total(before)).toBe(750);
    await store.close();
  });

  test("retention removes the events and counters before the cutoff, and the answers still agree", async () => {
    const store = engine.open() as SqlStore;
    await store.migrate();
    const range = { from: "2026-01-01T00:00:00.000Z", to: "2027-01-01T00:00:00.000Z" };
    const everyone = { labelIds: [], group: null };
    const before = await store.reports.daily(TENANTS[0], range, everyone);
    // Events spread over three months; the cutoff falls inside the second.
    for (const b of generate(5, 60, "2026-04-25")) {
      const spread = b.events.map((e, i) => ({
        ...e,
        time: new Date(Date.parse(e.time) + (i % 3) * 20 * 86_400_000).toISOString(),
      }));
      await store.recordAudit(b.tenantId, b.author, spread, "2026-07-01T00:00:00.000Z");
    }
    const all = await store.reports.daily(TENANTS[0], range, everyone);
    expect(all.length).toBeGreaterThan(before.length);
    const pruned = await store.pruneAudit("2026-05-20T00:00:00.000Z");
    expect(pruned.events + pruned.partitions.length).toBeGreaterThan(0);
    if (store.engine === "postgres") expect(pruned.partitions).toEqual(["audit_events_p2026_04"]);
    const raw = new ConsoleReportQueries(store.executor, store.engine);
    const left = await raw.daily(TENANTS[0], range, everyone);
    expect(left.every((r) => r.day >= "2026-05-20")).toBe(true);
    expect(left.some((r) => r.day === "2026-05-20")).toBe(true);
    expect(await store.reports.daily(TENANTS[0], range, everyone)).toEqual(left);
    await compare(store);
    // New events in the kept period still land (the partition of the cut month is still there).
    const late = generate(9, 3, "2026-05-21");
    for (const b of late) await store.recordAudit(b.tenantId, b.author, b.events, "2026-07-01T00:00:00.000Z");
    await compare(store);
    await store.close();
  });
});

describe.each(ENGINES)("the scan-result list on %s", (_name, factory) => {
  test("reads its own partial index; an event has one index entry, in time order (migration 7)", async () => {
    const engine = await factory();
    const store = engine.open() as SqlStore;
    await store.migrate();
    const author = { userId: randomUUID(), groups: [] };
    const at = (minute: number) => `2026-06-02T10:${String(minute).padStart(2, "0")}:00.000Z`;
    const scan = (minute: number) =>
      auditEventSchema.parse({ id: randomUUID(), type: "scan-result", time: at(minute), app: "Scanner" });
    const labeled = Array.from({ length: 40 }, (_, i) =>
      auditEventSchema.parse({ id: randomUUID(), type: "label-applied", time: at(i), app: "Word" }),
    );
    const scans = [scan(5), scan(30), scan(17)];
    await store.recordAudit(TENANTS[0], author, [...labeled, ...scans], "2026-06-13T00:00:00.000Z");

    const range = { from: "2026-06-01T00:00:00.000Z", to: "2026-06-03T00:00:00.000Z" };
    const asked: { sql: string; params: unknown[] }[] = [];
    const recording: SqlExecutor = {
      query: <T extends Row>(sql: string, params: unknown[] = []) => {
        asked.push({ sql, params });
        return store.executor.query<T>(sql, params);
      },
      run: (sql: string, params?: unknown[]) => store.executor.run(sql, params),
    };
    const rows = await new ConsoleReportQueries(recording, store.engine).scanResults(TENANTS[0], range, {
      labelIds: [],
      group: null,
    });
    expect(rows.map((r) => r.time)).toEqual([at(30), at(17), at(5)]);
    if (store.engine === "sqlite") {
      // Newest first from each table, merged, so the list stops at its limit instead of reading and
      // sorting every scan result of the period.
      const plan = await store.executor.query(`EXPLAIN QUERY PLAN ${asked[0].sql}`, asked[0].params);
      const steps = plan.map((r) => String(r.detail));
      expect(steps).toContain("MERGE (UNION ALL)");
      expect(steps.some((d) => d.includes("USING INDEX audit_events_scan_results"))).toBe(true);
    }

    const indexes =
      store.engine === "sqlite"
        ? await store.executor.query(
            `SELECT name, sql AS definition FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_events'`,
          )
        : await store.executor.query(
            `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
              WHERE tablename = 'audit_events' AND schemaname = current_schema()`,
          );
    const byName = new Map(indexes.map((r) => [String(r.name), String(r.definition)]));
    expect(byName.get("audit_events_scan_results")).toMatch(/WHERE \(?type = 'scan-result'/);
    // Every event has an entry in one index only, its key in time order (SQLite's since migration 6,
    // PostgreSQL's primary key since 7); the partial indexes hold downgrades and scan results.
    const whole = [...byName.values()].filter((d) => !d.includes(" WHERE "));
    expect(whole.map((d) => /\(([^)]*)\)/.exec(d)?.[1])).toEqual(["tenant_id, occurred_at, event_id"]);
    if (store.engine === "sqlite") {
      const [entries] = await store.executor.query(
        `SELECT SUM(ncell) AS n FROM dbstat WHERE name = 'audit_events_scan_results' AND pagetype = 'leaf'`,
      );
      expect(Number(entries.n)).toBe(3);
    }
    await store.close();
    await engine.dispose();
  });
});

describe.each(ENGINES)("the migration that adds the counters, on %s", (_name, factory) => {
  test("fills them from the events already stored (and on PostgreSQL moves them into monthly partitions)", async () => {
    const engine = await factory();
    const store = engine.open() as SqlStore;
    // A database as the previous version left it: migrations 1 and 2, with events.
    const db = store.executor;
    if (store.engine === "postgres") {
      const [{ path }] = await db.query(`SELECT current_setting('search_path') AS path`);
      await db.run(`CREATE SCHEMA IF NOT EXISTS ${String(path)}`);
    }
    await db.run(
      `CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    for (const m of MIGRATIONS.filter((m) => m.id <= 2)) {
      for (const statement of m.statements) await db.run(statement);
      await db.run(`INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)`, [
        m.id,
        m.name,
        "2026-01-01",
      ]);
    }
    const batches = generate(23, 50);
    for (const b of batches)
      for (const e of b.events)
        await db.run(
          `INSERT INTO audit_events (tenant_id, event_id, user_id, user_name, type, occurred_at, received_at, app,
             label_id, old_label_id, downgrade, action_source, justification_reason, justification_text, item_name,
             reason, body, user_groups)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
          [
            b.tenantId,
            e.id,
            b.author.userId,
            b.author.userName,
            e.type,
            new Date(e.time).toISOString(),
            "2026-06-13T00:00:00.000Z",
            e.app,
            e.labelId,
            e.oldLabelId,
            e.downgrade ? 1 : 0,
            e.actionSource,
            e.justification?.reason ?? null,
            e.justification?.text ?? null,
            null,
            e.reason ?? null,
            JSON.stringify(e),
            b.author.groups.length ? JSON.stringify(b.author.groups) : null,
          ],
        );
    await store.migrate();
    await compare(store);
    if (store.engine === "postgres") {
      const partitions = await db.query(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace
          WHERE p.relname = 'audit_events' AND n.nspname = current_schema() ORDER BY 1`,
      );
      expect(partitions.map((p) => p.name)).toEqual(["audit_events_p2026_06"]);
    }
    await store.close();
    await engine.dispose();
  });
});

describe("SQLite report queries run off the main thread", () => {
  test("the event loop keeps turning while a long report query runs", async () => {
    const [, factory] = ENGINES[0];
    const engine = await factory();
    const store = engine.open() as SqlStore;
    await store.migrate();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    // A query that takes seconds of CPU on whichever thread runs it.
    const started = Date.now();
    const slow = store.reportExecutor.query(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT COUNT(*) AS c FROM n`,
    );
    const [row] = await slow;
    clearInterval(timer);
    expect(Number(row.c)).toBe(3_000_000);
    const elapsed = Date.now() - started;
    // Blocked, the timer would not have fired at all while the query ran.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 10 / 4));
    expect(ticks).toBeGreaterThan(3);
    await store.close();
    await engine.dispose();
  });
});

describe("the retention job", () => {
  test("runs when the server starts: events older than LABELBRIDGE_AUDIT_RETENTION_DAYS are gone", async () => {
    const [, factory] = ENGINES[0];
    const engine = await factory();
    const store = engine.open() as SqlStore;
    await store.migrate();
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    const author = { userId: randomUUID(), groups: ["g1"] };
    const events = [45, 31, 29, 1].map((daysAgo) =>
      auditEventSchema.parse({ id: randomUUID(), type: "label-applied", time: day(daysAgo), app: "Word" }),
    );
    await store.recordAudit(TENANTS[0], author, events, day(0));
    const config = loadConfig({
      HOST: "127.0.0.1",
      PORT: "0",
      LABELBRIDGE_TLS: "off",
      LABELBRIDGE_DATA_DIR: mkdtempSync(join(tmpdir(), "lb-retention-")),
      LOG_LEVEL: "silent",
      LABELBRIDGE_AUDIT_RETENTION_DAYS: "30",
    });
    const server = await startTestServer(config, store);
    await server.app.pruneAudit(); // the sweep started at ready; this waits for it
    const range = {
      from: retentionCutoff(Date.now() - 60 * 86_400_000, 0),
      to: retentionCutoff(Date.now(), -1),
    };
    const left = await new ConsoleReportQueries(store.executor, store.engine).daily(TENANTS[0], range, {
      labelIds: [],
      group: null,
    });
    expect(left.reduce((n, r) => n + r.count, 0)).toBe(2);
    expect(await store.reports.daily(TENANTS[0], range, { labelIds: [], group: "g1" })).toEqual(left);
    await server.close();
    await store.close();
    await engine.dispose();
  });
});

describe("SQLite writes leave the event loop its turn", () => {
  test("a timer set while batches queue runs before the last of them is stored", async () => {
    const [, factory] = ENGINES[0];
    const engine = await factory();
    const store = engine.open() as SqlStore;
    await store.migrate();
    const batches = generate(31, 6);
    let stored = 0;
    const writes = batches.map((b) =>
      store.recordAudit(b.tenantId, b.author, b.events, "2026-06-13T00:00:00.000Z").then(() => stored++),
    );
    // Queued transactions used to follow one another in microtasks: nothing else ran until all were done.
    const seen = await new Promise<number>((resolve) => setImmediate(() => resolve(stored)));
    await Promise.all(writes);
    expect(stored).toBe(6);
    expect(seen).toBeLessThan(6);
    await store.close();
    await engine.dispose();
  });

  test("the WAL is copied into the database file by the checkpoint thread, and the file stays whole", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "labelbridge-wal-")), "test.db");
    const store = openSqliteStore({ path });
    await store.migrate();
    // The server's connection does not checkpoint by itself…
    const [own] = await store.executor.query(`PRAGMA wal_autocheckpoint`);
    expect(Object.values(own)).toEqual([0]);
    for (const b of generate(37, 40))
      await store.recordAudit(b.tenantId, b.author, b.events, "2026-06-13T00:00:00.000Z");
    // …yet the database file comes to hold every page the connection sees (the WAL copied back).
    const pages = async () => {
      const [count] = await store.executor.query(`PRAGMA page_count`);
      const [size] = await store.executor.query(`PRAGMA page_size`);
      return Number(Object.values(count)[0]) * Number(Object.values(size)[0]);
    };
    const expected = await pages();
    expect(expected).toBeGreaterThan(100 * 1024);
    for (let i = 0; i < 50 && statSync(path).size !== expected; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statSync(path).size).toBe(expected);
    const [check] = await store.executor.query(`PRAGMA integrity_check`);
    expect(Object.values(check)).toEqual(["ok"]);
    await store.close();
    rmSync(dirname(path), { recursive: true, force: true });
  });
});
