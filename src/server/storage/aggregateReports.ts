/**
 * The reports read from `audit_daily` (auditDaily.ts) instead of the raw events: the same figures
 * as ConsoleReportQueries computes from audit_events, in time that does not grow with the number
 * of events. Counters are per UTC day, so a period that does not start and end on day boundaries
 * (no route asks for one) is answered from the raw events.
 */
import type { TimeRange } from "./store";
import type { SqlExecutor } from "./sql";
import { EVERYONE } from "./auditDaily";
import {
  ConsoleReportQueries,
  dayTypeCounts,
  readRow,
  type ConsoleReportFilter,
  type DayTypeCount,
} from "./consoleReports";

const DAY_MS = 86_400_000;
const MIDNIGHT = "T00:00:00.000Z";

/** The first and last day (inclusive) of a range that starts and ends at midnight UTC, else null. */
export function dayBounds(range: TimeRange): { first: string; last: string } | null {
  if (!range.from.endsWith(MIDNIGHT) || !range.to.endsWith(MIDNIGHT)) return null;
  const last = new Date(Date.parse(range.to) - DAY_MS).toISOString().slice(0, 10);
  return { first: range.from.slice(0, 10), last };
}

export interface DayValueCount {
  day: string;
  value: string | null;
  count: number;
}

export class AggregateReportQueries {
  private readonly raw: ConsoleReportQueries;

  constructor(
    private readonly db: SqlExecutor,
    engine: "sqlite" | "postgres",
  ) {
    this.raw = new ConsoleReportQueries(db, engine);
  }

  /** `WHERE` over audit_daily `a` for the tenant, the days, the group (or everyone) and the labels. */
  private where(
    tenantId: string,
    days: { first: string; last: string },
    filter: ConsoleReportFilter,
    extra = "",
  ) {
    const params: unknown[] = [tenantId, filter.group ?? EVERYONE, days.first, days.last];
    let sql = `WHERE a.tenant_id = $1 AND a.group_id = $2 AND a.day >= $3 AND a.day <= $4`;
    if (filter.labelIds.length > 0) {
      const marks = filter.labelIds.map((id) => {
        params.push(id);
        return `$${params.length}`;
      });
      sql += ` AND (a.label_id IN (${marks.join(", ")}) OR a.old_label_id IN (${marks.join(", ")}))`;
    }
    return { sql: extra ? `${sql} AND ${extra}` : sql, params };
  }

  /** Events per day and type, and downgrades per day as the type `downgrade` (as ConsoleReportQueries.daily). */
  async daily(tenantId: string, range: TimeRange, filter: ConsoleReportFilter): Promise<DayTypeCount[]> {
    const days = dayBounds(range);
    if (!days) return this.raw.daily(tenantId, range, filter);
    const w = this.where(tenantId, days, filter);
    const rows = await this.db.query(
      `SELECT a.day AS day, a.type AS type, SUM(a.events) AS n, SUM(a.events * a.downgrade) AS lowered
         FROM audit_daily a ${w.sql} GROUP BY a.day, a.type ORDER BY day, type`,
      w.params,
    );
    return dayTypeCounts(rows);
  }

  async labelMix(
    tenantId: string,
    range: TimeRange,
    filter: ConsoleReportFilter,
  ): Promise<{ labelId: string | null; applied: number; changed: number; removed: number }[]> {
    const days = dayBounds(range);
    if (!days) return this.raw.labelMix(tenantId, range, filter);
    const w = this.where(
      tenantId,
      days,
      filter,
      "a.type IN ('label-applied', 'label-changed', 'label-removed')",
    );
    const rows = await this.db.query(
      `SELECT CASE WHEN a.type = 'label-removed' THEN a.old_label_id ELSE a.label_id END AS label,
              SUM(CASE WHEN a.type = 'label-applied' THEN a.events ELSE 0 END) AS applied,
              SUM(CASE WHEN a.type = 'label-changed' THEN a.events ELSE 0 END) AS changed,
              SUM(CASE WHEN a.type = 'label-removed' THEN a.events ELSE 0 END) AS removed
         FROM audit_daily a ${w.sql}
        GROUP BY CASE WHEN a.type = 'label-removed' THEN a.old_label_id ELSE a.label_id END
        ORDER BY applied DESC, label`,
      w.params,
    );
    return rows.map(readRow.labelMix);
  }

