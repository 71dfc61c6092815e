/**
 * Audit batches on PostgreSQL, written in groups (src/server/storage/postgresAuditWriter.ts): batches
 * that arrive while an instance's audit transactions run are stored by one transaction, each request
 * still answered with its own figures, the counters still equal to the raw events, and a batch
 * PostgreSQL refuses failing alone.
 */
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { auditEventSchema, type AuditEvent } from "../../src/core/audit";
import { ConsoleReportQueries } from "../../src/server/storage/consoleReports";
import { TRANSACTIONS_AT_ONCE } from "../../src/server/storage/postgresAuditWriter";
import type { SqlStore } from "../../src/server/storage/sql";
import type { AuditIntake } from "../../src/server/storage/store";
import { TEST_DATABASE_URL, postgresEngine, type Engine } from "./support/engines";

const TENANTS = [randomUUID(), randomUUID()];
const DAY = "2026-06-02";
const PERIOD = { from: "2026-06-01T00:00:00.000Z", to: "2026-06-05T00:00:00.000Z" };
const RECEIVED = "2026-06-04T00:00:00.000Z";

const author = (groups: string[]) => ({ userId: randomUUID(), userName: "writer@contoso.com", groups });

function events(n: number, extra: Partial<AuditEvent> = {}): AuditEvent[] {
  return Array.from({ length: n }, (_, i) =>
    auditEventSchema.parse({
      id: randomUUID(),
      type: i % 3 === 0 ? "label-changed" : "label-applied",
      time: `${DAY}T${String(8 + (i % 10)).padStart(2, "0")}:00:00.000Z`,
      app: i % 2 === 0 ? "Outlook" : "Word",
      labelId: randomUUID(),
      downgrade: false,
      ...extra,
    }),
  );
}

