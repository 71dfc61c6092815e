/**
 * Writing a batch of audit events and its counters in as few statements as each engine does best.
 * SQLite: multi-row INSERTs whose prepared statements the connection keeps (one text per row count).
 * PostgreSQL: one INSERT … SELECT FROM unnest(arrays) per table, a handful of parameters whatever the
 * batch size, so the server parses and plans a small statement instead of one with 1,800 parameters
 * per 100 events (that planning was 60% of a batch's time; docs/benchmarks.md, "Audit ingestion at scale").
 */
import type { AuditEvent } from "../../core/audit";
import type { AuditAuthor } from "./store";
import type { SqlExecutor } from "./sql";
import { AUDIT_DAILY_KEY } from "./auditDaily";

type Engine = "sqlite" | "postgres";

/** audit_events' columns as a batch writes them, and their PostgreSQL array types for unnest. */
const AUDIT_COLUMNS = [
  ["tenant_id", "text"],
  ["event_id", "text"],
  ["user_id", "text"],
  ["user_name", "text"],
  ["type", "text"],
  ["occurred_at", "text"],
  ["received_at", "text"],
  ["app", "text"],
  ["label_id", "text"],
  ["old_label_id", "text"],
  ["downgrade", "int"],
  ["action_source", "text"],
  ["justification_reason", "text"],
  ["justification_text", "text"],
  ["item_name", "text"],
  ["reason", "text"],
  ["body", "text"],
  ["user_groups", "text"],
] as const;

/** audit_daily's key columns then `events`, with their PostgreSQL array types. */
const DAILY_COLUMNS: readonly (readonly [string, string])[] = [
  ...AUDIT_DAILY_KEY.map((c) => [c, c === "downgrade" ? "int" : "text"] as const),
  ["events", "bigint"],
];

/** SQLite rows per INSERT: 100 × 18 parameters stays far below its limit (32,766). */
const SQLITE_CHUNK = 100;

/** One stored row of audit_events for `e`, in AUDIT_COLUMNS order; `time` is `e.time` normalised. */
export function auditRow(
  tenantId: string,
  author: AuditAuthor,
  e: AuditEvent,
  time: string,
  receivedAt: string,
): unknown[] {
  return [
    tenantId,
    e.id,
    author.userId,
    author.userName ?? null,
    e.type,
    time,
    receivedAt,
    e.app,
    e.labelId,
    e.oldLabelId,
    e.downgrade ? 1 : 0,
    e.actionSource,
    e.justification?.reason ?? null,
    e.justification?.text ?? null,
    e.itemName ?? null,
    e.reason ?? null,
    JSON.stringify(e),
    author.groups && author.groups.length > 0 ? JSON.stringify(author.groups) : null,
  ];
}

function valuesSql(width: number, rows: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++)
    out.push(`(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(", ")})`);
  return out.join(", ");
}

/** `SELECT * FROM unnest($1::text[], …)`: one array parameter a column. */
const unnestSql = (columns: readonly (readonly [string, string])[]) =>
  `SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")})`;

/** Rows → one array per column. */
function columnsOf(rows: readonly unknown[][], width: number): unknown[][] {
  const columns: unknown[][] = Array.from({ length: width }, () => new Array<unknown>(rows.length));
  rows.forEach((row, r) => row.forEach((v, c) => (columns[c][r] = v)));
  return columns;
}

/**
 * Runs `sql(rowsOrNull)` over `rows`: on PostgreSQL once with the rows as column arrays, on SQLite
 * in chunks of multi-row VALUES. Returns the rows every statement returned.
 */
async function writeRows(
  tx: SqlExecutor,
  engine: Engine,
  columns: readonly (readonly [string, string])[],
  rows: readonly unknown[][],
  sql: (source: string) => string,
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  if (engine === "postgres") return tx.query(sql(unnestSql(columns)), columnsOf(rows, columns.length));
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < rows.length; i += SQLITE_CHUNK) {
    const chunk = rows.slice(i, i + SQLITE_CHUNK);
    out.push(...(await tx.query(sql(`VALUES ${valuesSql(columns.length, chunk.length)}`), chunk.flat())));
  }
  return out;
}

const names = (columns: readonly (readonly [string, string])[]) => columns.map(([c]) => c).join(", ");

/** Inserts the rows (auditRow's) not stored yet; returns the `returning` columns of those it stored. */
function insertNew(tx: SqlExecutor, engine: Engine, rows: readonly unknown[][], returning: string) {
  return writeRows(
    tx,
    engine,
    AUDIT_COLUMNS,
    rows,
    (source) =>
      `INSERT INTO audit_events (${names(AUDIT_COLUMNS)}) ${source} ON CONFLICT DO NOTHING RETURNING ${returning}`,
  );
}

