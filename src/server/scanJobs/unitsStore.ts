/**
 * Work units in scan_units: inserted once (their id is a hash of what they cover), claimed by one
 * node at a time (`attempt` is the claim number a node must quote back), finished once. Every
 * change that moves a run's counters updates its scan_runs row in the same transaction; that row's
 * lock is what serialises two units finishing at once, so exactly one of them completes the run.
 */
import { createHash, randomUUID } from "node:crypto";
import type { SqlExecutor } from "../storage/sql";
import type { QueuedUnit, UnitQueue } from "./queue";
import { chunks, num, placeholders, str, valuesSql } from "./sqlRows";
import type { WalkPayload, WalkedFile } from "./wire";

export type UnitState = "queued" | "active" | "done" | "failed" | "cancelled";

export type NewUnit =
  | { kind: "walk"; key: string; payload: WalkPayload }
  | { kind: "files"; key: string; payload: { files: WalkedFile[] } };

export interface HeldUnit {
  kind: "walk" | "files";
  payload: WalkPayload | { files: WalkedFile[] };
  queueId: string;
  attempt: number;
}

export function unitIdOf(runId: string, key: string): string {
  return createHash("sha256").update(`${runId}\0${key}`).digest("hex").slice(0, 32);
}

const UNIT_COLUMNS = 9;

export class UnitConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnitConflict";
  }
}

export class UnitsStore {
  constructor(private readonly queue: UnitQueue) {}

  /** Inserts the units not there yet, queues them and counts them in the run; returns how many were new. */
  async insert(
    tx: SqlExecutor,
    tenantId: string,
    runId: string,
    units: NewUnit[],
    now: string,
  ): Promise<number> {
    let added = 0;
    for (const chunk of chunks(units, 100)) {
      const params: unknown[] = [];
      const queueIds = new Map<string, string>();
      for (const u of chunk) {
        const unitId = unitIdOf(runId, u.key);
        const queueId = randomUUID();
        queueIds.set(unitId, queueId);
        const files = u.kind === "files" ? u.payload.files.length : 0;
        params.push(
          tenantId,
          runId,
          unitId,
          u.kind,
          JSON.stringify(u.payload),
          "queued",
          queueId,
          now,
          files,
        );
      }
      const inserted = await tx.query(
        `INSERT INTO scan_units (tenant_id, run_id, unit_id, kind, payload, state, queue_id, created_at, files)
         VALUES ${valuesSql(chunk.length, UNIT_COLUMNS)} ON CONFLICT (run_id, unit_id) DO NOTHING RETURNING unit_id`,
        params,
      );
      const fresh = new Set(inserted.map((r) => String(r.unit_id)));
      const queued: QueuedUnit[] = [];
      let files = 0;
      let bytes = 0;
      for (const u of chunk) {
        const unitId = unitIdOf(runId, u.key);
        if (!fresh.has(unitId)) continue;
        queued.push({ runId, unitId, kind: u.kind, queueId: queueIds.get(unitId)! });
        if (u.kind === "files")
          for (const f of u.payload.files) {
            files++;
            bytes += f.size;
          }
      }
      await this.queue.enqueue(tx, tenantId, queued);
      if (queued.length > 0)
        await tx.run(
          `UPDATE scan_runs SET units_total = units_total + $3, files_found = files_found + $4,
             bytes_found = bytes_found + $5 WHERE tenant_id = $1 AND run_id = $2`,
          [tenantId, runId, queued.length, files, bytes],
        );
      added += queued.length;
    }
    return added;
  }

  /** Marks a delivered unit as held by `node`; null when it is no longer there to be taken. */
  async claim(
    tx: SqlExecutor,
    tenantId: string,
    runId: string,
    unitId: string,
    queueId: string,
    node: string,
    now: string,
  ): Promise<HeldUnit | null> {
    const takeover = this.queue.exclusiveDelivery ? " OR state = 'active'" : "";
    const rows = await tx.query(
      `UPDATE scan_units SET state = 'active', node = $4, attempt = attempt + 1, claimed_at = $5, queue_id = $6
       WHERE tenant_id = $1 AND run_id = $2 AND unit_id = $3 AND (state = 'queued'${takeover})
       RETURNING kind, payload, attempt`,
      [tenantId, runId, unitId, node, now, queueId],
    );
    if (rows.length === 0) return null;
    return {
      kind: rows[0].kind as "walk" | "files",
      payload: JSON.parse(String(rows[0].payload)) as HeldUnit["payload"],
      queueId,
      attempt: num(rows[0].attempt),
    };
  }

