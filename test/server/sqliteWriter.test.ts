/**
 * SQLite's audit writer thread (src/server/storage/sqliteWriter.ts): batches are written off the
 * event loop, batches that queue together share one transaction, and each request still gets its
 * own answer — a failing batch fails alone, acknowledged events are stored, counted once.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AuditEvent } from "../../src/core/audit";
import { auditEventSchema } from "../../src/core/audit";
import type { SqlStore } from "../../src/server/storage/sql";
import { ConsoleReportQueries } from "../../src/server/storage/consoleReports";
import { openSqliteStore } from "../../src/server/storage/sqlite";
import { AUDIT_DAILY_KEY, dailyCounts } from "../../src/server/storage/auditDaily";
import { sqliteEngine, type Engine } from "./support/engines";

const TENANT = randomUUID();
const RECEIVED = "2026-06-13T00:00:00.000Z";
const author = (groups: string[] = []) => ({ userId: randomUUID(), userName: "u@contoso.com", groups });

function events(n: number, day = "2026-06-10"): AuditEvent[] {
  return Array.from({ length: n }, (_, i) =>
    auditEventSchema.parse({
      id: randomUUID(),
      type: i % 3 === 0 ? "label-changed" : "label-applied",
      time: `${day}T${String(i % 24).padStart(2, "0")}:00:00.000Z`,
      app: i % 2 === 0 ? "Word" : "Outlook",
      labelId: randomUUID(),
      downgrade: i % 3 === 0,
    }),
  );
}

let engine: Engine;
let store: SqlStore;

beforeEach(async () => {
  engine = await sqliteEngine();
  store = engine.open() as SqlStore;
  await store.migrate();
});

afterEach(async () => {
  await store.close();
  await engine.dispose();
});

/** Events stored, in audit_events or in the inbox the writer has not moved yet. */
async function storedCount(table?: "audit_events" | "audit_inbox"): Promise<number> {
  const tables = table ? [table] : ["audit_events", "audit_inbox"];
  let n = 0;
  for (const t of tables) {
    const [row] = await store.executor.query(`SELECT COUNT(*) AS n FROM ${t} WHERE tenant_id = $1`, [TENANT]);
    n += Number(row.n);
  }
  return n;
}

async function countedEveryone(): Promise<number> {
  const [row] = await store.executor.query(
    `SELECT COALESCE(SUM(events), 0) AS n FROM audit_daily WHERE tenant_id = $1 AND group_id = ''`,
    [TENANT],
  );
  return Number(row.n);
}

test("the event loop turns while a batch is being written", async () => {
  let stored = false;
  const write = store.recordAudit(TENANT, author(["g1", "g2"]), events(500), RECEIVED).then((r) => {
    stored = true;
    return r;
  });
  // Written on the event loop, the whole batch was stored before any callback like this one ran.
  const storedWhenTheLoopTurned = await new Promise<boolean>((resolve) =>
    setImmediate(() => resolve(stored)),
  );
  expect(storedWhenTheLoopTurned).toBe(false);
  expect(await write).toEqual({ accepted: 500, duplicates: 0 });
});

test("batches written together each get their own counts; an id sent twice is stored and counted once", async () => {
  const shared = events(30);
  const batches = [
    shared,
    [...shared.slice(0, 10), ...events(5)],
    events(40),
    shared,
    [shared[0], shared[0]],
  ];
  const results = await Promise.all(batches.map((b) => store.recordAudit(TENANT, author(), b, RECEIVED)));
  // In the order they were sent: the first to arrive stores the shared events, the rest see duplicates.
  expect(results).toEqual([
    { accepted: 30, duplicates: 0 },
    { accepted: 5, duplicates: 10 },
    { accepted: 40, duplicates: 0 },
    { accepted: 0, duplicates: 30 },
    { accepted: 0, duplicates: 2 },
  ]);
  expect(await storedCount()).toBe(75);
  expect(await countedEveryone()).toBe(75);
});