/** Inserts the rows (auditRow's) the tenant does not have yet; returns the ids it stored. */
export async function insertAuditRows(
  tx: SqlExecutor,
  engine: Engine,
  rows: readonly unknown[][],
): Promise<string[]> {
  return (await insertNew(tx, engine, rows, "event_id")).map((r) => String(r.event_id));
}

/** An event's identity in audit_events, (tenant, time, id), as one string. */
export const auditKey = (tenant: unknown, time: unknown, id: unknown): string =>
  `${tenant}\u0000${time}\u0000${id}`;

const columnIndex = (name: string) => AUDIT_COLUMNS.findIndex(([c]) => c === name);
const [TENANT, TIME, ID] = [columnIndex("tenant_id"), columnIndex("occurred_at"), columnIndex("event_id")];

/** The auditKey of a row (auditRow's). */
export const rowAuditKey = (row: readonly unknown[]): string => auditKey(row[TENANT], row[TIME], row[ID]);

/** Inserts rows (auditRow's) of any tenants; returns the auditKey of each row it stored. */
export async function insertAuditRowKeys(
  tx: SqlExecutor,
  engine: Engine,
  rows: readonly unknown[][],
): Promise<string[]> {
  const stored = await insertNew(tx, engine, rows, "tenant_id, occurred_at, event_id");
  return stored.map((r) => auditKey(r.tenant_id, r.occurred_at, r.event_id));
}

/** Adds the counts (auditDaily.ts dailyCounts', one entry a key) to audit_daily. */
export async function addDailyCounts(
  tx: SqlExecutor,
  engine: Engine,
  counts: readonly { key: unknown[]; events: number }[],
): Promise<void> {
  const key = AUDIT_DAILY_KEY.join(", ");
  await writeRows(
    tx,
    engine,
    DAILY_COLUMNS,
    counts.map((c) => [...c.key, c.events]),
    (source) =>
      `INSERT INTO audit_daily (${names(DAILY_COLUMNS)}) ${source}
        ON CONFLICT (${key}) DO UPDATE SET events = audit_daily.events + excluded.events`,
  );
}

const AUDIT_VALUES = `(${AUDIT_COLUMNS.map(() => "?").join(", ")})`;

/**
 * The statements of the writer thread (sqliteWriter.ts) as plain SQLite text: it runs them without
 * this module. A row goes into audit_events (`changes` says whether it was new) or, in busy moments,
 * into audit_inbox, which is later moved into audit_events in key order.
 */
export const SQLITE_AUDIT_SQL = {
  insertRow: `INSERT INTO audit_events (${names(AUDIT_COLUMNS)}) VALUES ${AUDIT_VALUES} ON CONFLICT DO NOTHING`,
  insertInbox: `INSERT INTO audit_inbox (${names(AUDIT_COLUMNS)}) VALUES ${AUDIT_VALUES}`,
  /** Whether audit_events holds the event (tenant, time, id): the inbox has no key to refuse it. */
  stored: `SELECT 1 FROM audit_events WHERE tenant_id = ? AND occurred_at = ? AND event_id = ?`,
  inboxExists: `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_inbox'`,
  /** The inbox's events as (tenant, time, id), to refuse what it holds already. */
  inboxKeys: `SELECT tenant_id, occurred_at, event_id FROM audit_inbox`,
  /** Moves the inbox into audit_events in key order: a page of the time key takes many at once. */
  mergeInbox: [
    `INSERT INTO audit_events (${names(AUDIT_COLUMNS)}) SELECT ${names(AUDIT_COLUMNS)} FROM audit_inbox
      ORDER BY tenant_id, occurred_at, event_id ON CONFLICT DO NOTHING`,
    `DELETE FROM audit_inbox`,
  ],
  /** Where a row (auditRow's) holds the tenant, the event's time and its id. */
  tenantColumn: TENANT,
  timeColumn: TIME,
  idColumn: ID,
  counter: `INSERT INTO audit_daily (${names(DAILY_COLUMNS)}) VALUES (${DAILY_COLUMNS.map(() => "?").join(", ")})
    ON CONFLICT (${AUDIT_DAILY_KEY.join(", ")}) DO UPDATE SET events = audit_daily.events + excluded.events`,
};

export type SqliteAuditSql = typeof SQLITE_AUDIT_SQL;
