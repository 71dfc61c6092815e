/**
 * The report queries that both audit_events (one row an event) and audit_daily (one row a counter of
 * events per day) answer: written once over a CountedSource that says how that table counts, so the
 * raw and the counted figures cannot drift apart.
 */
import type { SqlExecutor } from "./sql";

const num = (v: unknown): number => (typeof v === "number" ? v : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined || v === "" ? null : String(v));

export interface Where {
  sql: string;
  params: unknown[];
}

export interface DayTypeCount {
  day: string;
  type: string;
  count: number;
}

export interface DayValueCount {
  day: string;
  value: string | null;
  count: number;
}

/** How one table counts events; `c(name)` is a column of it under its alias. */
export interface CountedSource {
  /** The FROM clause, alias included. */
  from: string;
  c: (column: string) => string;
  day: string;
  /** The number of events of the rows. */
  events: string;
  /** The number of events of the rows where `condition` holds. */
  eventsWhere: (condition: string) => string;
  /** Downgrades among the rows' events. */
  lowered: string;
  /** A grouped value as selected and grouped by (raw rows fold NULL to '' alike on both engines). */
  key: (expr: string) => string;
}

/** Rows of (day, type, n, lowered) → counts per day and type, plus downgrades per day as the type `downgrade`. */
function dayTypeCounts(rows: Record<string, unknown>[]): DayTypeCount[] {
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

const and = (w: Where, condition: string): Where => ({ sql: `${w.sql} AND ${condition}`, params: w.params });

export class CountedReports {
  constructor(
    private readonly db: SqlExecutor,
    private readonly s: CountedSource,
  ) {}

  /** Events per day and type, and downgrades per day as the type `downgrade`, in one pass. */
  async daily(w: Where): Promise<DayTypeCount[]> {
    const { s } = this;
    const rows = await this.db.query(
      `SELECT ${s.day} AS day, ${s.c("type")} AS type, ${s.events} AS n, ${s.lowered} AS lowered
         FROM ${s.from} ${w.sql} GROUP BY ${s.day}, ${s.c("type")} ORDER BY day, type`,
      w.params,
    );
    return dayTypeCounts(rows);
  }

  /** Per label (`label`, a grouped value), the events of each of `types`, most of the first type first. */
  private async perLabel<T extends string>(
    all: Where,
    label: string,
    types: Record<T, string>,
  ): Promise<({ labelId: string | null } & Record<T, number>)[]> {
    const { s } = this;
    const type = s.c("type");
    const names = Object.keys(types) as T[];
    const w = and(all, `${type} IN (${names.map((n) => `'${types[n]}'`).join(", ")})`);
    const counts = names.map((n) => `${s.eventsWhere(`${type} = '${types[n]}'`)} AS ${n}`);
    const rows = await this.db.query(
      `SELECT ${label} AS label, ${counts.join(", ")}
         FROM ${s.from} ${w.sql} GROUP BY ${label} ORDER BY ${names[0]} DESC, label`,
      w.params,
    );
    return rows.map((r) => {
      const out = { labelId: str(r.label) } as { labelId: string | null } & Record<T, number>;
      for (const n of names) (out as Record<T, number>)[n] = num(r[n]);
      return out;
    });
  }

  /** A removal counts for the label removed. */
  labelMix(all: Where) {
    const { c, key } = this.s;
    const label = key(
      `CASE WHEN ${c("type")} = 'label-removed' THEN ${c("old_label_id")} ELSE ${c("label_id")} END`,
    );
    return this.perLabel(all, label, {
      applied: "label-applied",
      changed: "label-changed",
      removed: "label-removed",
    });
  }

  async reasonCounts(
    all: Where,
    kind: "downgrade" | "send-blocked",
  ): Promise<{ reason: string | null; count: number }[]> {
    const { s } = this;
    const reason = s.key(s.c(kind === "downgrade" ? "justification_reason" : "reason"));
    const w = and(all, kind === "downgrade" ? `${s.c("downgrade")} = 1` : `${s.c("type")} = 'send-blocked'`);
    const rows = await this.db.query(
      `SELECT ${reason} AS reason, ${s.events} AS n FROM ${s.from} ${w.sql} GROUP BY ${reason} ORDER BY n DESC, reason`,
      w.params,
    );
    return rows.map((r) => ({ reason: str(r.reason), count: num(r.n) }));
  }

  recommendations(all: Where) {
    const types = { accepted: "recommendation-accepted", dismissed: "recommendation-dismissed" };
    return this.perLabel(all, this.s.key(this.s.c("label_id")), types);
  }

  async unlabeledByApp(all: Where): Promise<{ app: string; count: number }[]> {
    const { s } = this;
    const w = and(all, `${s.c("type")} = 'unlabeled-document'`);
    const rows = await this.db.query(
      `SELECT ${s.c("app")} AS app, ${s.events} AS n FROM ${s.from} ${w.sql}
        GROUP BY ${s.c("app")} ORDER BY n DESC, app`,
      w.params,
    );
    return rows.map((r) => ({ app: String(r.app), count: num(r.n) }));
  }

  /** Events of one type per day and value of one column (`reason` or `app`). */
  async perDay(all: Where, type: string, column: "reason" | "app"): Promise<DayValueCount[]> {
    const { s } = this;
    const params = [...all.params, type];
    const w = and({ sql: all.sql, params }, `${s.c("type")} = $${params.length}`);
    const value = s.key(s.c(column));
    const rows = await this.db.query(
      `SELECT ${s.day} AS day, ${value} AS value, ${s.events} AS n FROM ${s.from} ${w.sql}
        GROUP BY ${s.day}, ${value} ORDER BY day, value`,
      w.params,
    );
    return rows.map((r) => ({ day: String(r.day), value: str(r.value), count: num(r.n) }));
  }
}