test("a batch that cannot be stored fails alone, whole, and says why; the others queued with it are stored", async () => {
  const bad = events(20);
  // Past validation by construction: the column is NOT NULL, so the INSERT fails in the writer.
  (bad[7] as { app: unknown }).app = null;
  const good = [events(10), events(15)];
  const [first, failed, last] = await Promise.allSettled([
    store.recordAudit(TENANT, author(), good[0], RECEIVED),
    store.recordAudit(TENANT, author(["g1"]), bad, RECEIVED),
    store.recordAudit(TENANT, author(), good[1], RECEIVED),
  ]);
  expect(first).toEqual({ status: "fulfilled", value: { accepted: 10, duplicates: 0 } });
  expect(last).toEqual({ status: "fulfilled", value: { accepted: 15, duplicates: 0 } });
  expect(failed.status).toBe("rejected");
  expect(String((failed as PromiseRejectedResult).reason)).toMatch(
    /the audit batch was not stored: NOT NULL constraint failed: audit_(events|inbox)\.app/,
  );
  // None of the failed batch's events, nor its counters, were kept.
  expect(await storedCount()).toBe(25);
  expect(await countedEveryone()).toBe(25);
  const [groupRows] = await store.executor.query(
    `SELECT COUNT(*) AS n FROM audit_daily WHERE group_id = 'g1'`,
  );
  expect(Number(groupRows.n)).toBe(0);
  // Sent again once fixed, it is stored.
  (bad[7] as { app: unknown }).app = "Word";
  expect(await store.recordAudit(TENANT, author(), bad, RECEIVED)).toEqual({ accepted: 20, duplicates: 0 });
});

test("the connection's own writes take turns with the writer thread: none fails while batches queue", async () => {
  const at = new Date().toISOString();
  const document = { labels: [] } as never;
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < 10; i++) {
    writes.push(store.recordAudit(TENANT, author(), events(50, `2026-05-0${3 + (i % 7)}`), RECEIVED));
    if (i === 3)
      writes.push(
        store.writePolicy(randomUUID(), {
          expectedVersion: null,
          document,
          actor: { id: "a", name: null },
          kind: "import",
          at,
        }),
      );
    if (i === 6) writes.push(store.pruneAudit("2026-05-03T00:00:00.000Z"));
  }
  const settled = await Promise.allSettled(writes);
  expect(settled.filter((s) => s.status === "rejected")).toEqual([]);
  // The retention run removes nothing here (every event is on or after its day): all are kept, counted once.
  expect(await storedCount()).toBe(500);
  expect(await countedEveryone()).toBe(500);
});

test("closing the store waits for the batches queued; reopened, every acknowledged event is there", async () => {
  const writes = Array.from({ length: 8 }, () => store.recordAudit(TENANT, author(), events(100), RECEIVED));
  const closing = store.close();
  const results = await Promise.all(writes);
  await closing;
  expect(results.every((r) => r.accepted === 100)).toBe(true);
  store = engine.open() as SqlStore;
  expect(await storedCount()).toBe(800);
  expect(await countedEveryone()).toBe(800);
});

test("a batch holding a value the writer thread cannot be sent fails alone; the others sent with it are stored", async () => {
  const odd = events(5);
  (odd[2] as { app: unknown }).app = Symbol("not a string");
  const [first, failed, last] = await Promise.allSettled([
    store.recordAudit(TENANT, author(), events(10), RECEIVED),
    store.recordAudit(TENANT, author(), odd, RECEIVED),
    store.recordAudit(TENANT, author(), events(7), RECEIVED),
  ]);
  expect(first).toEqual({ status: "fulfilled", value: { accepted: 10, duplicates: 0 } });
  expect(last).toEqual({ status: "fulfilled", value: { accepted: 7, duplicates: 0 } });
  expect(String((failed as PromiseRejectedResult).reason)).toMatch(
    /the audit batch was not stored: .*Symbol/,
  );
  expect(await storedCount()).toBe(17);
});