  /** The unit as `node` holds it under `claim`, or a UnitConflict saying why it is not its own. */
  async held(
    tx: SqlExecutor,
    tenantId: string,
    runId: string,
    unitId: string,
    node: string,
    claim: number,
  ): Promise<HeldUnit> {
    const rows = await tx.query(
      `SELECT kind, payload, state, node, attempt, queue_id FROM scan_units WHERE tenant_id = $1 AND run_id = $2 AND unit_id = $3`,
      [tenantId, runId, unitId],
    );
    if (rows.length === 0) throw new UnitConflict(`run ${runId} has no unit ${unitId}`);
    const r = rows[0];
    if (r.state !== "active" || str(r.node) !== node || num(r.attempt) !== claim)
      throw new UnitConflict(
        `unit ${unitId} is no longer held by ${node} under claim ${claim} (it is ${String(r.state)}${r.node ? ` with ${String(r.node)}, claim ${num(r.attempt)}` : ""})`,
      );
    return {
      kind: r.kind as "walk" | "files",
      payload: JSON.parse(String(r.payload)) as HeldUnit["payload"],
      queueId: String(r.queue_id),
      attempt: num(r.attempt),
    };
  }

  /**
   * Finishes a unit (done, or failed past its attempts) and counts it; completes the run when it was
   * the last. Returns whether the run completed.
   */
  async finish(
    tx: SqlExecutor,
    tenantId: string,
    runId: string,
    unitId: string,
    queueId: string,
    state: "done" | "failed",
    now: string,
  ): Promise<boolean> {
    const changed = await tx.run(
      `UPDATE scan_units SET state = $4, finished_at = $5 WHERE tenant_id = $1 AND run_id = $2 AND unit_id = $3
         AND state IN ('queued', 'active')`,
      [tenantId, runId, unitId, state, now],
    );
    if (changed === 0) return false;
    await this.queue.finished(tx, tenantId, [queueId]);
    const [run] = await tx.query(
      `UPDATE scan_runs SET units_finished = units_finished + 1 WHERE tenant_id = $1 AND run_id = $2
       RETURNING units_finished, units_total, status`,
      [tenantId, runId],
    );
    if (!run || run.status !== "running" || num(run.units_finished) < num(run.units_total)) return false;
    await tx.run(
      `UPDATE scan_runs SET status = 'completed', finished_at = $3 WHERE tenant_id = $1 AND run_id = $2 AND status = 'running'`,
      [tenantId, runId, now],
    );
    return true;
  }

  /** Puts the units `node` holds back in the queue (the node is lost, restarted or leaving). */
  async releaseNode(tx: SqlExecutor, tenantId: string, node: string, unitIds?: string[]): Promise<number> {
    const only = unitIds ? ` AND unit_id IN (${placeholders(unitIds.length, 3)})` : "";
    if (unitIds && unitIds.length === 0) return 0;
    const rows = await tx.query(
      `UPDATE scan_units SET state = 'queued', node = NULL WHERE tenant_id = $1 AND node = $2 AND state = 'active'${only}
       RETURNING queue_id`,
      [tenantId, node, ...(unitIds ?? [])],
    );
    await this.queue.requeue(
      tx,
      tenantId,
      rows.map((r) => String(r.queue_id)),
    );
    return rows.length;
  }

  /**
   * Units held by `node` that it no longer lists in its heartbeat (it gave up on them without a
   * word) go back to the queue; only those claimed before `claimedBefore`, so a claim whose answer
   * is still on its way to the node is not mistaken for one.
   */
  async releaseForgotten(
    tx: SqlExecutor,
    tenantId: string,
    node: string,
    listed: string[],
    claimedBefore: string,
  ): Promise<number> {
    const rows = await tx.query(
      `SELECT unit_id FROM scan_units WHERE tenant_id = $1 AND node = $2 AND state = 'active' AND claimed_at < $3`,
      [tenantId, node, claimedBefore],
    );
    const keep = new Set(listed);
    const forgotten = rows.map((r) => String(r.unit_id)).filter((id) => !keep.has(id));
    return forgotten.length === 0 ? 0 : this.releaseNode(tx, tenantId, node, forgotten);
  }

  /** Of the units a node says it holds, those that are not its own any more. */
  async notHeld(tenantId: string, db: SqlExecutor, node: string, unitIds: string[]): Promise<string[]> {
    if (unitIds.length === 0) return [];
    const rows = await db.query(
      `SELECT unit_id FROM scan_units WHERE tenant_id = $1 AND node = $2 AND state = 'active'
         AND unit_id IN (${placeholders(unitIds.length, 3)})`,
      [tenantId, node, ...unitIds],
    );
    const mine = new Set(rows.map((r) => String(r.unit_id)));
    return unitIds.filter((id) => !mine.has(id));
  }

  /** Stops a run's units from being handed out (the run was cancelled). */
  async cancelRun(tx: SqlExecutor, tenantId: string, runId: string): Promise<void> {
    const rows = await tx.query(
      `UPDATE scan_units SET state = 'cancelled' WHERE tenant_id = $1 AND run_id = $2 AND state IN ('queued', 'active')
       RETURNING queue_id`,
      [tenantId, runId],
    );
    await this.queue.drop(
      tx,
      tenantId,
      rows.map((r) => String(r.queue_id)),
    );
  }
}
