/**
 * The store written once over a minimal SQL connection, so SQLite and PostgreSQL run the same
 * queries on the same schema. Queries use PostgreSQL's `$1` placeholders; the SQLite connection
 * rewrites them.
 */
import type { TenantPolicy } from "../../core/policy";
import type { AuditEvent } from "../../core/audit";
import { MIGRATIONS, type Migration } from "./migrations";
import { counterPrefixes, dailyCounts, dimensions } from "./auditDaily";
import type { AuditWrite } from "./auditWrite";
import { addDailyCounts, auditRow, insertAuditRows } from "./auditRows";
import { AggregateReportQueries } from "./aggregateReports";
import { ConsoleReportQueries } from "./consoleReports";
import { AuditPartitions } from "./partitions";
import type {
  AuditAuthor,
  AuditIntake,
  AuditPrune,
  DailyRow,
  DayAppRow,
  DayReasonRow,
  DowngradeRow,
  LabelActivityRow,
  PolicyVersion,
  PolicyVersionSummary,
  PolicyWrite,
  PolicyWriteResult,
  ReasonCountRow,
  Store,
  TimeRange,
  ChangeKind,
} from "./store";

export type Row = Record<string, unknown>;

export interface SqlExecutor {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement, returns the number of rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
}

export interface SqlConnection extends SqlExecutor {
  readonly engine: "sqlite" | "postgres";
  /** A second, read-only connection for long report queries, when the engine needs one. */
  readonly reader?: SqlExecutor;
  /** Where audit batches are written, when not in `transaction` on this connection (SQLite's writer thread). */
  readonly auditWriter?: { write(write: AuditWrite): Promise<number>; mergeInbox(): Promise<void> };
  /** Commits when `fn` resolves, rolls back when it throws or returns `{ rollback: true }`-style results via `abort`. */
  transaction<T>(fn: (tx: SqlExecutor, abort: () => void) => Promise<T>): Promise<T>;
  /** Serialises migrations across instances (advisory lock on PostgreSQL; SQLite's write lock does it). */
  lockForMigration(tx: SqlExecutor): Promise<void>;
  close(): Promise<void>;
}

/** Events deleted per retention transaction. */
const PRUNE_CHUNK = 5000;