test("batches written together that share counter keys: each counter holds the sum of their stored events, a failed batch's none", async () => {
  // One day, one label, two apps, two types: the batches' keys overlap under everyone and under g1.
  const same = () =>
    events(24, "2026-06-11").map((e, i) => ({
      ...e,
      labelId: "L1",
      time: `2026-06-11T0${i % 4}:00:00.000Z`,
    }));
  const bad = same();
  (bad[3] as { app: unknown }).app = null;
  const sent = [
    { who: author(["g1"]), batch: same() },
    { who: author(["g1", "g2"]), batch: same() },
    { who: author(["g1"]), batch: bad },
    { who: author([]), batch: same() },
  ];
  const settled = await Promise.allSettled(
    sent.map((s) => store.recordAudit(TENANT, s.who, s.batch, RECEIVED)),
  );
  expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
  const expected = new Map<string, number>();
  for (const s of sent.filter((_, i) => i !== 2))
    for (const c of dailyCounts(TENANT, s.who.groups, s.batch)) {
      const key = c.key.map(String).join("|");
      expected.set(key, (expected.get(key) ?? 0) + c.events);
    }
  const rows = await store.executor.query(
    `SELECT ${AUDIT_DAILY_KEY.join(", ")}, events FROM audit_daily WHERE tenant_id = $1`,
    [TENANT],
  );
  const stored = new Map(
    rows.map((r) => [AUDIT_DAILY_KEY.map((k) => String(r[k])).join("|"), Number(r.events)] as const),
  );
  expect(stored).toEqual(expected);
  expect([...stored.values()].some((n) => n > 1)).toBe(true);
});

