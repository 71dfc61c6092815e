/** Runs of scan jobs: started with their root units, counted as units finish, read for the console. */
import { createHash, randomUUID } from "node:crypto";
import type { SqlConnection } from "../storage/sql";
import type { ScanJob, ScanRun } from "./model";
import { num, str } from "./sqlRows";
import type { UnitsStore } from "./unitsStore";
import { FILES_PER_UNIT, type RunSpec } from "./wire";

/** What decides a file's report row besides its content: a file is "unchanged" only under the same. */
export function fingerprintOf(spec: RunSpec): string {
  const decisive = {
    mode: spec.mode,
    policy: spec.policy?.version ?? null,
    identity: spec.identity,
    relabel: spec.relabel,
    justification: spec.justification,
    treatRecommendedAsAutomatic: spec.treatRecommendedAsAutomatic,
    dryRun: spec.dryRun,
  };
  return createHash("sha256").update(JSON.stringify(decisive)).digest("hex").slice(0, 32);
}

export function specOf(runId: string, job: ScanJob, policy: RunSpec["policy"]): RunSpec {
  const d = job.definition;
  return {
    runId,
    jobId: job.jobId,
    jobName: d.name,
    mode: d.mode,
    include: d.include,
    exclude: d.exclude,
    relabel: d.relabel,
    justification: d.justification,
    treatRecommendedAsAutomatic: d.treatRecommendedAsAutomatic,
    dryRun: d.dryRun,
    identity: d.identity,
    policy,
    fileTimeoutSeconds: d.fileTimeoutSeconds,
    filesPerUnit: FILES_PER_UNIT,
  };
}

/** Immutable facts of a run the claim path needs on every unit (kept in memory per run). */
export interface RunFacts {
  tenantId: string;
  runId: string;
  jobId: string;
  fingerprint: string;
  /** Incremental: hand nodes the last run's size/mtime/hash of each file. */
  incremental: boolean;
  /**
   * Incremental: the job's last completed run under the same settings, whose rows hold each file's
   * size, mtime and hash and stand for the files found unchanged; null when there is none.
   */
  baseRunId: string | null;
  spec: RunSpec;
}

function runOf(r: Record<string, unknown>): ScanRun {
  return {
    runId: String(r.run_id),
    jobId: String(r.job_id),
    jobName: (JSON.parse(String(r.spec)) as RunSpec).jobName,
    status: r.status as ScanRun["status"],
    trigger: r.run_trigger as ScanRun["trigger"],
    fullRescan: num(r.full_rescan) === 1,
    createdAt: String(r.created_at),
    finishedAt: str(r.finished_at),
    policyVersion: r.policy_version === null || r.policy_version === undefined ? null : num(r.policy_version),
    unitsTotal: num(r.units_total),
    unitsFinished: num(r.units_finished),
    filesFound: num(r.files_found),
    bytesFound: num(r.bytes_found),
    filesDone: num(r.files_done),
    bytesDone: num(r.bytes_done),
    filesUnchanged: num(r.files_unchanged),
    filesSkipped: num(r.files_skipped),
    errors: num(r.errors),
  };
}

// The spec (with the whole policy) is only read where a run's facts are needed.
const RUN_COLUMNS = `run_id, job_id, status, run_trigger, full_rescan, created_at, finished_at, policy_version,
  units_total, units_finished, files_found, bytes_found, files_done, bytes_done, files_unchanged, files_skipped,
  errors, spec`;

export class RunsStore {
  constructor(
    private readonly db: SqlConnection,
    private readonly units: UnitsStore,
  ) {}

  /** Starts a run with one walk unit per repository; null when the job already has a run going. */
  async start(
    tenantId: string,
    job: ScanJob,
    policy: RunSpec["policy"],
    trigger: ScanRun["trigger"],
    fullRescan: boolean,
    now: Date,
  ): Promise<ScanRun | null> {
    const runId = randomUUID();
    const spec = specOf(runId, job, policy);
    const at = now.toISOString();
    const started = await this.db.transaction(async (tx, abort) => {
      // Inside the write transaction: on PostgreSQL the job row's lock keeps two starts apart.
      await tx.run(`UPDATE scan_jobs SET updated_at = updated_at WHERE tenant_id = $1 AND job_id = $2`, [
        tenantId,
        job.jobId,
      ]);
      const running = await tx.query(
        `SELECT run_id FROM scan_runs WHERE tenant_id = $1 AND job_id = $2 AND status = 'running'`,
        [tenantId, job.jobId],
      );
      if (running.length > 0) {
        abort();
        return false;
      }
      await tx.run(
        `INSERT INTO scan_runs (tenant_id, run_id, job_id, status, run_trigger, full_rescan, spec, fingerprint,
           policy_version, created_at) VALUES ($1, $2, $3, 'running', $4, $5, $6, $7, $8, $9)`,
        [
          tenantId,
          runId,
          job.jobId,
          trigger,
          fullRescan ? 1 : 0,
          JSON.stringify(spec),
          fingerprintOf(spec),
          policy?.version ?? null,
          at,
        ],
      );
      const roots = job.definition.repositories.map((r) => ({
        kind: "walk" as const,
        key: `walk\0${r.path}`,
        payload: { root: r.path, dir: r.path, rel: "" },
      }));
      await this.units.insert(tx, tenantId, runId, roots, at);
      return true;
    });
    return started ? this.get(tenantId, runId) : null;
  }

