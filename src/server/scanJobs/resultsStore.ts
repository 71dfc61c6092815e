/**
 * Report rows of a run, one per file: committed with INSERT … ON CONFLICT DO NOTHING on (run, path),
 * so a unit scanned again after its node was lost counts each file once, and only the rows this
 * commit stored move the run's counters, the job's file state and the audit trail.
 *
 * Audit events ride with their row (audit_pending = 1) and are recorded through the Store after
 * the commit; a backend that stops in between leaves them pending and the sweep records them later
 * (event ids make that idempotent).
 */
import type { AuditEvent } from "../../core/audit";
import type { SqlExecutor } from "../storage/sql";
import type { RunFacts } from "./runsStore";
import { chunks, num, placeholders, str, valuesSql } from "./sqlRows";
import type { FileResult } from "./wire";

export interface CommitCounts {
  stored: number;
  duplicates: number;
  /** The rows this commit stored. */
  rows: Prepared[];
}

/** A row as it is committed: the report row without its audit events (kept beside it). */
export interface Prepared {
  path: string;
  /** scanned by a node; unchanged since the last run; failed: never scanned (see the row's error). */
  outcome: "scanned" | "unchanged" | "failed";
  action: string;
  error: string | null;
  size: number;
  rowJson: string;
  audit: AuditEvent[];
  state: { size: number; mtimeMs: number; hash: string } | null;
}

const RESULT_COLUMNS = 14;
const STATE_COLUMNS = 8;

