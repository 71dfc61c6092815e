/**
 * The store written once over a minimal SQL connection, so SQLite and PostgreSQL run the same
 * queries on the same schema. Queries use PostgreSQL's `$1` placeholders; the SQLite connection
 * rewrites them.
 */
import type { TenantPolicy } from "../../core/policy";
import type { AuditEvent } from "../../core/audit";
import { MIGRATIONS, type Migration } from "./migrations";
import type {
  AuditAuthor,
  AuditIntake,
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
  /** Commits when `fn` resolves, rolls back when it throws or returns `{ rollback: true }`-style results via `abort`. */
  transaction<T>(fn: (tx: SqlExecutor, abort: () => void) => Promise<T>): Promise<T>;
  /** Serialises migrations across instances (advisory lock on PostgreSQL; SQLite's write lock does it). */
  lockForMigration(tx: SqlExecutor): Promise<void>;
  close(): Promise<void>;
}

/** Rows per INSERT: 500 events × 18 columns stays far below both engines' parameter limits. */
const AUDIT_CHUNK = 100;

const AUDIT_COLUMNS = [
  "tenant_id",
  "event_id",
  "user_id",
  "user_name",
  "type",
  "occurred_at",
  "received_at",
  "app",
  "label_id",
  "old_label_id",
  "downgrade",
  "action_source",
  "justification_reason",
  "justification_text",
  "item_name",
  "reason",
  "body",
  "user_groups",
] as const;

function auditInsertSql(rows: number): string {
  const width = AUDIT_COLUMNS.length;
  const values: string[] = [];
  for (let r = 0; r < rows; r++) {
    values.push(`(${AUDIT_COLUMNS.map((_, c) => `$${r * width + c + 1}`).join(", ")})`);
  }
  return `INSERT INTO audit_events (${AUDIT_COLUMNS.join(", ")}) VALUES ${values.join(", ")}
    ON CONFLICT (tenant_id, event_id) DO NOTHING RETURNING event_id`;
}

const num = (v: unknown): number => (typeof v === "number" ? v : Number(v));
/** NULL sorts first in SQLite and last in PostgreSQL; grouping on '' keeps both orders equal. */
const orNull = (v: unknown): string | null => (v === null || v === undefined || v === "" ? null : String(v));
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
      for (const statement of migration.statements) await tx.run(statement);
      await tx.run(`INSERT INTO ${table} (id, name, applied_at) VALUES ($1, $2, $3)`, [
        migration.id,
        migration.name,
        new Date().toISOString(),
      ]);
    }
  });
}

export class SqlStore implements Store {
  constructor(private readonly db: SqlConnection) {}

  get engine(): "sqlite" | "postgres" {
    return this.db.engine;
  }

  /** For report modules that query the same schema (src/server/storage/consoleReports.ts). */
  get executor(): SqlExecutor {
    return this.db;
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
    const accepted = await this.db.transaction(async (tx) => {
      let stored = 0;
      for (let i = 0; i < list.length; i += AUDIT_CHUNK) {
        const chunk = list.slice(i, i + AUDIT_CHUNK);
        const params: unknown[] = [];
        for (const e of chunk) {
          params.push(
            tenantId,
            e.id,
            author.userId,
            author.userName ?? null,
            e.type,
            new Date(e.time).toISOString(),
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
          );
        }
        stored += (await tx.query(auditInsertSql(chunk.length), params)).length;
      }
      return stored;
    });
    return { accepted, duplicates: events.length - accepted };
  }

  async labelActivity(tenantId: string, range: TimeRange): Promise<LabelActivityRow[]> {
    const rows = await this.db.query(
      `SELECT COALESCE(CASE WHEN type = 'label-removed' THEN old_label_id ELSE label_id END, '') AS label,
              CAST(SUM(CASE WHEN type = 'label-applied' THEN 1 ELSE 0 END) AS INTEGER) AS applied,
              CAST(SUM(CASE WHEN type = 'label-changed' THEN 1 ELSE 0 END) AS INTEGER) AS changed,
              CAST(SUM(CASE WHEN type = 'label-removed' THEN 1 ELSE 0 END) AS INTEGER) AS removed
         FROM audit_events
        WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3
          AND type IN ('label-applied', 'label-changed', 'label-removed')
        GROUP BY CASE WHEN type = 'label-removed' THEN old_label_id ELSE label_id END
        ORDER BY applied DESC, label`,
      [tenantId, range.from, range.to],
    );
    return rows.map((r) => ({
      labelId: orNull(r.label),
      applied: num(r.applied),
      changed: num(r.changed),
      removed: num(r.removed),
    }));
  }

