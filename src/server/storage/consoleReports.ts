/**
 * The reports page's queries: the same audit events as the store's reports, filtered by label (with
 * its sublabels) and by the group a user's token carried when the event arrived. Same SQL on SQLite
 * and PostgreSQL except the substring function, chosen in one place.
 *
 * Scan results are aggregated here rather than in SQL: their findings live in the event's JSON body,
 * and a file scanned twice must count once (its newest result), which is simpler and identical on
 * both engines in code.
 */
import type { DowngradeRow, TimeRange } from "./store";
import type { SqlExecutor } from "./sql";

export interface ConsoleReportFilter {
  /** Events whose label or previous label is one of these; empty = no label filter. */
  labelIds: string[];
  group: string | null;
}

/** The newest scan results one report reads. */
export const SCAN_RESULT_LIMIT = 100_000;
export const RECENT_DOWNGRADES = 100;
export const TOP_FOLDERS = 25;

const num = (v: unknown): number => (typeof v === "number" ? v : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined || v === "" ? null : String(v));
/** Free text as stored: '' stays '' (unlike grouped values, where '' means none). */
const orNullText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

interface Where {
  sql: string;
  params: unknown[];
}

export interface DayTypeCount {
  day: string;
  type: string;
  count: number;
}

export interface RecentDowngradeRow {
  eventId: string;
  time: string;
  userName: string | null;
  app: string;
  oldLabelId: string | null;
  labelId: string | null;
  reason: string | null;
  text: string | null;
  itemName: string | null;
}

export interface ScanResultRow {
  time: string;
  body: string;
}

/** Rows of (day, type, n, lowered) → counts per day and type, plus downgrades per day as the type `downgrade`. */
export function dayTypeCounts(rows: Record<string, unknown>[]): DayTypeCount[] {
  const out: DayTypeCount[] = rows.map((r) => ({
    day: String(r.day),
    type: String(r.type),
    count: num(r.n),
  }));
  const lowered = new Map<string, number>();
  for (const r of rows)
    if (num(r.lowered) > 0) lowered.set(String(r.day), (lowered.get(String(r.day)) ?? 0) + num(r.lowered));
  for (const [day, count] of lowered) out.push({ day, type: "downgrade", count });
  return out;
}

/** The row readers both the raw and the counted reports share. */
export const readRow = {
  labelMix: (r: Record<string, unknown>) => ({
    labelId: str(r.label),
    applied: num(r.applied),
    changed: num(r.changed),
    removed: num(r.removed),
  }),
  reason: (r: Record<string, unknown>) => ({ reason: str(r.reason), count: num(r.n) }),
  recommendation: (r: Record<string, unknown>) => ({
    labelId: str(r.label),
    accepted: num(r.accepted),
    dismissed: num(r.dismissed),
  }),
  app: (r: Record<string, unknown>) => ({ app: String(r.app), count: num(r.n) }),
  dayValue: (r: Record<string, unknown>) => ({ day: String(r.day), value: str(r.value), count: num(r.n) }),
};

