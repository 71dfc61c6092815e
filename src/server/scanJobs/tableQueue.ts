/**
 * The SQLite queue: scan_units is the queue. SQLite has one writer at a time, so the claim's
 * guarded UPDATE (state 'queued' → 'active', in ScanUnits.claim) is exclusive without any locking
 * of ours; a unit whose node is lost is simply set back to 'queued'. This serves a single node: the
 * backend refuses a second live node on SQLite (docs/scanner-cluster.md).
 */
import type { SqlExecutor } from "../storage/sql";
import type { Delivery, UnitQueue } from "./queue";

export class TableQueue implements UnitQueue {
  readonly name = "table" as const;
  readonly exclusiveDelivery = false;

  constructor(private readonly db: SqlExecutor) {}

  async stop(): Promise<void> {}
  async enqueue(): Promise<void> {}
  async finished(): Promise<void> {}
  async requeue(): Promise<void> {}
  async drop(): Promise<void> {}

  async next(tenantId: string): Promise<Delivery | null> {
    const rows = await this.db.query(
      `SELECT run_id, unit_id, queue_id FROM scan_units WHERE tenant_id = $1 AND state = 'queued'
       ORDER BY CASE kind WHEN 'walk' THEN 0 ELSE 1 END, created_at LIMIT 1`,
      [tenantId],
    );
    if (rows.length === 0) return null;
    return {
      runId: String(rows[0].run_id),
      unitId: String(rows[0].unit_id),
      queueId: String(rows[0].queue_id),
    };
  }
}