export class ResultsStore {
  /** The last run's rows of unchanged files, by path (they stand for this run). */
  async previousRows(db: SqlExecutor, facts: RunFacts, paths: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const chunk of chunks(paths, 500)) {
      const rows = await db.query(
        `SELECT s.path, r.row_json FROM scan_file_state s JOIN scan_results r ON r.run_id = s.run_id AND r.path = s.path
         WHERE s.tenant_id = $1 AND s.job_id = $2 AND s.fingerprint = $3 AND s.path IN (${placeholders(chunk.length, 4)})`,
        [facts.tenantId, facts.jobId, facts.fingerprint, ...chunk],
      );
      for (const r of rows) out.set(String(r.path), String(r.row_json));
    }
    return out;
  }

  /** Turns what a node sent into rows to store; a file called unchanged without a last row is refused. */
  prepare(results: FileResult[], previous: Map<string, string>): Prepared[] {
    return results.map((r) => {
      if (r.outcome === "unchanged") {
        const rowJson = previous.get(r.path);
        if (rowJson === undefined)
          throw new Error(
            `${r.path}: reported unchanged, but the job has no last result for it under these settings`,
          );
        const row = JSON.parse(rowJson) as { error: string | null };
        // The run did nothing to it: counted as `unchanged`; its row stays the last run's.
        return {
          path: r.path,
          outcome: "unchanged",
          action: "unchanged",
          error: row.error,
          size: r.size,
          rowJson,
          audit: [],
          state: { size: r.size, mtimeMs: r.mtimeMs!, hash: r.hash! },
        };
      }
      const { audit, ...row } = r.row!;
      const error = row.error ?? null;
      return {
        path: r.path,
        outcome: "scanned",
        action: row.action,
        error,
        size: r.size,
        rowJson: JSON.stringify(row),
        audit: audit as AuditEvent[],
        state:
          error === null && r.mtimeMs !== null && r.hash !== null
            ? { size: r.size, mtimeMs: r.mtimeMs, hash: r.hash }
            : null,
      };
    });
  }

  /** Stores the rows not stored yet; moves counters and file state by those alone. */
  async commit(
    tx: SqlExecutor,
    facts: RunFacts,
    unitId: string,
    node: string,
    author: string,
    rows: Prepared[],
    countAsFiles: boolean,
    now: string,
  ): Promise<CommitCounts> {
    const stored: Prepared[] = [];
    for (const chunk of chunks(rows, 60)) {
      const params: unknown[] = [];
      for (const p of chunk)
        params.push(
          facts.tenantId,
          facts.runId,
          p.path,
          unitId,
          node,
          p.outcome,
          p.action,
          p.error,
          p.size,
          p.rowJson,
          p.audit.length > 0 ? JSON.stringify(p.audit) : null,
          p.audit.length > 0 ? author : null,
          p.audit.length > 0 ? 1 : 0,
          now,
        );
      const inserted = await tx.query(
        `INSERT INTO scan_results (tenant_id, run_id, path, unit_id, node, outcome, action, error, size, row_json,
           audit_json, audit_author, audit_pending, committed_at) VALUES ${valuesSql(chunk.length, RESULT_COLUMNS)}
         ON CONFLICT (run_id, path) DO NOTHING RETURNING path`,
        params,
      );
      const fresh = new Set(inserted.map((r) => String(r.path)));
      const kept = chunk.filter((p) => fresh.has(p.path));
      stored.push(...kept);
      await this.count(tx, facts, kept, countAsFiles);
      await this.remember(tx, facts, kept);
    }
    return { stored: stored.length, duplicates: rows.length - stored.length, rows: stored };
  }

  private async count(
    tx: SqlExecutor,
    facts: RunFacts,
    kept: Prepared[],
    countAsFiles: boolean,
  ): Promise<void> {
    if (kept.length === 0) return;
    let files = 0;
    let bytes = 0;
    let unchanged = 0;
    let errors = 0;
    for (const p of kept) {
      if (p.error !== null) errors++;
      if (!countAsFiles) continue;
      files++;
      bytes += p.size;
      if (p.outcome === "unchanged") unchanged++;
    }
    await tx.run(
      `UPDATE scan_runs SET files_done = files_done + $3, bytes_done = bytes_done + $4,
         files_unchanged = files_unchanged + $5, errors = errors + $6 WHERE tenant_id = $1 AND run_id = $2`,
      [facts.tenantId, facts.runId, files, bytes, unchanged, errors],
    );
  }

  private async remember(tx: SqlExecutor, facts: RunFacts, kept: Prepared[]): Promise<void> {
    const states = kept.filter((p) => p.state !== null);
    if (states.length === 0) return;
    const params: unknown[] = [];
    for (const p of states)
      params.push(
        facts.tenantId,
        facts.jobId,
        p.path,
        p.state!.size,
        Math.trunc(p.state!.mtimeMs),
        p.state!.hash,
        facts.fingerprint,
        facts.runId,
      );
    await tx.run(
      `INSERT INTO scan_file_state (tenant_id, job_id, path, size, mtime_ms, content_hash, fingerprint, run_id)
       VALUES ${valuesSql(states.length, STATE_COLUMNS)}
       ON CONFLICT (tenant_id, job_id, path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
         content_hash = excluded.content_hash, fingerprint = excluded.fingerprint, run_id = excluded.run_id`,
      params,
    );
  }

  /** Paths of a unit that already have their row (a retried unit hands out only the rest). */
  async donePaths(db: SqlExecutor, tenantId: string, runId: string, paths: string[]): Promise<Set<string>> {
    const done = new Set<string>();
    for (const chunk of chunks(paths, 500)) {
      const rows = await db.query(
        `SELECT path FROM scan_results WHERE tenant_id = $1 AND run_id = $2 AND path IN (${placeholders(chunk.length, 3)})`,
        [tenantId, runId, ...chunk],
      );
      for (const r of rows) done.add(String(r.path));
    }
    return done;
  }

  /** The job's last recorded size/mtime/hash of these files, under the run's settings. */
  async previousStates(
    db: SqlExecutor,
    facts: RunFacts,
    paths: string[],
  ): Promise<Map<string, { size: number; mtimeMs: number; hash: string }>> {
    const out = new Map<string, { size: number; mtimeMs: number; hash: string }>();
    for (const chunk of chunks(paths, 500)) {
      const rows = await db.query(
        `SELECT path, size, mtime_ms, content_hash FROM scan_file_state WHERE tenant_id = $1 AND job_id = $2
           AND fingerprint = $3 AND path IN (${placeholders(chunk.length, 4)})`,
        [facts.tenantId, facts.jobId, facts.fingerprint, ...chunk],
      );
      for (const r of rows)
        out.set(String(r.path), {
          size: num(r.size),
          mtimeMs: num(r.mtime_ms),
          hash: String(r.content_hash),
        });
    }
    return out;
  }

  /** Rows whose audit events are not recorded yet, oldest first. */
  async pendingAudit(
    db: SqlExecutor,
    olderThan: string,
    limit: number,
  ): Promise<
    Array<{
      tenantId: string;
      runId: string;
      path: string;
      node: string;
      author: string;
      audit: AuditEvent[];
    }>
  > {
    const rows = await db.query(
      `SELECT tenant_id, run_id, path, node, audit_author, audit_json FROM scan_results
       WHERE audit_pending = 1 AND committed_at <= $1 ORDER BY committed_at LIMIT $2`,
      [olderThan, limit],
    );
    return rows.map((r) => ({
      tenantId: String(r.tenant_id),
      runId: String(r.run_id),
      path: String(r.path),
      node: String(r.node),
      author: str(r.audit_author) ?? "scanner",
      audit: JSON.parse(String(r.audit_json ?? "[]")) as AuditEvent[],
    }));
  }

  async auditRecorded(db: SqlExecutor, tenantId: string, runId: string, paths: string[]): Promise<void> {
    for (const chunk of chunks(paths, 500))
      await db.run(
        `UPDATE scan_results SET audit_pending = 0 WHERE tenant_id = $1 AND run_id = $2 AND path IN (${placeholders(chunk.length, 3)})`,
        [tenantId, runId, ...chunk],
      );
  }
}
