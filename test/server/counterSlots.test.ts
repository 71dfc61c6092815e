/**
 * Audit counters split over slots (migration 7, src/server/storage/counterSlots.ts): on PostgreSQL a
 * batch no longer waits for another transaction's COMMIT to add to today's counters, the reports
 * still sum to the raw events whatever the slots, and a database counted before the split keeps
 * its figures.
 */
import { randomUUID } from "node:crypto";
import type { AuditEvent } from "../../src/core/audit";
import { auditEventSchema } from "../../src/core/audit";
import { CounterSlots } from "../../src/server/storage/counterSlots";
import { ConsoleReportQueries } from "../../src/server/storage/consoleReports";
import { MIGRATIONS } from "../../src/server/storage/migrations";
import { SqlStore, applyMigrations, type SqlConnection } from "../../src/server/storage/sql";
import { ENGINES, postgresEngine } from "./support/engines";

const TENANT = randomUUID();
const RECEIVED = "2026-06-13T00:00:00.000Z";
const RANGE = { from: "2026-06-01T00:00:00.000Z", to: "2026-06-13T00:00:00.000Z" };
const EVERYONE = { labelIds: [], group: null };

/** Events of one day with few distinct counter keys, as live batches are: every batch hits the same rows. */
function events(n: number, day = "2026-06-12"): AuditEvent[] {
  return Array.from({ length: n }, (_, i) =>
    auditEventSchema.parse({
      id: randomUUID(),
      type: i % 3 === 0 ? "label-removed" : "label-applied",
      time: `${day}T10:00:${String(i % 60).padStart(2, "0")}.000Z`,
      app: i % 2 === 0 ? "Word" : "Outlook",
      downgrade: i % 3 === 0,
    }),
  );
}

const author = (groups: string[]) => ({ userId: randomUUID(), userName: "a@contoso.com", groups });

/** The console's figures from the counters and from the raw events. */
async function bothWays(store: SqlStore) {
  const raw = new ConsoleReportQueries(store.executor, store.engine);
  const ask = (q: ConsoleReportQueries | SqlStore["reports"], group: string | null) =>
    Promise.all([
      q.daily(TENANT, RANGE, { labelIds: [], group }),
      q.labelMix(TENANT, RANGE, { labelIds: [], group }),
      q.reasonCounts(TENANT, RANGE, EVERYONE, "downgrade"),
      q.unlabeledByApp(TENANT, RANGE, EVERYONE),
      q.groups(TENANT, RANGE),
    ]);
  return {
    counted: [await ask(store.reports, null), await ask(store.reports, "g1")],
    raw: [await ask(raw, null), await ask(raw, "g1")],
  };
}

test("slots: the lowest free one is taken, and given back", () => {
  const slots = new CounterSlots();
  expect([slots.take(), slots.take(), slots.take()]).toEqual([0, 1, 2]);
  slots.give(1);
  expect(slots.take()).toBe(1);
  slots.give(0);
  slots.give(2);
  expect([slots.take(), slots.take(), slots.take()]).toEqual([0, 2, 3]);
});

describe("PostgreSQL: concurrent batches do not wait on each other's counters", () => {
  test("a batch is stored and counted while another transaction with the same counters is still open", async () => {
    const engine = await postgresEngine();
    const inner = (engine.open() as SqlStore).connection;
    // The first transaction to reach its COMMIT holds it until the test lets it go; any lock wait
    // fails at once instead of waiting for it (which would never come: the test waits for batch 2).
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    let reachedCommit!: () => void;
    const firstAtCommit = new Promise<void>((ok) => (reachedCommit = ok));
    let gate = false;
    let transactions = 0;
    const gated: SqlConnection = {
      engine: inner.engine,
      query: (sql, params) => inner.query(sql, params),
      run: (sql, params) => inner.run(sql, params),
      lockForMigration: (tx) => inner.lockForMigration(tx),
      close: () => inner.close(),
      transaction: (fn) =>
        inner.transaction(async (tx, abort) => {
          const first = gate && ++transactions === 1;
          await tx.run(`SET LOCAL lock_timeout = '1s'`);
          const result = await fn(tx, abort);
          if (first) {
            reachedCommit();
            await held;
          }
          return result;
        }),
    };
    const store = new SqlStore(gated);
    // Ungated: the migration's and the month partition's transactions hold locks every schema takes.
    await store.migrate();
    await store.recordAudit(TENANT, author(["g1"]), events(10), RECEIVED);
    gate = true;
    // Same tenant, same groups, same day and dimensions: the same counter keys.
    const first = store.recordAudit(TENANT, author(["g1"]), events(30), RECEIVED);
    try {
      await firstAtCommit;
      await expect(store.recordAudit(TENANT, author(["g1"]), events(30), RECEIVED)).resolves.toEqual({
        accepted: 30,
        duplicates: 0,
      });
    } finally {
      release();
    }
    await expect(first).resolves.toEqual({ accepted: 30, duplicates: 0 });
    const { counted, raw } = await bothWays(store);
    expect(counted).toEqual(raw);
    const slots = await store.executor.query(`SELECT DISTINCT slot FROM audit_daily ORDER BY slot`);
    expect(slots.map((r) => Number(r.slot))).toEqual([0, 1]);
    await store.close();
    await engine.dispose();
  });
});

