/**
 * The scan jobs' tables, as their own ordered migrations (table scan_job_migrations) so that they
 * never compete for numbers with the main schema's (src/server/storage/migrations.ts). Same rules:
 * SQL both engines accept, TEXT for ids, JSON and ISO-8601 UTC times, INTEGER for numbers (BIGINT
 * for bytes and milliseconds, which outgrow PostgreSQL's 32-bit INTEGER); never edit an applied
 * migration.
 */
import type { Migration } from "../storage/migrations";
import { type SqlConnection, applyMigrations } from "../storage/sql";

export const SCAN_JOB_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: "scan jobs, runs, work units, results, file state, nodes",
    statements: [
      `CREATE TABLE scan_jobs (
        tenant_id TEXT NOT NULL,
        job_id TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        next_run_at TEXT,
        PRIMARY KEY (tenant_id, job_id)
      )`,
      `CREATE INDEX scan_jobs_due ON scan_jobs (next_run_at)`,
      `CREATE TABLE scan_runs (
        tenant_id TEXT NOT NULL,
        run_id TEXT NOT NULL,
        job_id TEXT NOT NULL,
        status TEXT NOT NULL,
        run_trigger TEXT NOT NULL,
        full_rescan INTEGER NOT NULL,
        spec TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        policy_version INTEGER,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        units_total INTEGER NOT NULL DEFAULT 0,
        units_finished INTEGER NOT NULL DEFAULT 0,
        files_found INTEGER NOT NULL DEFAULT 0,
        bytes_found BIGINT NOT NULL DEFAULT 0,
        files_done INTEGER NOT NULL DEFAULT 0,
        bytes_done BIGINT NOT NULL DEFAULT 0,
        files_unchanged INTEGER NOT NULL DEFAULT 0,
        files_skipped INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, run_id)
      )`,
      `CREATE INDEX scan_runs_by_job ON scan_runs (tenant_id, job_id, created_at)`,
      `CREATE INDEX scan_runs_by_status ON scan_runs (status)`,
      // One row per work unit: a folder to list (walk) or a batch of files. unit_id is a hash of
      // what the unit covers, so a retried walk inserts each unit once.
      `CREATE TABLE scan_units (
        tenant_id TEXT NOT NULL,
        run_id TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL,
        attempt INTEGER NOT NULL DEFAULT 0,
        node TEXT,
        queue_id TEXT,
        created_at TEXT NOT NULL,
        claimed_at TEXT,
        finished_at TEXT,
        files INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, unit_id)
      )`,
      `CREATE INDEX scan_units_queued ON scan_units (tenant_id, state, kind, created_at)`,
      `CREATE INDEX scan_units_by_node ON scan_units (tenant_id, node, state)`,
      // One row per file per run: the primary key is what makes a retried unit count once.
      `CREATE TABLE scan_results (
        tenant_id TEXT NOT NULL,
        run_id TEXT NOT NULL,
        path TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        node TEXT NOT NULL,
        outcome TEXT NOT NULL,
        action TEXT NOT NULL,
        error TEXT,
        size BIGINT NOT NULL,
        row_json TEXT NOT NULL,
        audit_json TEXT,
        audit_author TEXT,
        audit_pending INTEGER NOT NULL DEFAULT 0,
        committed_at TEXT NOT NULL,
        PRIMARY KEY (run_id, path)
      )`,
      // Partial: only the few rows whose events are not recorded yet are in it.
      `CREATE INDEX scan_results_audit_pending ON scan_results (committed_at) WHERE audit_pending = 1`,
      // What the last run saw of each file of a job: an incremental run skips it when unchanged, and
      // its row is then that run's (scan_results of run_id).
      `CREATE TABLE scan_file_state (
        tenant_id TEXT NOT NULL,
        job_id TEXT NOT NULL,
        path TEXT NOT NULL,
        size BIGINT NOT NULL,
        mtime_ms BIGINT NOT NULL,
        content_hash TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        run_id TEXT NOT NULL,
        PRIMARY KEY (tenant_id, job_id, path)
      )`,
      `CREATE TABLE scan_nodes (
        tenant_id TEXT NOT NULL,
        node TEXT NOT NULL,
        principal_id TEXT NOT NULL,
        host TEXT,
        version TEXT,
        jobs INTEGER NOT NULL,
        status TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        stats TEXT,
        PRIMARY KEY (tenant_id, node)
      )`,
    ],
  },
  {
    id: 2,
    name: "file state folded into the result rows: one write per file",
    statements: [
      // What a run saw of each file (size is the row's) now rides on its row: an incremental run
      // reads the job's last completed run's rows under the same settings (runsStore.ts, baseRunId).
      `ALTER TABLE scan_results ADD COLUMN mtime_ms BIGINT`,
      `ALTER TABLE scan_results ADD COLUMN content_hash TEXT`,
      // Each file's recorded state moves onto the row of the run that recorded it; the index (gone
      // with the table) makes each row's lookup one probe instead of a scan of the tenant's states.
      `CREATE INDEX scan_file_state_by_row ON scan_file_state (tenant_id, run_id, path)`,
      `UPDATE scan_results SET
         mtime_ms = (SELECT s.mtime_ms FROM scan_file_state s WHERE s.tenant_id = scan_results.tenant_id
           AND s.run_id = scan_results.run_id AND s.path = scan_results.path),
         content_hash = (SELECT s.content_hash FROM scan_file_state s WHERE s.tenant_id = scan_results.tenant_id
           AND s.run_id = scan_results.run_id AND s.path = scan_results.path)
       WHERE EXISTS (SELECT 1 FROM scan_file_state s WHERE s.tenant_id = scan_results.tenant_id
         AND s.run_id = scan_results.run_id AND s.path = scan_results.path)`,
      `DROP TABLE scan_file_state`,
    ],
  },
];

export function migrateScanJobs(db: SqlConnection): Promise<void> {
  return applyMigrations(db, "scan_job_migrations", SCAN_JOB_MIGRATIONS);
}