/** Runs `fn` while another connection holds audit_daily: every audit transaction waits at its counters. */
async function withCountersHeld(
  store: SqlStore,
  fn: (waiting: (n: number) => Promise<void>) => Promise<void>,
) {
  const [{ schema }] = await store.executor.query<{ schema: string }>(`SELECT current_schema() AS schema`);
  const holder = new Client({ connectionString: TEST_DATABASE_URL });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query(`LOCK TABLE ${schema}.audit_daily IN EXCLUSIVE MODE`);
  /** Resolves once `n` transactions wait for the lock. */
  const waiting = async (n: number) => {
    for (;;) {
      const { rows } = await holder.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE relation = $1::regclass AND NOT granted`,
        [`${schema}.audit_daily`],
      );
      if (rows[0].n >= n) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  try {
    await fn(waiting);
  } finally {
    await holder.query("COMMIT");
    await holder.end();
  }
}

/** The transaction ids that wrote the tenant's events with these ids. */
async function writers(store: SqlStore, tenantId: string, list: AuditEvent[]): Promise<string[]> {
  const rows = await store.executor.query<{ x: string }>(
    `SELECT DISTINCT xmin::text AS x FROM audit_events WHERE tenant_id = $1 AND event_id = ANY($2)`,
    [tenantId, list.map((e) => e.id)],
  );
  return rows.map((r) => r.x);
}

async function expectCountersMatchEvents(store: SqlStore, tenantId: string, group: string | null) {
  const filter = { labelIds: [], group };
  const raw = new ConsoleReportQueries(store.executor, store.engine);
  expect(await store.reports.daily(tenantId, PERIOD, filter)).toEqual(
    await raw.daily(tenantId, PERIOD, filter),
  );
  expect(await store.reports.labelMix(tenantId, PERIOD, filter)).toEqual(
    await raw.labelMix(tenantId, PERIOD, filter),
  );
}

describe("audit batches on PostgreSQL", () => {
  let engine: Engine;
  let store: SqlStore;

  beforeAll(async () => {
    engine = await postgresEngine();
    store = engine.open() as SqlStore;
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await engine.dispose();
  });

  test("batches that queue while the instance's audit transactions run are stored by one transaction", async () => {
    const running = Array.from({ length: TRANSACTIONS_AT_ONCE }, () => events(5));
    const shared = events(1)[0];
    const queued = [
      { tenantId: TENANTS[0], author: author(["g-sales"]), events: events(30) },
      { tenantId: TENANTS[0], author: author(["g-legal"]), events: [...events(20), shared] },
      // The same event in a second request of the group: stored once, counted for the first.
      { tenantId: TENANTS[0], author: author(["g-sales", "g-legal"]), events: [shared, ...events(10)] },
      { tenantId: TENANTS[1], author: author([]), events: events(7) },
    ];
    let answering: Promise<AuditIntake>[] = [];
    await withCountersHeld(store, async (waiting) => {
      const first = running.map((list) => store.recordAudit(TENANTS[0], author([]), list, RECEIVED));
      await waiting(TRANSACTIONS_AT_ONCE);
      const rest = queued.map((b) => store.recordAudit(b.tenantId, b.author, b.events, RECEIVED));
      answering = [...first, ...rest];
      // Every request reaches the writer's queue before the counters are released.
      await new Promise((r) => setTimeout(r, 300));
    });
    const answers = await Promise.all(answering);
    expect(answers.slice(TRANSACTIONS_AT_ONCE)).toEqual([
      { accepted: 30, duplicates: 0 },
      { accepted: 21, duplicates: 0 },
      { accepted: 10, duplicates: 1 },
      { accepted: 7, duplicates: 0 },
    ]);
    const groupOfTenant0 = queued.slice(0, 3).flatMap((b) => b.events);
    const groupWriters = [
      ...(await writers(store, TENANTS[0], groupOfTenant0)),
      ...(await writers(store, TENANTS[1], queued[3].events)),
    ];
    expect(new Set(groupWriters).size).toBe(1);
    for (const list of running) {
      const own = await writers(store, TENANTS[0], list);
      expect(own).toHaveLength(1);
      expect(own).not.toEqual([groupWriters[0]]);
    }
    for (const group of [null, "g-sales", "g-legal"])
      await expectCountersMatchEvents(store, TENANTS[0], group);
    await expectCountersMatchEvents(store, TENANTS[1], null);
    const [{ n }] = await store.executor.query<{ n: string }>(
      `SELECT SUM(events) AS n FROM audit_daily WHERE tenant_id = $1 AND group_id = ''`,
      [TENANTS[0]],
    );
    expect(Number(n)).toBe(5 * TRANSACTIONS_AT_ONCE + 30 + 21 + 10);
  });

  test("a batch PostgreSQL refuses fails alone; the others of its group are stored and counted", async () => {
    const tenantId = randomUUID();
    // PostgreSQL's text holds no NUL character: the whole group's INSERT fails on this batch.
    const refused = events(3, { itemName: "Q3 plan\u0000.docx" });
    const good = [events(12), events(8)];
    let settling: Promise<PromiseSettledResult<AuditIntake>[]> = Promise.resolve([]);
    await withCountersHeld(store, async (waiting) => {
      const first = Array.from({ length: TRANSACTIONS_AT_ONCE }, () =>
        store.recordAudit(tenantId, author([]), events(2), RECEIVED),
      );
      await waiting(TRANSACTIONS_AT_ONCE);
      const group = [good[0], refused, good[1]].map((list) =>
        store.recordAudit(tenantId, author(["g-sales"]), list, RECEIVED),
      );
      settling = Promise.allSettled([...first, ...group]);
      await new Promise((r) => setTimeout(r, 300));
    });
    const outcomes = await settling;
    const [ok1, bad, ok2] = outcomes.slice(TRANSACTIONS_AT_ONCE);
    for (const o of outcomes.slice(0, TRANSACTIONS_AT_ONCE)) expect(o.status).toBe("fulfilled");
    expect(ok1).toEqual({ status: "fulfilled", value: { accepted: 12, duplicates: 0 } });
    expect(ok2).toEqual({ status: "fulfilled", value: { accepted: 8, duplicates: 0 } });
    expect(bad.status).toBe("rejected");
    expect(String((bad as PromiseRejectedResult).reason)).toMatch(/0x00/);
    expect(await writers(store, tenantId, refused)).toEqual([]);
    await expectCountersMatchEvents(store, tenantId, null);
    await expectCountersMatchEvents(store, tenantId, "g-sales");
    const [{ n }] = await store.executor.query<{ n: string }>(
      `SELECT SUM(events) AS n FROM audit_daily WHERE tenant_id = $1 AND group_id = ''`,
      [tenantId],
    );
    expect(Number(n)).toBe(2 * TRANSACTIONS_AT_ONCE + 20);
  });

  test("two instances sending the same events at once store and count each once", async () => {
    const tenantId = randomUUID();
    const other = engine.open() as SqlStore; // a second instance on the same database
    try {
      const batches = Array.from({ length: 12 }, (_, i) => ({
        author: author(i % 2 ? ["g-sales"] : []),
        list: events(40),
      }));
      // Every batch goes to both instances at once, as a client retrying against another instance.
      const answers = await Promise.all(
        batches.flatMap((b) =>
          [store, other].map((s) => s.recordAudit(tenantId, b.author, b.list, RECEIVED)),
        ),
      );
      expect(answers.reduce((n, a) => n + a.accepted, 0)).toBe(12 * 40);
      expect(answers.reduce((n, a) => n + a.duplicates, 0)).toBe(12 * 40);
      await expectCountersMatchEvents(store, tenantId, null);
      await expectCountersMatchEvents(store, tenantId, "g-sales");
      const [{ n }] = await store.executor.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM audit_events WHERE tenant_id = $1`,
        [tenantId],
      );
      expect(Number(n)).toBe(12 * 40);
    } finally {
      await other.close();
    }
  });
});
