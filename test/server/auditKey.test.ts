/**
 * SQLite keys audit events by (tenant, time, id) (migration 6, src/server/storage/migrations.ts):
 * a database made before is upgraded with every event and counter kept, and a re-uploaded event is
 * still stored and counted once.
 */
import { randomUUID } from "node:crypto";
import type { AuditEvent } from "../../src/core/audit";
import { auditEventSchema } from "../../src/core/audit";
import { MIGRATIONS } from "../../src/server/storage/migrations";
import { applyMigrations, type SqlStore } from "../../src/server/storage/sql";
import { sqliteEngine } from "./support/engines";

const TENANTS = [randomUUID(), randomUUID()];
const RECEIVED = "2026-06-13T00:00:00.000Z";

function events(n: number): AuditEvent[] {
  return Array.from({ length: n }, (_, i) =>
    auditEventSchema.parse({
      id: randomUUID(),
      type: i % 4 === 0 ? "label-removed" : "label-applied",
      time: `2026-06-${String(1 + (i % 9)).padStart(2, "0")}T10:00:00.000Z`,
      app: "Word",
      downgrade: i % 4 === 0,
    }),
  );
}

test("a database keyed by (tenant, id) is upgraded: events and counters kept, re-uploads still counted once", async () => {
  const engine = await sqliteEngine();
  let store = engine.open() as SqlStore;
  // As the previous version left it: migrations 1–5, with events of two tenants.
  await applyMigrations(
    store.connection,
    "schema_migrations",
    MIGRATIONS.filter((m) => m.id <= 5),
  );
  const author = { userId: randomUUID(), groups: ["g1"] };
  const batches = [events(120), events(80)];
  for (const [i, b] of batches.entries())
    expect(await store.recordAudit(TENANTS[i], author, b, RECEIVED)).toEqual({
      accepted: b.length,
      duplicates: 0,
    });
  const before = {
    events: await store.executor.query(`SELECT * FROM audit_events ORDER BY tenant_id, event_id`),
    counters: await store.executor.query(
      `SELECT * FROM audit_daily ORDER BY ${"tenant_id, group_id, day, type"}, events`,
    ),
  };
  await store.close();

  store = engine.open() as SqlStore;
  await store.migrate();
  const key = await store.executor.query(
    `SELECT name FROM pragma_index_info('audit_events_by_time') ORDER BY seqno`,
  );
  expect(key.map((r) => r.name)).toEqual(["tenant_id", "occurred_at", "event_id"]);
  const [unique] = await store.executor.query(
    `SELECT "unique" AS u FROM pragma_index_list('audit_events') WHERE name = 'audit_events_by_time'`,
  );
  expect(Number(unique.u)).toBe(1);
  expect(await store.executor.query(`SELECT * FROM audit_events ORDER BY tenant_id, event_id`)).toEqual(
    before.events,
  );
  expect(
    await store.executor.query(
      `SELECT * FROM audit_daily ORDER BY ${"tenant_id, group_id, day, type"}, events`,
    ),
  ).toEqual(before.counters);
  // Both indexes the reports name or rely on are back.
  const indexes = await store.executor.query(
    `SELECT name FROM pragma_index_list('audit_events') ORDER BY name`,
  );
  expect(indexes.map((r) => r.name)).toEqual([
    "audit_events_by_time",
    "audit_events_downgrades",
    "audit_events_scan_results",
  ]);

  // A retried batch (same ids, same times) adds nothing; a new event of the same batch is stored.
  const retry = [...batches[0].slice(0, 50), ...events(3)];
  expect(await store.recordAudit(TENANTS[0], author, retry, RECEIVED)).toEqual({
    accepted: 3,
    duplicates: 50,
  });
  const [total] = await store.executor.query(
    `SELECT COUNT(*) AS n, (SELECT SUM(events) FROM audit_daily WHERE group_id = '') AS counted FROM audit_events`,
  );
  expect([Number(total.n), Number(total.counted)]).toEqual([203, 203]);
  const [check] = await store.executor.query(`PRAGMA integrity_check`);
  expect(Object.values(check)).toEqual(["ok"]);
  await store.close();
  await engine.dispose();
});