describe("the inbox of busy moments (audit_inbox)", () => {
  const RANGE = { from: "2026-06-01T00:00:00.000Z", to: "2026-06-13T00:00:00.000Z" };
  const EVERYONE = { labelIds: [], group: null };

  test("batches written together go to the inbox; reports read them there; closing moves them into audit_events", async () => {
    const batches = [events(40), events(30, "2026-06-09"), events(50, "2026-06-11")];
    const results = await Promise.all(
      batches.map((b) => store.recordAudit(TENANT, author(["g1"]), b, RECEIVED)),
    );
    expect(results.map((r) => r.accepted)).toEqual([40, 30, 50]);
    expect(await storedCount("audit_inbox")).toBe(120);
    expect(await storedCount("audit_events")).toBe(0);

    // The raw queries read the inbox as the stored events they are.
    const raw = new ConsoleReportQueries(store.executor, "sqlite");
    const daily = await raw.daily(TENANT, RANGE, EVERYONE);
    expect(daily.filter((d) => d.type !== "downgrade").reduce((n, d) => n + d.count, 0)).toBe(120);
    expect(await raw.groups(TENANT, RANGE)).toEqual(["g1"]);
    const downgrades = batches.flat().filter((e) => e.downgrade);
    const recent = await raw.recentDowngrades(TENANT, RANGE, EVERYONE);
    expect(recent.map((r) => r.eventId).sort()).toEqual(downgrades.map((e) => e.id).sort());
    expect(recent.map((r) => r.time)).toEqual([...recent.map((r) => r.time)].sort().reverse());
    expect(await store.reports.daily(TENANT, RANGE, EVERYONE)).toEqual(daily);

    // Sent again, alone or together, an event of the inbox is a duplicate.
    expect(await store.recordAudit(TENANT, author(), batches[0].slice(0, 5), RECEIVED)).toEqual({
      accepted: 0,
      duplicates: 5,
    });
    const again = await Promise.all([
      store.recordAudit(TENANT, author(), batches[1], RECEIVED),
      store.recordAudit(TENANT, author(), [...batches[2].slice(0, 3), ...events(4)], RECEIVED),
    ]);
    expect(again).toEqual([
      { accepted: 0, duplicates: 30 },
      { accepted: 4, duplicates: 3 },
    ]);

    await store.close();
    store = engine.open() as SqlStore;
    expect(await storedCount("audit_inbox")).toBe(0);
    expect(await storedCount("audit_events")).toBe(124);
    expect(await countedEveryone()).toBe(124);
  });

  test("events already moved into audit_events, sent again together, are duplicates: neither stored nor counted twice", async () => {
    const first = [events(25), events(25)];
    await Promise.all(first.map((b) => store.recordAudit(TENANT, author(), b, RECEIVED)));
    await store.close(); // moves the inbox
    store = engine.open() as SqlStore;
    expect(await storedCount("audit_events")).toBe(50);
    // A retry after lost answers, in a busy moment: the inbox path checks audit_events for each event.
    const again = await Promise.all([
      store.recordAudit(TENANT, author(), first[0], RECEIVED),
      store.recordAudit(TENANT, author(), [...first[1].slice(0, 10), ...events(5)], RECEIVED),
    ]);
    expect(again).toEqual([
      { accepted: 0, duplicates: 25 },
      { accepted: 5, duplicates: 10 },
    ]);
    expect(await storedCount("audit_inbox")).toBe(5);
    expect(await storedCount()).toBe(55);
    expect(await countedEveryone()).toBe(55);
  });

  test("a writer that starts with events in the inbox refuses them as duplicates", async () => {
    await Promise.all([events(10), events(10)].map((b) => store.recordAudit(TENANT, author(), b, RECEIVED)));
    const [held] = await store.executor.query(`SELECT body FROM audit_inbox LIMIT 1`);
    // A second store on the same file: its writer thread reads the inbox's keys when it starts.
    const second = engine.open() as SqlStore;
    try {
      const event = auditEventSchema.parse(JSON.parse(String(held.body)));
      expect(await second.recordAudit(TENANT, author(), [event], RECEIVED)).toEqual({
        accepted: 0,
        duplicates: 1,
      });
    } finally {
      await second.close();
    }
    expect(await storedCount()).toBe(20);
    expect(await countedEveryone()).toBe(20);
  });

  test("once it holds the events it is sized for, the inbox moves into audit_events in the same transaction", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labelbridge-inbox-"));
    const small = openSqliteStore({ path: join(dir, "test.db"), inboxMergeEvents: 100 });
    try {
      await small.migrate();
      const count = async (table: string) =>
        Number((await small.executor.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
      await Promise.all(
        [events(30), events(30)].map((b) => small.recordAudit(TENANT, author(), b, RECEIVED)),
      );
      expect([await count("audit_inbox"), await count("audit_events")]).toEqual([60, 0]);
      await Promise.all(
        [events(30), events(30)].map((b) => small.recordAudit(TENANT, author(), b, RECEIVED)),
      );
      expect([await count("audit_inbox"), await count("audit_events")]).toEqual([0, 120]);
      // Moved in key order: the table's rows follow (tenant, time, id).
      const rows = await small.executor.query(
        `SELECT occurred_at, event_id FROM audit_events ORDER BY rowid`,
      );
      const keys = rows.map((r) => `${String(r.occurred_at)} ${String(r.event_id)}`);
      expect(keys).toEqual([...keys].sort());
      const [counted] = await small.executor.query(
        `SELECT SUM(events) AS n FROM audit_daily WHERE group_id = ''`,
      );
      expect(Number(counted.n)).toBe(120);
    } finally {
      await small.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("retention deletes the inbox's old events too", async () => {
    await Promise.all(
      [events(10, "2026-05-01"), events(10, "2026-06-10")].map((b) =>
        store.recordAudit(TENANT, author(), b, RECEIVED),
      ),
    );
    expect(await storedCount("audit_inbox")).toBe(20);
    const pruned = await store.pruneAudit("2026-06-01T00:00:00.000Z");
    expect(pruned.events).toBe(10);
    expect(await storedCount()).toBe(10);
    expect(await countedEveryone()).toBe(10);
  });
});
