/**
 * Delivery of work units to nodes. The units themselves (what they cover, who holds them, which
 * attempt) live in scan_units; the queue only decides which unit a claiming node gets next.
 *
 * - PostgreSQL: pg-boss (pgBossQueue.ts), so any number of backend instances hand out units to any
 *   number of nodes, each unit to one at a time (FOR UPDATE SKIP LOCKED), with pg-boss's expiry as
 *   the last resort when a holder vanishes and nothing else notices.
 * - SQLite: the scan_units table itself (tableQueue.ts). SQLite has one writer at a time, so a claim
 *   that is one UPDATE in a transaction is already exclusive; it serves a single node.
 */
import type { SqlExecutor } from "../storage/sql";

export interface QueuedUnit {
  runId: string;
  unitId: string;
  kind: "walk" | "files";
  /** The queue's own id for this delivery (pg-boss job id), kept in scan_units.queue_id. */
  queueId: string;
}

export interface Delivery {
  runId: string;
  unitId: string;
  queueId: string;
}

export interface UnitQueue {
  readonly name: "pg-boss" | "table";
  /**
   * Whether each delivery is exclusive by itself: pg-boss hands a unit out again only once it gave
   * up on the holder (expiry), so the new claimant may take an active unit over. The table queue's
   * `next` only peeks, so its claim must find the unit still queued.
   */
  readonly exclusiveDelivery: boolean;
  stop(): Promise<void>;
  /** Called inside the transaction that inserted the units, so a unit is queued iff it exists. */
  enqueue(tx: SqlExecutor, tenantId: string, units: QueuedUnit[]): Promise<void>;
  /** The next unit for one of the tenant's nodes, or null. */
  next(tenantId: string): Promise<Delivery | null>;
  /** The unit is finished (inside the transaction that records it). */
  finished(tx: SqlExecutor, tenantId: string, queueIds: string[]): Promise<void>;
  /** Hand these units out again (their node is lost, or gave them back). */
  requeue(tx: SqlExecutor, tenantId: string, queueIds: string[]): Promise<void>;
  /** Never hand these out again (their run was cancelled). */
  drop(tx: SqlExecutor, tenantId: string, queueIds: string[]): Promise<void>;
}
