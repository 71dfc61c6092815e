/**
 * The reports read from `audit_daily` (auditDaily.ts) instead of the raw events: the same figures
 * as ConsoleReportQueries computes from audit_events, in time that does not grow with the number
 * of events. Counters are per UTC day, so a period that does not start and end on day boundaries
 * (no route asks for one) is answered from the raw events.
 */
import type { TimeRange } from "./store";
import type { SqlExecutor } from "./sql";
import { EVERYONE } from "./auditDaily";
import { ConsoleReportQueries, type ConsoleReportFilter } from "./consoleReports";
import { CountedReports, type CountedSource, type Where } from "./countedReports";

const DAY_MS = 86_400_000;
const MIDNIGHT = "T00:00:00.000Z";

/** The first and last day (inclusive) of a range that starts and ends at midnight UTC, else null. */
export function dayBounds(range: TimeRange): { first: string; last: string } | null {
  if (!range.from.endsWith(MIDNIGHT) || !range.to.endsWith(MIDNIGHT)) return null;
  const last = new Date(Date.parse(range.to) - DAY_MS).toISOString().slice(0, 10);
  return { first: range.from.slice(0, 10), last };
}

/** audit_daily `a`: one row a counter of `events` per day. */
const dailyCounters: CountedSource = {
  from: "audit_daily a",
  c: (column) => `a.${column}`,
  day: "a.day",
  events: "SUM(a.events)",
  eventsWhere: (condition) => `SUM(CASE WHEN ${condition} THEN a.events ELSE 0 END)`,
  lowered: "SUM(a.events * a.downgrade)",
  key: (expr) => expr,
};

const NO_FILTER: ConsoleReportFilter = { labelIds: [], group: null };

export class AggregateReportQueries {
  private readonly raw: ConsoleReportQueries;
  private readonly counted: CountedReports;

  constructor(
    private readonly db: SqlExecutor,
    engine: "sqlite" | "postgres",
  ) {
    this.raw = new ConsoleReportQueries(db, engine);
    this.counted = new CountedReports(db, dailyCounters);
  }

  /**
   * `WHERE` over audit_daily `a` for the tenant, the days, the group (or everyone) and the labels;
   * null when the range does not fall on day boundaries, which the raw events answer instead.
   */
  private where(tenantId: string, range: TimeRange, filter: ConsoleReportFilter): Where | null {
    const days = dayBounds(range);
    if (!days) return null;
    const params: unknown[] = [tenantId, filter.group ?? EVERYONE, days.first, days.last];
    let sql = `WHERE a.tenant_id = $1 AND a.group_id = $2 AND a.day >= $3 AND a.day <= $4`;
    if (filter.labelIds.length > 0) {
      const marks = filter.labelIds.map((id) => {
        params.push(id);
        return `$${params.length}`;
      });
      sql += ` AND (a.label_id IN (${marks.join(", ")}) OR a.old_label_id IN (${marks.join(", ")}))`;
    }
    return { sql, params };
  }

  /** Events per day and type, and downgrades per day as the type `downgrade` (as ConsoleReportQueries.daily). */
  daily(tenantId: string, range: TimeRange, filter: ConsoleReportFilter) {
    const w = this.where(tenantId, range, filter);
    return w ? this.counted.daily(w) : this.raw.daily(tenantId, range, filter);
  }

  labelMix(tenantId: string, range: TimeRange, filter: ConsoleReportFilter) {
    const w = this.where(tenantId, range, filter);
    return w ? this.counted.labelMix(w) : this.raw.labelMix(tenantId, range, filter);
  }

  reasonCounts(
    tenantId: string,
    range: TimeRange,
    filter: ConsoleReportFilter,
    kind: "downgrade" | "send-blocked",
  ) {
    const w = this.where(tenantId, range, filter);
    return w ? this.counted.reasonCounts(w, kind) : this.raw.reasonCounts(tenantId, range, filter, kind);
  }

  recommendations(tenantId: string, range: TimeRange, filter: ConsoleReportFilter) {
    const w = this.where(tenantId, range, filter);
    return w ? this.counted.recommendations(w) : this.raw.recommendations(tenantId, range, filter);
  }

  unlabeledByApp(tenantId: string, range: TimeRange, filter: ConsoleReportFilter) {
    const w = this.where(tenantId, range, filter);
    return w ? this.counted.unlabeledByApp(w) : this.raw.unlabeledByApp(tenantId, range, filter);
  }

  /** Events of one type per day and value of one column (`reason` or `app`). */
  perDay(tenantId: string, range: TimeRange, type: string, column: "reason" | "app") {
    const w = this.where(tenantId, range, NO_FILTER);
    return w ? this.counted.perDay(w, type, column) : this.raw.perDay(tenantId, range, type, column);
  }

  /** Every group seen on the tenant's events in the period, sorted. */
  async groups(tenantId: string, range: TimeRange): Promise<string[]> {
    const days = dayBounds(range);
    if (!days) return this.raw.groups(tenantId, range);
    // The tenant's groups one index seek each (a loose index scan over the key's (tenant, group)
    // prefix), then a seek for whether each has a counter in the period: DISTINCT read every counter
    // of the tenant (330 ms at 200k counters).
    const rows = await this.db.query(
      `WITH RECURSIVE g(id) AS (
         SELECT MIN(group_id) FROM audit_daily WHERE tenant_id = $1 AND group_id > ''
         UNION ALL
         SELECT (SELECT MIN(x.group_id) FROM audit_daily x WHERE x.tenant_id = $1 AND x.group_id > g.id)
           FROM g WHERE g.id IS NOT NULL
       )
       SELECT g.id AS g FROM g
        WHERE g.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_daily a
          WHERE a.tenant_id = $1 AND a.group_id = g.id AND a.day >= $2 AND a.day <= $3)`,
      [tenantId, days.first, days.last],
    );
    return rows.map((r) => String(r.g)).sort();
  }
}