  async get(tenantId: string, runId: string): Promise<ScanRun | null> {
    const rows = await this.db.query(
      `SELECT ${RUN_COLUMNS} FROM scan_runs WHERE tenant_id = $1 AND run_id = $2`,
      [tenantId, runId],
    );
    return rows.length === 0 ? null : runOf(rows[0]);
  }

  async facts(tenantId: string, runId: string): Promise<RunFacts | null> {
    const rows = await this.db.query(
      `SELECT r.job_id, r.fingerprint, r.full_rescan, r.spec, j.definition FROM scan_runs r
       LEFT JOIN scan_jobs j ON j.tenant_id = r.tenant_id AND j.job_id = r.job_id
       WHERE r.tenant_id = $1 AND r.run_id = $2`,
      [tenantId, runId],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    const definition = r.definition ? (JSON.parse(String(r.definition)) as { incremental?: boolean }) : null;
    const incremental = num(r.full_rescan) === 0 && definition?.incremental !== false;
    return {
      tenantId,
      runId,
      jobId: String(r.job_id),
      fingerprint: String(r.fingerprint),
      incremental,
      baseRunId: incremental ? await this.baseRun(tenantId, String(r.job_id), String(r.fingerprint)) : null,
      spec: JSON.parse(String(r.spec)) as RunSpec,
    };
  }

  /** The job's last completed run under the same settings (a job has one run going at a time). */
  private async baseRun(tenantId: string, jobId: string, fingerprint: string): Promise<string | null> {
    const rows = await this.db.query(
      `SELECT run_id FROM scan_runs WHERE tenant_id = $1 AND job_id = $2 AND fingerprint = $3
         AND status = 'completed' ORDER BY created_at DESC LIMIT 1`,
      [tenantId, jobId, fingerprint],
    );
    return rows.length === 0 ? null : String(rows[0].run_id);
  }

  async list(tenantId: string, jobId: string | null, limit: number): Promise<ScanRun[]> {
    const rows = await this.db.query(
      `SELECT ${RUN_COLUMNS} FROM scan_runs WHERE tenant_id = $1 AND ($2 = '' OR job_id = $2)
       ORDER BY created_at DESC, run_id LIMIT $3`,
      [tenantId, jobId ?? "", limit],
    );
    return rows.map(runOf);
  }

  async runningCount(tenantId: string): Promise<number> {
    const rows = await this.db.query(
      `SELECT COUNT(*) AS n FROM scan_runs WHERE tenant_id = $1 AND status = 'running'`,
      [tenantId],
    );
    return num(rows[0]?.n);
  }

  /** Cancels a running run; false when it is not running. */
  async cancel(tenantId: string, runId: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const changed = await tx.run(
        `UPDATE scan_runs SET status = 'cancelled', finished_at = $3 WHERE tenant_id = $1 AND run_id = $2 AND status = 'running'`,
        [tenantId, runId, now.toISOString()],
      );
      if (changed === 0) return false;
      await this.units.cancelRun(tx, tenantId, runId);
      return true;
    });
  }

  /** Per node: units finished and held, files and bytes committed. */
  async byNode(
    tenantId: string,
    runId: string,
  ): Promise<Array<{ node: string; files: number; bytes: number; unitsActive: number }>> {
    const [files, active] = await Promise.all([
      this.db.query(
        `SELECT node, COUNT(*) AS files, SUM(size) AS bytes FROM scan_results WHERE tenant_id = $1 AND run_id = $2
         GROUP BY node ORDER BY node`,
        [tenantId, runId],
      ),
      this.db.query(
        `SELECT node, COUNT(*) AS n FROM scan_units WHERE tenant_id = $1 AND run_id = $2 AND state = 'active'
         GROUP BY node`,
        [tenantId, runId],
      ),
    ]);
    const activeBy = new Map(active.map((r) => [String(r.node), num(r.n)]));
    const out = files.map((r) => ({
      node: String(r.node),
      files: num(r.files),
      bytes: num(r.bytes),
      unitsActive: activeBy.get(String(r.node)) ?? 0,
    }));
    for (const [node, n] of activeBy)
      if (!out.some((o) => o.node === node)) out.push({ node, files: 0, bytes: 0, unitsActive: n });
    return out;
  }

  /** Units by kind and state, and how many were handed out more than once. */
  async unitStates(
    tenantId: string,
    runId: string,
  ): Promise<{ byState: Record<string, number>; retried: number }> {
    const rows = await this.db.query(
      `SELECT state, COUNT(*) AS n, SUM(CASE WHEN attempt > 1 THEN 1 ELSE 0 END) AS retried FROM scan_units
       WHERE tenant_id = $1 AND run_id = $2 GROUP BY state`,
      [tenantId, runId],
    );
    const byState: Record<string, number> = {};
    let retried = 0;
    for (const r of rows) {
      byState[String(r.state)] = num(r.n);
      retried += num(r.retried);
    }
    return { byState, retried };
  }
}