  async dailyActivity(tenantId: string, range: TimeRange): Promise<DailyRow[]> {
    const rows = await this.db.query(
      `SELECT SUBSTR(occurred_at, 1, 10) AS day, type, CAST(COUNT(*) AS INTEGER) AS n
         FROM audit_events WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3
        GROUP BY SUBSTR(occurred_at, 1, 10), type ORDER BY day, type`,
      [tenantId, range.from, range.to],
    );
    return rows.map((r) => ({ day: String(r.day), type: String(r.type), count: num(r.n) }));
  }

  async downgrades(
    tenantId: string,
    range: TimeRange,
    limit: number,
  ): Promise<{ byReason: ReasonCountRow[]; recent: DowngradeRow[] }> {
    const byReason = await this.db.query(
      `SELECT COALESCE(justification_reason, '') AS reason, CAST(COUNT(*) AS INTEGER) AS n FROM audit_events
        WHERE tenant_id = $1 AND downgrade = 1 AND occurred_at >= $2 AND occurred_at < $3
        GROUP BY justification_reason ORDER BY n DESC, reason`,
      [tenantId, range.from, range.to],
    );
    const recent = await this.db.query(
      `SELECT event_id, occurred_at, user_id, user_name, app, old_label_id, label_id, justification_reason,
              justification_text, item_name
         FROM audit_events
        WHERE tenant_id = $1 AND downgrade = 1 AND occurred_at >= $2 AND occurred_at < $3
        ORDER BY occurred_at DESC, event_id LIMIT $4`,
      [tenantId, range.from, range.to, limit],
    );
    return {
      byReason: byReason.map((r) => ({ reason: orNull(r.reason), count: num(r.n) })),
      recent: recent.map((r) => ({
        eventId: String(r.event_id),
        time: String(r.occurred_at),
        userId: String(r.user_id),
        userName: str(r.user_name),
        app: String(r.app),
        oldLabelId: str(r.old_label_id),
        labelId: str(r.label_id),
        reason: str(r.justification_reason),
        text: str(r.justification_text),
        itemName: str(r.item_name),
      })),
    };
  }

  async blockedSends(tenantId: string, range: TimeRange): Promise<DayReasonRow[]> {
    const rows = await this.db.query(
      `SELECT SUBSTR(occurred_at, 1, 10) AS day, COALESCE(reason, '') AS reason, CAST(COUNT(*) AS INTEGER) AS n
         FROM audit_events WHERE tenant_id = $1 AND type = 'send-blocked' AND occurred_at >= $2 AND occurred_at < $3
        GROUP BY SUBSTR(occurred_at, 1, 10), reason ORDER BY day, reason`,
      [tenantId, range.from, range.to],
    );
    return rows.map((r) => ({ day: String(r.day), reason: orNull(r.reason), count: num(r.n) }));
  }

  async unlabeledDocuments(tenantId: string, range: TimeRange): Promise<DayAppRow[]> {
    const rows = await this.db.query(
      `SELECT SUBSTR(occurred_at, 1, 10) AS day, app, CAST(COUNT(*) AS INTEGER) AS n
         FROM audit_events WHERE tenant_id = $1 AND type = 'unlabeled-document' AND occurred_at >= $2 AND occurred_at < $3
        GROUP BY SUBSTR(occurred_at, 1, 10), app ORDER BY day, app`,
      [tenantId, range.from, range.to],
    );
    return rows.map((r) => ({ day: String(r.day), app: String(r.app), count: num(r.n) }));
  }
}
