/**
 * PostgreSQL runs at most `auditWriters` audit transactions at once per instance
 * (src/server/storage/postgres.ts): batches beyond them wait in the instance, not in the database,
 * so the rest of the pool stays free for reports. Every waiting batch is still stored and counted.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Client } from "pg";
import { type AuditEvent, auditEventSchema } from "../../src/core/audit";
import { loadConfig } from "../../src/server/config";
import { openPostgresStore } from "../../src/server/storage/postgres";
import { TEST_DATABASE_URL, postgresEngine } from "./support/engines";

const TENANT = randomUUID();
const RECEIVED = "2026-06-13T00:00:00.000Z";
const events = (n: number): AuditEvent[] =>
  Array.from({ length: n }, () =>
    auditEventSchema.parse({
      id: randomUUID(),
      type: "label-applied",
      time: "2026-06-12T10:00:00.000Z",
      app: "Word",
    }),
  );

/** The store's connections waiting on a lock, by the application name they connect with. */
async function waitingOnLock(monitor: Client, app: string): Promise<number> {
  const [row] = (
    await monitor.query(
      `SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
      [app],
    )
  ).rows;
  return row.n;
}

const pause = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe.each([
  [2, 2],
  [6, 6],
])("auditWriters %i", (writers, expected) => {
  test(`six batches at once while the counters are locked: ${expected} reach the database, all six are stored`, async () => {
    await postgresEngine(); // fails with the URL it tried when PostgreSQL is not reachable
    const schema = `lb_test_${randomBytes(6).toString("hex")}`;
    const app = `lb_writers_${randomBytes(4).toString("hex")}`;
    const store = openPostgresStore({
      connectionString: `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes("?") ? "&" : "?"}application_name=${app}`,
      schema,
      max: 8,
      auditWriters: writers,
    });
    const monitor = new Client({ connectionString: TEST_DATABASE_URL });
    await monitor.connect();
    const locker = new Client({ connectionString: TEST_DATABASE_URL });
    await locker.connect();
    try {
      await store.migrate();
      // One batch first, so the day's partition exists before the lock is taken.
      await store.recordAudit(TENANT, { userId: "u" }, events(1), RECEIVED);
      await locker.query("BEGIN");
      await locker.query(`LOCK TABLE ${schema}.audit_daily IN EXCLUSIVE MODE`);
      const author = { userId: randomUUID() };
      const batches = Array.from({ length: 6 }, () =>
        store.recordAudit(TENANT, author, events(10), RECEIVED),
      );
      // Wait until the waiting stops growing: every batch let through has reached the lock.
      let seen = 0;
      for (let i = 0; i < 100; i++) {
        await pause(50);
        const now = await waitingOnLock(monitor, app);
        if (now === seen && now >= expected) break;
        seen = now;
      }
      await pause(300);
      expect(await waitingOnLock(monitor, app)).toBe(expected);
      await locker.query("COMMIT");
      expect(await Promise.all(batches)).toEqual(Array(6).fill({ accepted: 10, duplicates: 0 }));
      const [total] = await store.executor.query(
        `SELECT SUM(events)::int AS n FROM audit_daily WHERE tenant_id = $1 AND group_id = ''`,
        [TENANT],
      );
      expect(total.n).toBe(61);
    } finally {
      await locker.end().catch(() => undefined);
      await store.close();
      await monitor.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await monitor.end();
    }
  });
});

test("LABELBRIDGE_AUDIT_WRITERS: unset leaves the store's default; out of range says what and where", () => {
  expect(loadConfig({}).auditWriters).toBeUndefined();
  expect(loadConfig({ LABELBRIDGE_AUDIT_WRITERS: "3" }).auditWriters).toBe(3);
  expect(() => loadConfig({ LABELBRIDGE_AUDIT_WRITERS: "0" })).toThrow(
    "LABELBRIDGE_AUDIT_WRITERS=0: must be a whole number from 1 to 100",
  );
});