  async reasonCounts(
    tenantId: string,
    range: TimeRange,
    filter: ConsoleReportFilter,
    kind: "downgrade" | "send-blocked",
  ): Promise<{ reason: string | null; count: number }[]> {
    const days = dayBounds(range);
    if (!days) return this.raw.reasonCounts(tenantId, range, filter, kind);
    const column = kind === "downgrade" ? "a.justification_reason" : "a.reason";
    const w = this.where(
      tenantId,
      days,
      filter,
      kind === "downgrade" ? "a.downgrade = 1" : "a.type = 'send-blocked'",
    );
    const rows = await this.db.query(
      `SELECT ${column} AS reason, SUM(a.events) AS n FROM audit_daily a ${w.sql}
        GROUP BY ${column} ORDER BY n DESC, reason`,
      w.params,
    );
    return rows.map(readRow.reason);
  }

  async recommendations(
    tenantId: string,
    range: TimeRange,
    filter: ConsoleReportFilter,
  ): Promise<{ labelId: string | null; accepted: number; dismissed: number }[]> {
    const days = dayBounds(range);
    if (!days) return this.raw.recommendations(tenantId, range, filter);
    const w = this.where(
      tenantId,
      days,
      filter,
      "a.type IN ('recommendation-accepted', 'recommendation-dismissed')",
    );
    const rows = await this.db.query(
      `SELECT a.label_id AS label,
              SUM(CASE WHEN a.type = 'recommendation-accepted' THEN a.events ELSE 0 END) AS accepted,
              SUM(CASE WHEN a.type = 'recommendation-dismissed' THEN a.events ELSE 0 END) AS dismissed
         FROM audit_daily a ${w.sql} GROUP BY a.label_id ORDER BY accepted DESC, label`,
      w.params,
    );
    return rows.map(readRow.recommendation);
  }

  async unlabeledByApp(
    tenantId: string,
    range: TimeRange,
    filter: ConsoleReportFilter,
  ): Promise<{ app: string; count: number }[]> {
    const days = dayBounds(range);
    if (!days) return this.raw.unlabeledByApp(tenantId, range, filter);
    const w = this.where(tenantId, days, filter, "a.type = 'unlabeled-document'");
    const rows = await this.db.query(
      `SELECT a.app AS app, SUM(a.events) AS n FROM audit_daily a ${w.sql} GROUP BY a.app ORDER BY n DESC, app`,
      w.params,
    );
    return rows.map(readRow.app);
  }

  /** Events of one type per day and value of one column (`reason` or `app`). */
  async perDay(
    tenantId: string,
    range: TimeRange,
    type: string,
    column: "reason" | "app",
  ): Promise<DayValueCount[]> {
    const filter = { labelIds: [], group: null };
    const days = dayBounds(range);
    if (!days) return this.raw.perDay(tenantId, range, type, column);
    const w = this.where(tenantId, days, filter, `a.type = $5`);
    const rows = await this.db.query(
      `SELECT a.day AS day, a.${column} AS value, SUM(a.events) AS n FROM audit_daily a ${w.sql}
        GROUP BY a.day, a.${column} ORDER BY day, value`,
      [...w.params, type],
    );
    return rows.map(readRow.dayValue);
  }

  /** Every group seen on the tenant's events in the period, sorted. */
  async groups(tenantId: string, range: TimeRange): Promise<string[]> {
    const days = dayBounds(range);
    if (!days) return this.raw.groups(tenantId, range);
    const rows = await this.db.query(
      `SELECT DISTINCT a.group_id AS g FROM audit_daily a
        WHERE a.tenant_id = $1 AND a.day >= $2 AND a.day <= $3 AND a.group_id <> ''`,
      [tenantId, days.first, days.last],
    );
    return rows.map((r) => String(r.g)).sort();
  }
}