describe.each(ENGINES)("counters split over slots, on %s", (_name, factory) => {
  test("many batches at once: every report equals the raw events, every key summed over its slots", async () => {
    const engine = await factory();
    const store = engine.open() as SqlStore;
    await store.migrate();
    const intakes = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        store.recordAudit(TENANT, author(i % 2 ? ["g1", "g2"] : ["g1"]), events(40), RECEIVED),
      ),
    );
    expect(intakes.every((x) => x.accepted === 40 && x.duplicates === 0)).toBe(true);
    const { counted, raw } = await bothWays(store);
    expect(counted).toEqual(raw);
    const [{ n, counted: total }] = await store.executor.query(
      `SELECT (SELECT COUNT(*) FROM audit_events) AS n,
              (SELECT SUM(events) FROM audit_daily WHERE group_id = '') AS counted`,
    );
    expect([Number(n), Number(total)]).toEqual([960, 960]);
    // SQLite's one writer keeps slot 0; PostgreSQL's overlapping transactions used more than one.
    const slots = await store.executor.query(`SELECT COUNT(DISTINCT slot) AS n FROM audit_daily`);
    if (store.engine === "sqlite") expect(Number(slots[0].n)).toBe(1);
    else expect(Number(slots[0].n)).toBeGreaterThan(1);
    await store.close();
    await engine.dispose();
  });

  test("a database counted before the split keeps its counters, in slot 0, and counts on", async () => {
    const engine = await factory();
    let store = engine.open() as SqlStore;
    if (store.engine === "postgres") {
      const [{ path }] = await store.executor.query(`SELECT current_setting('search_path') AS path`);
      await store.executor.run(`CREATE SCHEMA IF NOT EXISTS ${String(path)}`);
    }
    await applyMigrations(
      store.connection,
      "schema_migrations",
      MIGRATIONS.filter((m) => m.id <= 6),
    );
    // Counters as the previous version wrote them (no slot column yet), including a batch's groups.
    await store.connection.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO audit_daily (tenant_id, group_id, day, type, label_id, old_label_id, downgrade,
           justification_reason, reason, app, events)
         VALUES ($1, '', '2026-06-12', 'label-applied', '', '', 0, '', '', 'Word', 7),
                ($1, 'g1', '2026-06-12', 'label-applied', '', '', 0, '', '', 'Word', 5)`,
        [TENANT],
      );
    });
    await store.close();

    store = engine.open() as SqlStore;
    await store.migrate();
    const rows = await store.executor.query(
      `SELECT tenant_id, group_id, day, type, app, events, slot FROM audit_daily ORDER BY group_id`,
    );
    expect(rows.map((r) => ({ ...r, events: Number(r.events), slot: Number(r.slot) }))).toEqual([
      {
        tenant_id: TENANT,
        group_id: "",
        day: "2026-06-12",
        type: "label-applied",
        app: "Word",
        events: 7,
        slot: 0,
      },
      {
        tenant_id: TENANT,
        group_id: "g1",
        day: "2026-06-12",
        type: "label-applied",
        app: "Word",
        events: 5,
        slot: 0,
      },
    ]);
    // New events of the same key add to it (or to a slot beside it), and the reports sum both.
    const batch = events(2).map((e) => ({
      ...e,
      type: "label-applied" as const,
      downgrade: false,
      app: "Word" as const,
    }));
    await store.recordAudit(TENANT, author(["g1"]), batch, RECEIVED);
    const daily = await store.reports.daily(TENANT, RANGE, EVERYONE);
    expect(daily).toEqual([{ day: "2026-06-12", type: "label-applied", count: 9 }]);
    const g1 = await store.reports.daily(TENANT, RANGE, { labelIds: [], group: "g1" });
    expect(g1).toEqual([{ day: "2026-06-12", type: "label-applied", count: 7 }]);
    await store.close();
    await engine.dispose();
  });
});
