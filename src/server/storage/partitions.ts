/**
 * PostgreSQL keeps audit events in one partition per month of `occurred_at` (declarative range
 * partitioning), so the retention job drops whole months instead of deleting millions of rows, and
 * a report over a period reads only its months. Partitions are made when a batch first needs one
 * (under an advisory lock, so instances never race), and the migration makes those of the events
 * already stored. Times are ISO 8601 UTC text under the "C" collation, so bounds compare as bytes.
 * The primary key holds the partition key, as PostgreSQL requires: on PostgreSQL an event is a
 * duplicate when its id and its time are the tenant's already (a retried batch repeats both).
 */
import type { SqlExecutor } from "./sql";

const MONTH = /^(\d{4})-(\d{2})$/;
const PARTITION = /^audit_events_p(\d{4})_(\d{2})$/;
/** Any constant shared by every instance; it names the partition lock. */
const PARTITION_LOCK = 7_345_022;

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The first instant of the month after `month` (YYYY-MM), or null after 9999-12. */
export function nextMonthStart(month: string): string | null {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`'${month}' is not a month like 2026-06`);
  const [year, mon] = [Number(m[1]), Number(m[2])];
  const next = mon === 12 ? [year + 1, 1] : [year, mon + 1];
  return next[0] > 9999 ? null : `${pad(next[0], 4)}-${pad(next[1], 2)}-01T00:00:00.000Z`;
}

export const partitionName = (month: string) => `audit_events_p${month.replace("-", "_")}`;

function createPartitionSql(month: string): string {
  const upper = nextMonthStart(month);
  return `CREATE TABLE IF NOT EXISTS ${partitionName(month)} PARTITION OF audit_events
    FOR VALUES FROM ('${month}-01T00:00:00.000Z') TO (${upper === null ? "MAXVALUE" : `'${upper}'`})`;
}

const COLUMNS = `tenant_id, event_id, user_id, user_name, type, occurred_at, received_at, app, label_id,
  old_label_id, downgrade, action_source, justification_reason, justification_text, item_name, reason,
  body, user_groups`;

/** Migration: the unpartitioned table becomes a partitioned one, its rows copied month by month. */
export const PARTITION_AUDIT_EVENTS: string[] = [
  `ALTER TABLE audit_events RENAME TO audit_events_unpartitioned`,
  `ALTER TABLE audit_events_unpartitioned RENAME CONSTRAINT audit_events_pkey TO audit_events_unpartitioned_pkey`,
  `DROP INDEX audit_events_by_time`,
  `DROP INDEX audit_events_by_type`,
  `CREATE TABLE audit_events (
    tenant_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    user_name TEXT,
    type TEXT NOT NULL,
    occurred_at TEXT COLLATE "C" NOT NULL,
    received_at TEXT NOT NULL,
    app TEXT NOT NULL,
    label_id TEXT,
    old_label_id TEXT,
    downgrade INTEGER NOT NULL,
    action_source TEXT,
    justification_reason TEXT,
    justification_text TEXT,
    item_name TEXT,
    reason TEXT,
    body TEXT NOT NULL,
    user_groups TEXT,
    PRIMARY KEY (tenant_id, event_id, occurred_at)
  ) PARTITION BY RANGE (occurred_at)`,
  `CREATE INDEX audit_events_by_time ON audit_events (tenant_id, occurred_at)`,
  `CREATE INDEX audit_events_by_type ON audit_events (tenant_id, type, occurred_at)`,
  `CREATE INDEX audit_events_downgrades ON audit_events (tenant_id, occurred_at) WHERE downgrade = 1`,
  `DO $$
  DECLARE
    m TEXT;
    y INTEGER;
    mo INTEGER;
  BEGIN
    FOR m IN SELECT DISTINCT SUBSTR(occurred_at, 1, 7) FROM audit_events_unpartitioned LOOP
      y := SUBSTR(m, 1, 4)::INTEGER;
      mo := SUBSTR(m, 6, 2)::INTEGER + 1;
      IF mo = 13 THEN y := y + 1; mo := 1; END IF;
      EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%s)',
        'audit_events_p' || replace(m, '-', '_'), m || '-01T00:00:00.000Z',
        CASE WHEN y > 9999 THEN 'MAXVALUE'
             ELSE quote_literal(lpad(y::TEXT, 4, '0') || '-' || lpad(mo::TEXT, 2, '0') || '-01T00:00:00.000Z') END);
    END LOOP;
  END $$`,
  `INSERT INTO audit_events (${COLUMNS}) SELECT ${COLUMNS} FROM audit_events_unpartitioned`,
  `DROP TABLE audit_events_unpartitioned`,
];

export class AuditPartitions {
  /** Months known to have a partition (made here or seen made). */
  private readonly known = new Set<string>();

  constructor(
    private readonly db: SqlExecutor,
    private readonly transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T>,
  ) {}

  /** Makes the partitions these times fall in, before a transaction inserts them. */
  async ensureFor(times: readonly string[]): Promise<void> {
    const missing = [...new Set(times.map((t) => t.slice(0, 7)))].filter((m) => !this.known.has(m));
    if (missing.length === 0) return;
    await this.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${PARTITION_LOCK})`);
      for (const month of missing.sort()) await tx.run(createPartitionSql(month));
    });
    for (const month of missing) this.known.add(month);
  }

  /** Drops the months wholly before `before` (a day's first instant); returns their names. */
  async dropBefore(before: string): Promise<string[]> {
    const rows = await this.db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid
         JOIN pg_class p ON p.oid = i.inhparent
         JOIN pg_namespace n ON n.oid = p.relnamespace
        WHERE p.relname = 'audit_events' AND n.nspname = current_schema()`,
    );
    const dropped: string[] = [];
    for (const { name } of rows) {
      const m = PARTITION.exec(name);
      if (!m) continue;
      const month = `${m[1]}-${m[2]}`;
      const end = nextMonthStart(month);
      if (end === null || end > before) continue;
      // Detaching concurrently waits for readers without blocking new writes; then the table goes.
      await this.db.run(`ALTER TABLE audit_events DETACH PARTITION ${name} CONCURRENTLY`);
      await this.db.run(`DROP TABLE ${name}`);
      this.known.delete(month);
      dropped.push(name);
    }
    return dropped;
  }
}
