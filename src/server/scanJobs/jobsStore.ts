/** Scan job definitions per tenant, and when each scheduled job runs next. */
import { randomUUID } from "node:crypto";
import type { SqlExecutor } from "../storage/sql";
import type { ScanJob, ScanJobDefinition } from "./model";
import { str } from "./sqlRows";

const MINUTE_MS = 60_000;

/**
 * The first slot of the job's schedule at or after `now` (slots are `startAt + k × everyMinutes`);
 * null when the job has no schedule or is disabled.
 */
export function nextSlot(definition: ScanJobDefinition, now: number, after = false): string | null {
  const schedule = definition.schedule;
  if (!schedule || !definition.enabled) return null;
  const every = schedule.everyMinutes * MINUTE_MS;
  const start = schedule.startAt ? Date.parse(schedule.startAt) : now;
  if (start > now) return new Date(start).toISOString();
  let k = Math.ceil((now - start) / every);
  if (after && start + k * every <= now) k++;
  return new Date(start + k * every).toISOString();
}

function jobOf(row: Record<string, unknown>): ScanJob {
  return {
    jobId: String(row.job_id),
    definition: JSON.parse(String(row.definition)) as ScanJobDefinition,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    createdBy: String(row.created_by),
    nextRunAt: str(row.next_run_at),
  };
}

export class JobsStore {
  constructor(private readonly db: SqlExecutor) {}

  async create(tenantId: string, definition: ScanJobDefinition, actor: string, now: Date): Promise<ScanJob> {
    const job: ScanJob = {
      jobId: randomUUID(),
      definition,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      createdBy: actor,
      nextRunAt: nextSlot(definition, now.getTime()),
    };
    await this.db.run(
      `INSERT INTO scan_jobs (tenant_id, job_id, definition, created_at, updated_at, created_by, next_run_at)
       VALUES ($1, $2, $3, $4, $4, $5, $6)`,
      [tenantId, job.jobId, JSON.stringify(definition), job.createdAt, actor, job.nextRunAt],
    );
    return job;
  }

  async replace(
    tenantId: string,
    jobId: string,
    definition: ScanJobDefinition,
    now: Date,
  ): Promise<ScanJob | null> {
    const changed = await this.db.run(
      `UPDATE scan_jobs SET definition = $3, updated_at = $4, next_run_at = $5 WHERE tenant_id = $1 AND job_id = $2`,
      [tenantId, jobId, JSON.stringify(definition), now.toISOString(), nextSlot(definition, now.getTime())],
    );
    return changed === 0 ? null : this.get(tenantId, jobId);
  }

  async get(tenantId: string, jobId: string): Promise<ScanJob | null> {
    const rows = await this.db.query(`SELECT * FROM scan_jobs WHERE tenant_id = $1 AND job_id = $2`, [
      tenantId,
      jobId,
    ]);
    return rows.length === 0 ? null : jobOf(rows[0]);
  }

  async list(tenantId: string): Promise<ScanJob[]> {
    const rows = await this.db.query(
      `SELECT * FROM scan_jobs WHERE tenant_id = $1 ORDER BY created_at, job_id`,
      [tenantId],
    );
    return rows.map(jobOf);
  }

  /** Deletes the job; its runs and their results stay. */
  async delete(tenantId: string, jobId: string): Promise<boolean> {
    return (
      (await this.db.run(`DELETE FROM scan_jobs WHERE tenant_id = $1 AND job_id = $2`, [tenantId, jobId])) > 0
    );
  }

  /** Scheduled jobs whose next run is due, across tenants. */
  async due(now: Date): Promise<Array<{ tenantId: string; job: ScanJob }>> {
    const rows = await this.db.query(
      `SELECT * FROM scan_jobs WHERE next_run_at IS NOT NULL AND next_run_at <= $1 ORDER BY next_run_at LIMIT 100`,
      [now.toISOString()],
    );
    return rows.map((r) => ({ tenantId: String(r.tenant_id), job: jobOf(r) }));
  }

  /**
   * Moves a due job to its next slot; true for exactly one of several instances that try at once
   * (the one whose UPDATE still finds the slot it read), which then starts the run.
   */
  async takeSlot(tenantId: string, job: ScanJob, now: Date): Promise<boolean> {
    const next = nextSlot(job.definition, now.getTime(), true);
    const changed = await this.db.run(
      `UPDATE scan_jobs SET next_run_at = $3 WHERE tenant_id = $1 AND job_id = $2 AND next_run_at = $4`,
      [tenantId, job.jobId, next, job.nextRunAt],
    );
    return changed === 1;
  }
}
