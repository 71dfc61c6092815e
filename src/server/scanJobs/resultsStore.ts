/**
 * Report rows of a run, one per file: committed with INSERT … ON CONFLICT DO NOTHING on (run, path),
 * so a unit scanned again after its node was lost counts each file once, and only the rows this
 * commit stored move the run's counters and the audit trail. A row also keeps what the run saw of
 * its file (size, mtime, content hash): the next incremental run of the job reads them from the rows
 * of its base run (RunFacts.baseRunId), so each file costs one write.
 *
 * Audit events ride with their row (audit_pending = 1) and are recorded through the Store after
 * the commit; a backend that stops in between leaves them pending and the sweep records them later
 * (event ids make that idempotent).
 */
import type { AuditEvent } from "../../core/audit";
import type { SqlExecutor } from "../storage/sql";
import type { RunFacts } from "./runsStore";
import { chunks, num, placeholders, str, valuesSql } from "./sqlRows";
import { storedRowJson } from "./storedRow";
import type { FileResult } from "./wire";

export interface CommitCounts {
  stored: number;
  duplicates: number;
  /** The rows this commit stored. */
  rows: Prepared[];
}

export interface FileState {
  size: number;
  mtimeMs: number;
  hash: string;
}

/** A row as it is committed: the report row without its audit events (kept beside it). */
export interface Prepared {
  path: string;
  /** scanned by a node; unchanged since the last run; failed: never scanned (see the row's error). */
  outcome: "scanned" | "unchanged" | "failed";
  action: string;
  error: string | null;
  size: number;
  /** storedRow.ts's form of the row. */
  rowJson: string;
  audit: AuditEvent[];
  /** What the next incremental run compares the file with; null: it is scanned again. */
  state: FileState | null;
}

interface PreviousRow {
  rowJson: string;
  error: string | null;
}

/** scan_results' columns as a commit writes them, with their PostgreSQL types. */
const RESULT_COLUMNS = [
  ["tenant_id", "text"],
  ["run_id", "text"],
  ["path", "text"],
  ["unit_id", "text"],
  ["node", "text"],
  ["outcome", "text"],
  ["action", "text"],
  ["error", "text"],
  ["size", "bigint"],
  ["row_json", "text"],
  ["audit_json", "text"],
  ["audit_author", "text"],
  ["audit_pending", "int"],
  ["committed_at", "text"],
  ["mtime_ms", "bigint"],
  ["content_hash", "text"],
] as const;
const COLUMN_LIST = RESULT_COLUMNS.map(([c]) => c).join(", ");
/** The columns every row of a commit shares, passed once on PostgreSQL. */
const SHARED = new Set(["tenant_id", "run_id", "unit_id", "node", "committed_at"]);
/** SQLite rows per INSERT: 60 × 16 parameters stays below its oldest limit (999). */
const SQLITE_CHUNK = 60;

/**
 * The INSERT of a commit's rows on PostgreSQL: one statement, the rows' own values as one JSON array
 * of arrays (ownValues order). JSON.stringify is native; node-postgres escapes text arrays element
 * by element in JavaScript, which cost more than the rest of the insert on the backend's side.
 */
const POSTGRES_INSERT = (() => {
  let shared = 0;
  let own = 0;
  const select: string[] = [];
  for (const [column, type] of RESULT_COLUMNS)
    select.push(SHARED.has(column) ? `$${++shared}::text` : `(v->>${own++})::${type}`);
  return `INSERT INTO scan_results (${COLUMN_LIST}) SELECT ${select.join(", ")}
    FROM jsonb_array_elements($${shared + 1}::jsonb) AS v
    ON CONFLICT (run_id, path) DO NOTHING RETURNING path`;
})();

export class ResultsStore {
  constructor(private readonly engine: "sqlite" | "postgres") {}

  /** The base run's rows of unchanged files, by path (they stand for this run). */
  async previousRows(db: SqlExecutor, facts: RunFacts, paths: string[]): Promise<Map<string, PreviousRow>> {
    const out = new Map<string, PreviousRow>();
    if (facts.baseRunId === null) return out;
    for (const chunk of chunks(paths, 500)) {
      const rows = await db.query(
        `SELECT path, row_json, error FROM scan_results WHERE tenant_id = $1 AND run_id = $2
           AND content_hash IS NOT NULL AND path IN (${placeholders(chunk.length, 3)})`,
        [facts.tenantId, facts.baseRunId, ...chunk],
      );
      for (const r of rows) out.set(String(r.path), { rowJson: String(r.row_json), error: str(r.error) });
    }
    return out;
  }