export class ConsoleReportQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly engine: "sqlite" | "postgres",
  ) {}

  /**
   * SQLite without statistics walks the (tenant, time) index for one type and reads every event of
   * the period (20 s at 1M events for a type that has none); the (tenant, type, time) index reads
   * only that type's. PostgreSQL's planner has statistics.
   */
  private get byType(): string {
    return this.engine === "sqlite" ? "INDEXED BY audit_events_by_type" : "";
  }

  /** `WHERE` for the tenant, the period and the filters; `e` is audit_events. */
  private where(tenantId: string, range: TimeRange, filter: ConsoleReportFilter, extra = ""): Where {
    const params: unknown[] = [tenantId, range.from, range.to];
    let sql = `WHERE e.tenant_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3`;
    if (filter.labelIds.length > 0) {
      const marks = filter.labelIds.map((id) => {
        params.push(id);
        return `$${params.length}`;
      });
      sql += ` AND (e.label_id IN (${marks.join(", ")}) OR e.old_label_id IN (${marks.join(", ")}))`;
    }
    if (filter.group !== null) {
      // user_groups is a JSON array of strings: the group's JSON spelling, quotes included, can only
      // match a whole element. Case-sensitive on both engines, like policy scopes.
      params.push(JSON.stringify(filter.group));
      const contains =
        this.engine === "sqlite" ? "INSTR(e.user_groups, $N) > 0" : "STRPOS(e.user_groups, $N) > 0";
      sql += ` AND e.user_groups IS NOT NULL AND ${contains.replace("$N", `$${params.length}`)}`;
    }
    return { sql: extra ? `${sql} AND ${extra}` : sql, params };
  }

  /** Events per day and type, and downgrades per day as the type `downgrade`, in one pass. */
  async daily(tenantId: string, range: TimeRange, filter: ConsoleReportFilter): Promise<DayTypeCount[]> {
    const w = this.where(tenantId, range, filter);
    const rows = await this.db.query(
      `SELECT SUBSTR(e.occurred_at, 1, 10) AS day, e.type AS type, CAST(COUNT(*) AS INTEGER) AS n,
              CAST(SUM(e.downgrade) AS INTEGER) AS lowered
         FROM audit_events e ${w.sql}
        GROUP BY SUBSTR(e.occurred_at, 1, 10), e.type ORDER BY day, type`,
      w.params,
    );
    return dayTypeCounts(rows);
  }

  async labelMix(
    tenantId: string,
    range: TimeRange,
    filter: ConsoleReportFilter,
  ): Promise<{ labelId: string | null; applied: number; changed: number; removed: number }[]> {
    const w = this.where(
      tenantId,
      range,
      filter,
      "e.type IN ('label-applied', 'label-changed', 'label-removed')",
    );
    const rows = await this.db.query(
      `SELECT COALESCE(CASE WHEN e.type = 'label-removed' THEN e.old_label_id ELSE e.label_id END, '') AS label,
              CAST(SUM(CASE WHEN e.type = 'label-applied' THEN 1 ELSE 0 END) AS INTEGER) AS applied,
              CAST(SUM(CASE WHEN e.type = 'label-changed' THEN 1 ELSE 0 END) AS INTEGER) AS changed,
              CAST(SUM(CASE WHEN e.type = 'label-removed' THEN 1 ELSE 0 END) AS INTEGER) AS removed
         FROM audit_events e ${w.sql}
        GROUP BY COALESCE(CASE WHEN e.type = 'label-removed' THEN e.old_label_id ELSE e.label_id END, '')
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
    const column = kind === "downgrade" ? "e.justification_reason" : "e.reason";
    const condition = kind === "downgrade" ? "e.downgrade = 1" : "e.type = 'send-blocked'";
    const w = this.where(tenantId, range, filter, condition);
    const rows = await this.db.query(
      `SELECT COALESCE(${column}, '') AS reason, CAST(COUNT(*) AS INTEGER) AS n FROM audit_events e ${w.sql}
        GROUP BY COALESCE(${column}, '') ORDER BY n DESC, reason`,
      w.params,
    );
    return rows.map(readRow.reason);
  }

  async recentDowngrades(
    tenantId: string,
    range: TimeRange,
    filter: ConsoleReportFilter,
  ): Promise<RecentDowngradeRow[]> {
    const w = this.where(tenantId, range, filter, "e.downgrade = 1");
    w.params.push(RECENT_DOWNGRADES);
    const rows = await this.db.query(
      `SELECT e.event_id, e.occurred_at, e.user_name, e.app, e.old_label_id, e.label_id, e.justification_reason,
              e.justification_text, e.item_name
         FROM audit_events e ${w.sql} ORDER BY e.occurred_at DESC, e.event_id LIMIT $${w.params.length}`,
      w.params,
    );
    return rows.map((r) => ({
      eventId: String(r.event_id),
      time: String(r.occurred_at),
      userName: str(r.user_name),
      app: String(r.app),
      oldLabelId: str(r.old_label_id),
      labelId: str(r.label_id),
      reason: str(r.justification_reason),
      text: str(r.justification_text),
      itemName: str(r.item_name),
    }));
  }

  async recommendations(
    tenantId: string,
    range: TimeRange,
    filter: ConsoleReportFilter,
  ): Promise<{ labelId: string | null; accepted: number; dismissed: number }[]> {
    const w = this.where(
      tenantId,
      range,
      filter,
      "e.type IN ('recommendation-accepted', 'recommendation-dismissed')",
    );
    const rows = await this.db.query(
      `SELECT COALESCE(e.label_id, '') AS label,
              CAST(SUM(CASE WHEN e.type = 'recommendation-accepted' THEN 1 ELSE 0 END) AS INTEGER) AS accepted,
              CAST(SUM(CASE WHEN e.type = 'recommendation-dismissed' THEN 1 ELSE 0 END) AS INTEGER) AS dismissed
         FROM audit_events e ${w.sql} GROUP BY COALESCE(e.label_id, '') ORDER BY accepted DESC, label`,
      w.params,
    );
    return rows.map(readRow.recommendation);
  }

  async unlabeledByApp(
    tenantId: string,
    range: TimeRange,
    filter: ConsoleReportFilter,
  ): Promise<{ app: string; count: number }[]> {
    const w = this.where(tenantId, range, filter, "e.type = 'unlabeled-document'");
    const rows = await this.db.query(
      `SELECT e.app AS app, CAST(COUNT(*) AS INTEGER) AS n FROM audit_events e ${w.sql}
        GROUP BY e.app ORDER BY n DESC, app`,
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
  ): Promise<{ day: string; value: string | null; count: number }[]> {
    const w = this.where(tenantId, range, { labelIds: [], group: null }, "e.type = $4");
    const rows = await this.db.query(
      `SELECT SUBSTR(e.occurred_at, 1, 10) AS day, COALESCE(e.${column}, '') AS value, CAST(COUNT(*) AS INTEGER) AS n
         FROM audit_events e ${w.sql}
        GROUP BY SUBSTR(e.occurred_at, 1, 10), COALESCE(e.${column}, '') ORDER BY day, value`,
      [...w.params, type],
    );
    return rows.map(readRow.dayValue);
  }

  /** Downgrades newest first (the store's /reports/downgrades), at most `limit`. */
  async downgradeList(tenantId: string, range: TimeRange, limit: number): Promise<DowngradeRow[]> {
    const w = this.where(tenantId, range, { labelIds: [], group: null }, "e.downgrade = 1");
    const rows = await this.db.query(
      `SELECT e.event_id, e.occurred_at, e.user_id, e.user_name, e.app, e.old_label_id, e.label_id,
              e.justification_reason, e.justification_text, e.item_name
         FROM audit_events e ${w.sql} ORDER BY e.occurred_at DESC, e.event_id LIMIT $4`,
      [...w.params, limit],
    );
    return rows.map((r) => ({
      eventId: String(r.event_id),
      time: String(r.occurred_at),
      userId: String(r.user_id),
      userName: orNullText(r.user_name),
      app: String(r.app),
      oldLabelId: orNullText(r.old_label_id),
      labelId: orNullText(r.label_id),
      reason: orNullText(r.justification_reason),
      text: orNullText(r.justification_text),
      itemName: orNullText(r.item_name),
    }));
  }

  /** Newest first, at most `limit + 1` rows so the caller can tell it was cut. */
  async scanResults(
    tenantId: string,
    range: TimeRange,
    filter: ConsoleReportFilter,
    limit = SCAN_RESULT_LIMIT,
  ): Promise<ScanResultRow[]> {
    const w = this.where(tenantId, range, filter, "e.type = 'scan-result'");
    w.params.push(limit + 1);
    const rows = await this.db.query(
      `SELECT e.occurred_at, e.body FROM audit_events e ${this.byType} ${w.sql}
        ORDER BY e.occurred_at DESC, e.event_id LIMIT $${w.params.length}`,
      w.params,
    );
    return rows.map((r) => ({ time: String(r.occurred_at), body: String(r.body) }));
  }

  /** Every group seen on the tenant's events in the period, sorted. */
  async groups(tenantId: string, range: TimeRange): Promise<string[]> {
    const rows = await this.db.query(
      `SELECT DISTINCT e.user_groups AS g FROM audit_events e
        WHERE e.tenant_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3 AND e.user_groups IS NOT NULL`,
      [tenantId, range.from, range.to],
    );
    const seen = new Set<string>();
    for (const r of rows) {
      try {
        const list: unknown = JSON.parse(String(r.g));
        if (Array.isArray(list)) for (const g of list) if (typeof g === "string") seen.add(g);
      } catch {
        // A row this module did not write; it names no group.
      }
    }
    return [...seen].sort();
  }
}
