/**
 * The schema, as ordered migrations in SQL that SQLite and PostgreSQL both accept: TEXT for ids,
 * JSON and ISO-8601 UTC times (which sort as text), INTEGER for numbers and flags. Never edit an
 * applied migration; add the next one. Where the engines must differ (PostgreSQL partitions audit
 * events by time), a migration adds engine-specific statements after the shared ones.
 */
import { PROTECTION_MIGRATION } from "../keys/schema";
import { AUDIT_DAILY_TABLE, backfillStatements } from "./auditDaily";
import { PARTITION_AUDIT_EVENTS } from "./partitions";

/**
 * The statements that fill audit_daily from the stored events, per engine: the migration below, and
 * anything that loads events in bulk without the store (bench/server/reports.ts) and must build the
 * counters exactly as the store does.
 */
export const DAILY_COUNTER_FILL = {
  sqlite: backfillStatements((column) => `json_each(${column}) AS j`),
  postgres: backfillStatements((column) => `json_array_elements_text(${column}::json) AS j(value)`),
};

/** audit_events' columns as migration 6 made them (also audit_inbox's, migration 8). */
const AUDIT_EVENT_COLUMNS = `
    tenant_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    user_name TEXT,
    type TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
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
    user_groups TEXT
  `;

/**
 * SQLite: audit events keyed by (tenant, time, id) instead of (tenant, id). A random UUID key put
 * each new event on a random page of its own B-tree; live events arrive in time order, so this key
 * appends at its end, and it also serves the reports' (tenant, time) lookups, one B-tree fewer per
 * event. An event is then a duplicate when its id and its time are the tenant's already — what a
 * retried batch repeats, and the key PostgreSQL's partitions already have (partitions.ts). SQLite
 * cannot change a table's key in place: the table is copied.
 */
const AUDIT_EVENTS_BY_TIME_KEY: string[] = [
  `CREATE TABLE audit_events_keyed (${AUDIT_EVENT_COLUMNS})`,
  `INSERT INTO audit_events_keyed SELECT tenant_id, event_id, user_id, user_name, type, occurred_at,
     received_at, app, label_id, old_label_id, downgrade, action_source, justification_reason,
     justification_text, item_name, reason, body, user_groups FROM audit_events ORDER BY tenant_id, occurred_at`,
  `DROP TABLE audit_events`,
  `ALTER TABLE audit_events_keyed RENAME TO audit_events`,
  `CREATE UNIQUE INDEX audit_events_by_time ON audit_events (tenant_id, occurred_at, event_id)`,
  `CREATE INDEX audit_events_by_type ON audit_events (tenant_id, type, occurred_at)`,
  `CREATE INDEX audit_events_downgrades ON audit_events (tenant_id, occurred_at) WHERE downgrade = 1`,
];

/**
 * The (tenant, type, time) index held every event, but only the scan-result list reads events by
 * type (the counts come from audit_daily). Each event put an entry on a page of its own at its
 * time's place in that index, which is what ingestion paid most for after the time key
 * (docs/benchmarks.md, "Audit writer over HTTP"). A partial index holds the scan results alone.
 */
const AUDIT_SCAN_RESULTS_INDEX: string[] = [
  `DROP INDEX audit_events_by_type`,
  `CREATE INDEX audit_events_scan_results ON audit_events (tenant_id, occurred_at) WHERE type = 'scan-result'`,
];

/**
 * PostgreSQL: the primary key's columns in time order, as SQLite's unique key has been since
 * migration 6. The same three columns, so the same events are duplicates; but a random UUID after the
 * tenant put each new event on a random page of the key, and the key now also serves the
 * (tenant, time) lookups the by_time index did, one index fewer per event.
 */
const AUDIT_KEY_IN_TIME_ORDER: string[] = [
  `ALTER TABLE audit_events DROP CONSTRAINT audit_events_pkey,
     ADD CONSTRAINT audit_events_pkey PRIMARY KEY (tenant_id, occurred_at, event_id)`,
  `DROP INDEX audit_events_by_time`,
];

/**
 * SQLite: where the writer thread puts the events of busy moments first (sqliteWriter.ts). A table
 * without indexes, so an event costs an append, not a page of the time key of its own; the writer
 * moves its rows into audit_events in key order, many to a page. Reports read both tables. A later
 * migration that rebuilds audit_events must take the inbox's rows with it.
 */
const AUDIT_INBOX: string[] = [`CREATE TABLE audit_inbox (${AUDIT_EVENT_COLUMNS})`];

export interface Migration {
  id: number;
  name: string;
  statements: string[];
  sqlite?: string[];
  postgres?: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: "policy versions and audit events",
    statements: [
      `CREATE TABLE tenants (
        tenant_id TEXT PRIMARY KEY,
        current_version INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE policy_versions (
        tenant_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        based_on INTEGER,
        kind TEXT NOT NULL,
        actor TEXT NOT NULL,
        actor_name TEXT,
        created_at TEXT NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (tenant_id, version)
      )`,
      `CREATE TABLE audit_events (
        tenant_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        user_name TEXT,
        type TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
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
        PRIMARY KEY (tenant_id, event_id)
      )`,
      `CREATE INDEX audit_events_by_time ON audit_events (tenant_id, occurred_at)`,
      `CREATE INDEX audit_events_by_type ON audit_events (tenant_id, type, occurred_at)`,
    ],
  },
  {
    id: 2,
    name: "groups of the user behind each audit event",
    statements: [
      // JSON array of the token's group ids at intake, so reports filter by group as it was then.
      `ALTER TABLE audit_events ADD COLUMN user_groups TEXT`,
    ],
  },
  {
    id: 3,
    name: "Microsoft Graph sync state per tenant",
    statements: [
      // The applied syncs themselves are policy versions (kind 'sync'); this row says how the last
      // attempts went, so an admin sees when Purview was last read and why it failed since.
      `CREATE TABLE graph_sync_state (
        tenant_id TEXT PRIMARY KEY,
        last_attempt_at TEXT,
        last_success_at TEXT,
        last_applied_version INTEGER,
        last_error_at TEXT,
        last_error_code TEXT,
        last_error TEXT,
        last_outcome TEXT
      )`,
    ],
  },
  PROTECTION_MIGRATION,
  {
    id: 5,
    name: "daily audit counters for reports; PostgreSQL audit partitioned by month",
    statements: [AUDIT_DAILY_TABLE],
    sqlite: [
      // Recent downgrades are read newest first without walking every other event.
      `CREATE INDEX audit_events_downgrades ON audit_events (tenant_id, occurred_at) WHERE downgrade = 1`,
      ...DAILY_COUNTER_FILL.sqlite,
    ],
    postgres: [...PARTITION_AUDIT_EVENTS, ...DAILY_COUNTER_FILL.postgres],
  },
  {
    id: 6,
    name: "SQLite audit events keyed by tenant, time and id",
    statements: [],
    sqlite: AUDIT_EVENTS_BY_TIME_KEY,
  },
  {
    id: 7,
    name: "audit events indexed by type for scan results only; PostgreSQL keyed in time order",
    statements: AUDIT_SCAN_RESULTS_INDEX,
    postgres: AUDIT_KEY_IN_TIME_ORDER,
  },
  {
    id: 8,
    name: "SQLite audit inbox",
    statements: [],
    sqlite: AUDIT_INBOX,
  },
];