const num = (v: unknown): number => (typeof v === "number" ? v : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function summary(row: Row): PolicyVersionSummary {
  return {
    version: num(row.version),
    basedOn: row.based_on === null || row.based_on === undefined ? null : num(row.based_on),
    kind: row.kind as ChangeKind,
    actor: { id: String(row.actor), name: str(row.actor_name) },
    createdAt: String(row.created_at),
  };
}

function full(row: Row): PolicyVersion {
  return { ...summary(row), document: JSON.parse(String(row.document)) as TenantPolicy };
}

const EVERYONE_FILTER = { labelIds: [], group: null };

/**
 * Applies the migrations `table` does not list yet, in one transaction under the migration lock
 * (instances starting at once apply them one after the other). Shared by the main schema and by
 * modules with tables of their own (src/server/scanJobs/migrations.ts).
 */
export async function applyMigrations(
  db: SqlConnection,
  table: string,
  migrations: readonly Migration[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await db.lockForMigration(tx);
    await tx.run(
      `CREATE TABLE IF NOT EXISTS ${table} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const applied = new Set((await tx.query(`SELECT id FROM ${table}`)).map((r) => num(r.id)));
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      const own = (db.engine === "sqlite" ? migration.sqlite : migration.postgres) ?? [];
      for (const statement of [...migration.statements, ...own]) await tx.run(statement);
      await tx.run(`INSERT INTO ${table} (id, name, applied_at) VALUES ($1, $2, $3)`, [
        migration.id,
        migration.name,
        new Date().toISOString(),
      ]);
    }
  });
}

export class SqlStore implements Store {
  private aggregates: AggregateReportQueries | undefined;
  private readonly partitions: AuditPartitions | null;

  constructor(private readonly db: SqlConnection) {
    this.partitions =
      db.engine === "postgres" ? new AuditPartitions(db, (fn) => db.transaction((tx) => fn(tx))) : null;
  }

  get engine(): "sqlite" | "postgres" {
    return this.db.engine;
  }

  /** For report modules that query the same schema (src/server/storage/consoleReports.ts). */
  get executor(): SqlExecutor {
    return this.db;
  }

  /** Where report queries run: SQLite's reader thread (so a long one never blocks the server), else the connection. */
  get reportExecutor(): SqlExecutor {
    return this.db.reader ?? this.db;
  }

  /** For modules with tables of their own (src/server/scanJobs): transactions and the migration lock. */
  get connection(): SqlConnection {
    return this.db;
  }

  migrate(): Promise<void> {
    return applyMigrations(this.db, "schema_migrations", MIGRATIONS);
  }

  async ping(): Promise<void> {
    await this.db.query(`SELECT 1 AS ok`);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async currentVersion(tenantId: string): Promise<number | null> {
    const rows = await this.db.query(`SELECT current_version FROM tenants WHERE tenant_id = $1`, [tenantId]);
    return rows.length === 0 ? null : num(rows[0].current_version);
  }

  async getPolicy(tenantId: string): Promise<PolicyVersion | null> {
    const rows = await this.db.query(
      `SELECT v.version, v.based_on, v.kind, v.actor, v.actor_name, v.created_at, v.document
         FROM tenants t JOIN policy_versions v ON v.tenant_id = t.tenant_id AND v.version = t.current_version
        WHERE t.tenant_id = $1`,
      [tenantId],
    );
    return rows.length === 0 ? null : full(rows[0]);
  }

  async getPolicyVersion(tenantId: string, version: number): Promise<PolicyVersion | null> {
    const rows = await this.db.query(
      `SELECT version, based_on, kind, actor, actor_name, created_at, document FROM policy_versions WHERE tenant_id = $1 AND version = $2`,
      [tenantId, version],
    );
    return rows.length === 0 ? null : full(rows[0]);
  }

  async listPolicyVersions(
    tenantId: string,
    options: { limit: number; before?: number },
  ): Promise<PolicyVersionSummary[]> {
    const rows = await this.db.query(
      `SELECT version, based_on, kind, actor, actor_name, created_at FROM policy_versions
        WHERE tenant_id = $1 AND version < $2 ORDER BY version DESC LIMIT $3`,
      [tenantId, options.before ?? 2147483647, options.limit],
    );
    return rows.map(summary);
  }

  async writePolicy(tenantId: string, write: PolicyWrite): Promise<PolicyWriteResult> {
    const result = await this.db.transaction(async (tx, abort) => {
      const next = (write.expectedVersion ?? 0) + 1;
      // The version check and the move happen in one statement: of two writers starting from the
      // same version, the database lets exactly one through, on every instance.
      const moved =
        write.expectedVersion === null
          ? await tx.run(
              `INSERT INTO tenants (tenant_id, current_version, updated_at) VALUES ($1, 1, $2) ON CONFLICT (tenant_id) DO NOTHING`,
              [tenantId, write.at],
            )
          : await tx.run(
              `UPDATE tenants SET current_version = $2, updated_at = $3 WHERE tenant_id = $1 AND current_version = $4`,
              [tenantId, next, write.at, write.expectedVersion],
            );
      if (moved !== 1) {
        abort();
        return null;
      }
      await tx.run(
        `INSERT INTO policy_versions (tenant_id, version, based_on, kind, actor, actor_name, created_at, document)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          tenantId,
          next,
          write.expectedVersion,
          write.kind,
          write.actor.id,
          write.actor.name,
          write.at,
          JSON.stringify(write.document),
        ],
      );
      const version: PolicyVersion = {
        version: next,
        basedOn: write.expectedVersion,
        kind: write.kind,
        actor: write.actor,
        createdAt: write.at,
        document: write.document,
      };
      return version;
    });
    if (result) return { ok: true, version: result };
    const current = await this.getPolicy(tenantId);
    if (!current) return { ok: false, conflict: null };
    const { document: _document, ...rest } = current;
    return { ok: false, conflict: rest };
  }

  async recordAudit(
    tenantId: string,
    author: AuditAuthor,
    events: AuditEvent[],
    receivedAt: string,
  ): Promise<AuditIntake> {
    // Ids repeated inside one batch count as duplicates too; the first occurrence is kept.
    const unique = new Map<string, AuditEvent>();
    for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e);
    const list = [...unique.values()];
    const times = list.map((e) => new Date(e.time).toISOString());
    await this.partitions?.ensureFor(times);
    const rows = list.map((e, i) => auditRow(tenantId, author, e, times[i], receivedAt));
    const engine = this.db.engine;
    if (this.db.auditWriter) {
      const accepted = await this.db.auditWriter.write({
        rows,
        dimensions: list.map(dimensions),
        prefixes: counterPrefixes(tenantId, author.groups),
      });
      return { accepted, duplicates: events.length - accepted };
    }
    const accepted = await this.db.transaction(async (tx) => {
      const ids = await insertAuditRows(tx, engine, rows);
      const stored = ids.map((id) => unique.get(id)!);
      // Only what this call stored is counted: a retried batch adds nothing.
      await addDailyCounts(tx, engine, dailyCounts(tenantId, author.groups, stored));
      return stored.length;
    });
    return { accepted, duplicates: events.length - accepted };
  }

  async pruneAudit(before: string): Promise<AuditPrune> {
    if (!before.endsWith("T00:00:00.000Z"))
      throw new Error(`pruneAudit: ${before} is not a day's first instant`);
    const dropped = (await this.partitions?.dropBefore(before)) ?? [];
    // SQLite: the events the writer thread still holds in its inbox are deleted where the others are.
    await this.db.auditWriter?.mergeInbox();
    const rowId = this.db.engine === "sqlite" ? "rowid" : "ctid";
    const tenants = await this.db.query(`SELECT DISTINCT tenant_id FROM audit_daily WHERE day < $1`, [
      before.slice(0, 10),
    ]);
    let events = 0;
    // Small transactions through the (tenant, time) index: writers get the database between them.
    for (const { tenant_id: tenantId } of tenants) {
      const where = `tenant_id = $1 AND occurred_at < $2`;
      for (;;) {
        const n = await this.db.transaction((tx) =>
          tx.run(
            `DELETE FROM audit_events WHERE ${where} AND ${rowId} IN
               (SELECT ${rowId} FROM audit_events WHERE ${where} LIMIT ${PRUNE_CHUNK})`,
            [tenantId, before],
          ),
        );
        events += n;
        if (n < PRUNE_CHUNK) break;
      }
    }
    const counters = await this.db.run(`DELETE FROM audit_daily WHERE day < $1`, [before.slice(0, 10)]);
    return { events, partitions: dropped, counters };
  }

  /** Report queries: from the daily counters, on the reader connection where there is one. */
  get reports(): AggregateReportQueries {
    return (this.aggregates ??= new AggregateReportQueries(this.reportExecutor, this.db.engine));
  }

  async labelActivity(tenantId: string, range: TimeRange): Promise<LabelActivityRow[]> {
    return this.reports.labelMix(tenantId, range, EVERYONE_FILTER);
  }

  async dailyActivity(tenantId: string, range: TimeRange): Promise<DailyRow[]> {
    const rows = await this.reports.daily(tenantId, range, EVERYONE_FILTER);
    return rows.filter((r) => r.type !== "downgrade");
  }

  async downgrades(
    tenantId: string,
    range: TimeRange,
    limit: number,
  ): Promise<{ byReason: ReasonCountRow[]; recent: DowngradeRow[] }> {
    const [byReason, recent] = await Promise.all([
      this.reports.reasonCounts(tenantId, range, EVERYONE_FILTER, "downgrade"),
      new ConsoleReportQueries(this.reportExecutor, this.db.engine).downgradeList(tenantId, range, limit),
    ]);
    return { byReason, recent };
  }

  async blockedSends(tenantId: string, range: TimeRange): Promise<DayReasonRow[]> {
    const rows = await this.reports.perDay(tenantId, range, "send-blocked", "reason");
    return rows.map((r) => ({ day: r.day, reason: r.value, count: r.count }));
  }

  async unlabeledDocuments(tenantId: string, range: TimeRange): Promise<DayAppRow[]> {
    const rows = await this.reports.perDay(tenantId, range, "unlabeled-document", "app");
    return rows.map((r) => ({ day: r.day, app: r.value ?? "", count: r.count }));
  }
}