  /** Turns what a node sent into rows to store; a file called unchanged without a last row is refused. */
  prepare(results: FileResult[], previous: Map<string, PreviousRow>): Prepared[] {
    return results.map((r) => {
      if (r.outcome === "unchanged") {
        const last = previous.get(r.path);
        if (last === undefined)
          throw new Error(
            `${r.path}: reported unchanged, but the job has no last result for it under these settings`,
          );
        // The run did nothing to it: counted as `unchanged`; its row stays the last run's.
        return {
          path: r.path,
          outcome: "unchanged",
          action: "unchanged",
          error: last.error,
          size: r.size,
          rowJson: last.rowJson,
          audit: [],
          state: { size: r.size, mtimeMs: r.mtimeMs!, hash: r.hash! },
        };
      }
      const row = r.row!;
      const error = row.error ?? null;
      return {
        path: r.path,
        outcome: "scanned",
        action: row.action,
        error,
        size: r.size,
        rowJson: storedRowJson(row),
        audit: row.audit,
        state:
          error === null && r.mtimeMs !== null && r.hash !== null
            ? { size: r.size, mtimeMs: r.mtimeMs, hash: r.hash }
            : null,
      };
    });
  }

  /** Stores the rows not stored yet; moves the run's counters by those alone. */
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
    const fresh = new Set<string>();
    const shared = { tenantId: facts.tenantId, runId: facts.runId, unitId, node, author, now };
    if (this.engine === "postgres") {
      for (const path of await this.insertPostgres(tx, shared, rows)) fresh.add(path);
    } else {
      for (const chunk of chunks(rows, SQLITE_CHUNK))
        for (const path of await this.insertSqlite(tx, shared, chunk)) fresh.add(path);
    }
    const stored = rows.filter((p) => fresh.has(p.path));
    await this.count(tx, facts, stored, countAsFiles);
    return { stored: stored.length, duplicates: rows.length - stored.length, rows: stored };
  }

  private async insertPostgres(tx: SqlExecutor, shared: Shared, rows: Prepared[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted = await tx.query(POSTGRES_INSERT, [
      shared.tenantId,
      shared.runId,
      shared.unitId,
      shared.node,
      shared.now,
      JSON.stringify(rows.map((p) => ownValues(p, shared.author))),
    ]);
    return inserted.map((r) => String(r.path));
  }

  private async insertSqlite(tx: SqlExecutor, shared: Shared, rows: Prepared[]): Promise<string[]> {
    const params: unknown[] = [];
    for (const p of rows) {
      const own = ownValues(p, shared.author);
      params.push(shared.tenantId, shared.runId, own[0], shared.unitId, shared.node, ...own.slice(1, 9));
      params.push(shared.now, ...own.slice(9));
    }
    const inserted = await tx.query(
      `INSERT INTO scan_results (${COLUMN_LIST}) VALUES ${valuesSql(rows.length, RESULT_COLUMNS.length)}
       ON CONFLICT (run_id, path) DO NOTHING RETURNING path`,
      params,
    );
    return inserted.map((r) => String(r.path));
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

  /** What the base run recorded of these files: their size, mtime and hash. */
  async previousStates(db: SqlExecutor, facts: RunFacts, paths: string[]): Promise<Map<string, FileState>> {
    const out = new Map<string, FileState>();
    if (facts.baseRunId === null) return out;
    for (const chunk of chunks(paths, 500)) {
      const rows = await db.query(
        `SELECT path, size, mtime_ms, content_hash FROM scan_results WHERE tenant_id = $1 AND run_id = $2
           AND content_hash IS NOT NULL AND path IN (${placeholders(chunk.length, 3)})`,
        [facts.tenantId, facts.baseRunId, ...chunk],
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

interface Shared {
  tenantId: string;
  runId: string;
  unitId: string;
  node: string;
  author: string;
  now: string;
}

/** A row's own values, in RESULT_COLUMNS order without the shared columns. */
function ownValues(p: Prepared, author: string): unknown[] {
  const audited = p.audit.length > 0;
  return [
    p.path,
    p.outcome,
    p.action,
    p.error,
    p.size,
    p.rowJson,
    audited ? JSON.stringify(p.audit) : null,
    audited ? author : null,
    audited ? 1 : 0,
    p.state ? Math.trunc(p.state.mtimeMs) : null,
    p.state ? p.state.hash : null,
  ];
}
