/**
 * `audit_daily`: audit events counted per tenant, day and every dimension a report filters or groups
 * by, kept up to date in the transaction that stores the events, so reports read a few hundred
 * counters instead of millions of rows. Each event is counted once under the group '' (everyone)
 * and once under each distinct group its author's token carried, which is what the reports' group
 * filter matches. NULL dimensions are stored as '' (reports show both as null), so they can be part
 * of the key.
 */
import type { AuditEvent } from "../../core/audit";

/** Key columns in key order, then the counter. */
export const AUDIT_DAILY_KEY = [
  "tenant_id",
  "group_id",
  "day",
  "type",
  "label_id",
  "old_label_id",
  "downgrade",
  "justification_reason",
  "reason",
  "app",
] as const;

/** The group under which every event is counted: no group filter. */
export const EVERYONE = "";

export const AUDIT_DAILY_TABLE = `CREATE TABLE audit_daily (
  tenant_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  day TEXT NOT NULL,
  type TEXT NOT NULL,
  label_id TEXT NOT NULL,
  old_label_id TEXT NOT NULL,
  downgrade INTEGER NOT NULL,
  justification_reason TEXT NOT NULL,
  reason TEXT NOT NULL,
  app TEXT NOT NULL,
  events BIGINT NOT NULL,
  PRIMARY KEY (${AUDIT_DAILY_KEY.join(", ")})
)`;

/** The key columns of one stored audit_events row, as SQL over `e`, in AUDIT_DAILY_KEY order after group_id. */
const ROW_DIMENSIONS = `SUBSTR(e.occurred_at, 1, 10), e.type, COALESCE(e.label_id, ''), COALESCE(e.old_label_id, ''),
  e.downgrade, COALESCE(e.justification_reason, ''), COALESCE(e.reason, ''), e.app`;

/**
 * Fills audit_daily from the events already stored (the migration that adds it). `groupsOf` is the
 * engine's way to list a row's JSON array of groups as a FROM item `j` with a `value` column.
 */
export function backfillStatements(groupsOf: (column: string) => string): string[] {
  const columns = `${AUDIT_DAILY_KEY.join(", ")}, events`;
  return [
    `INSERT INTO audit_daily (${columns})
       SELECT e.tenant_id, '', ${ROW_DIMENSIONS}, COUNT(*) FROM audit_events e
        GROUP BY e.tenant_id, ${ROW_DIMENSIONS}`,
    `INSERT INTO audit_daily (${columns})
       SELECT e.tenant_id, g.group_id, ${ROW_DIMENSIONS}, COUNT(*)
         FROM audit_events e
         JOIN (SELECT DISTINCT x.tenant_id, x.event_id, x.occurred_at, j.value AS group_id
                 FROM audit_events x, ${groupsOf("x.user_groups")}
                WHERE x.user_groups IS NOT NULL AND j.value <> '') g
           ON g.tenant_id = e.tenant_id AND g.event_id = e.event_id AND g.occurred_at = e.occurred_at
        GROUP BY e.tenant_id, g.group_id, ${ROW_DIMENSIONS}`,
  ];
}

/** An event's key columns after tenant_id and group_id, as ROW_DIMENSIONS computes them from its row. */
export function dimensions(e: AuditEvent): unknown[] {
  return [
    new Date(e.time).toISOString().slice(0, 10),
    e.type,
    e.labelId ?? "",
    e.oldLabelId ?? "",
    e.downgrade ? 1 : 0,
    e.justification?.reason ?? "",
    e.reason ?? "",
    e.app,
  ];
}

/** One counter of audit_daily: its key (AUDIT_DAILY_KEY order) and the events it adds. */
export interface DailyCount {
  key: unknown[];
  events: number;
}

/**
 * Counters being summed, one entry a key. `ordered` hands them out in key order: transactions that
 * upsert them take the counter rows' locks in one order.
 */
export class DailyCountSum {
  private readonly byKey = new Map<string, DailyCount>();

  /** One stored event of these dimensions (dimensions'), counted under each prefix (counterPrefixes'). */
  add(prefixes: readonly unknown[][], dims: readonly unknown[]): void {
    const tail = dims.join("\u0000");
    for (const prefix of prefixes) {
      const id = `${prefix.join("\u0000")}\u0000${tail}`;
      const entry = this.byKey.get(id);
      if (entry) entry.events++;
      else this.byKey.set(id, { key: [...prefix, ...dims], events: 1 });
    }
  }

  ordered(): DailyCount[] {
    return [...this.byKey.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, c]) => c);
  }
}

/** The counters a batch of newly stored events adds, one entry per key, in key order. */
export function dailyCounts(
  tenantId: string,
  groups: readonly string[] | undefined,
  events: readonly AuditEvent[],
): DailyCount[] {
  const sum = new DailyCountSum();
  const prefixes = counterPrefixes(tenantId, groups);
  for (const e of events) sum.add(prefixes, dimensions(e));
  return sum.ordered();
}

/**
 * The (tenant_id, group_id) under which each of an author's events is counted: everyone, then each
 * distinct group of the token, sorted (the lock order dailyCounts keeps).
 */
export function counterPrefixes(tenantId: string, groups: readonly string[] | undefined): [string, string][] {
  const groupIds = [EVERYONE, ...new Set((groups ?? []).filter((g) => g !== EVERYONE))];
  return groupIds.sort().map((group) => [tenantId, group]);
}
