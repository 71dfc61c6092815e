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
import { CountedReports, type CountedSource, type Where } from "./countedReports";

export interface ConsoleReportFilter {
  /** Events whose label or previous label is one of these; empty = no label filter. */
  labelIds: string[];
  group: string | null;
}

/** The newest scan results one report reads. */
export const SCAN_RESULT_LIMIT = 100_000;
export const RECENT_DOWNGRADES = 100;
export const TOP_FOLDERS = 25;

const str = (v: unknown): string | null => (v === null || v === undefined || v === "" ? null : String(v));
/** Free text as stored: '' stays '' (unlike grouped values, where '' means none). */
const orNullText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export type RecentDowngradeRow = Omit<DowngradeRow, "userId">;

export interface ScanResultRow {
  time: string;
  body: string;
}

/**
 * The stored events as `e`, one row an event. On SQLite they are in audit_events or, until the writer
 * thread moves them, in audit_inbox (sqliteWriter.ts); SQLite runs each query on both tables, the
 * inbox with no index, and merges newest-first reads when every ORDER BY term is selected. `index`
 * names the audit_events index to read.
 */
function storedEvents(engine: "sqlite" | "postgres", index?: string): string {
  if (engine === "postgres") return "audit_events e";
  // Both tables are made from the same column list (migrations.ts), so * is the same row.
  return `(SELECT * FROM audit_events${index ? ` INDEXED BY ${index}` : ""} UNION ALL SELECT * FROM audit_inbox) e`;
}

/** The stored events: one row an event. */
const rawEvents = (engine: "sqlite" | "postgres"): CountedSource => ({
  from: storedEvents(engine),
  c: (column) => `e.${column}`,
  day: "SUBSTR(e.occurred_at, 1, 10)",
  events: "CAST(COUNT(*) AS INTEGER)",
  eventsWhere: (condition) => `CAST(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS INTEGER)`,
  lowered: "CAST(SUM(e.downgrade) AS INTEGER)",
  key: (expr) => `COALESCE(${expr}, '')`,
});

export class ConsoleReportQueries {
  private readonly counted: CountedReports;

  constructor(
    private readonly db: SqlExecutor,
    private readonly engine: "sqlite" | "postgres",
  ) {
    this.counted = new CountedReports(db, rawEvents(engine));
  }

  /** The stored events, read through `index` on SQLite. */
  private events(index?: string): string {
    return storedEvents(this.engine, index);
  }

  /** `WHERE` for the tenant, the period and the filters; `e` is the stored events. */
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

  daily(tenantId: string, range: TimeRange, filter: ConsoleReportFilter) {
    return this.counted.daily(this.where(tenantId, range, filter));
  }

  labelMix(tenantId: string, range: TimeRange, filter: ConsoleReportFilter) {
    return this.counted.labelMix(this.where(tenantId, range, filter));
  }

  reasonCounts(
    tenantId: string,
    range: TimeRange,
    filter: ConsoleReportFilter,
    kind: "downgrade" | "send-blocked",
  ) {
    return this.counted.reasonCounts(this.where(tenantId, range, filter), kind);
  }

  recommendations(tenantId: string, range: TimeRange, filter: ConsoleReportFilter) {
    return this.counted.recommendations(this.where(tenantId, range, filter));
  }

  unlabeledByApp(tenantId: string, range: TimeRange, filter: ConsoleReportFilter) {
    return this.counted.unlabeledByApp(this.where(tenantId, range, filter));
  }

  /** Events of one type per day and value of one column (`reason` or `app`). */
  perDay(tenantId: string, range: TimeRange, type: string, column: "reason" | "app") {
    return this.counted.perDay(this.where(tenantId, range, { labelIds: [], group: null }), type, column);
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
         FROM ${this.events()} ${w.sql} ORDER BY e.occurred_at DESC, e.event_id LIMIT $${w.params.length}`,
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

  /** Downgrades newest first (the store's /reports/downgrades), at most `limit`. */
  async downgradeList(tenantId: string, range: TimeRange, limit: number): Promise<DowngradeRow[]> {
    const w = this.where(tenantId, range, { labelIds: [], group: null }, "e.downgrade = 1");
    const rows = await this.db.query(
      `SELECT e.event_id, e.occurred_at, e.user_id, e.user_name, e.app, e.old_label_id, e.label_id,
              e.justification_reason, e.justification_text, e.item_name
         FROM ${this.events()} ${w.sql} ORDER BY e.occurred_at DESC, e.event_id LIMIT $4`,
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
    // SQLite without statistics walks the (tenant, time) index for one type and reads every event of
    // the period (20 s at 1M events for a type that has none); PostgreSQL's planner has them. The id
    // is selected because SQLite merges the two tables' newest-first reads only when every ORDER BY
    // term is a selected column; otherwise it reads and sorts every scan result of the period.
    const rows = await this.db.query(
      `SELECT e.occurred_at, e.event_id, e.body FROM ${this.events("audit_events_scan_results")} ${w.sql}
        ORDER BY e.occurred_at DESC, e.event_id LIMIT $${w.params.length}`,
      w.params,
    );
    return rows.map((r) => ({ time: String(r.occurred_at), body: String(r.body) }));
  }

  /** Every group seen on the tenant's events in the period, sorted. */
  async groups(tenantId: string, range: TimeRange): Promise<string[]> {
    const rows = await this.db.query(
      `SELECT DISTINCT e.user_groups AS g FROM ${this.events()}
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
