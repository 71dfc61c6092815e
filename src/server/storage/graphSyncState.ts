/**
 * How the Graph sync of each tenant last went (migration 3). Shared by every instance through the
 * database, so the status an admin reads is the same whichever instance synced.
 */
import type { SqlExecutor } from "./sql";

export interface GraphSyncState {
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  /** The policy version the last applying sync wrote. */
  lastAppliedVersion: number | null;
  lastError: { at: string; code: string; message: string } | null;
  /** `applied`, `unchanged`, `dry-run` or `failed`. */
  lastOutcome: string | null;
}

export const EMPTY_SYNC_STATE: GraphSyncState = {
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastAppliedVersion: null,
  lastError: null,
  lastOutcome: null,
};

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export class GraphSyncStateStore {
  constructor(private readonly db: SqlExecutor) {}

  async get(tenantId: string): Promise<GraphSyncState> {
    const rows = await this.db.query(`SELECT * FROM graph_sync_state WHERE tenant_id = $1`, [tenantId]);
    if (rows.length === 0) return { ...EMPTY_SYNC_STATE };
    const r = rows[0];
    const errorAt = str(r.last_error_at);
    return {
      lastAttemptAt: str(r.last_attempt_at),
      lastSuccessAt: str(r.last_success_at),
      lastAppliedVersion: r.last_applied_version === null ? null : Number(r.last_applied_version),
      lastError: errorAt
        ? { at: errorAt, code: str(r.last_error_code) ?? "", message: str(r.last_error) ?? "" }
        : null,
      lastOutcome: str(r.last_outcome),
    };
  }

  /** A sync that read Purview: clears the last error. */
  async succeeded(
    tenantId: string,
    at: string,
    outcome: string,
    appliedVersion: number | null,
  ): Promise<void> {
    await this.db.run(
      `INSERT INTO graph_sync_state (tenant_id, last_attempt_at, last_success_at, last_applied_version, last_outcome)
       VALUES ($1, $2, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE SET last_attempt_at = $2, last_success_at = $2,
         last_applied_version = COALESCE($3, graph_sync_state.last_applied_version), last_outcome = $4,
         last_error_at = NULL, last_error_code = NULL, last_error = NULL`,
      [tenantId, at, appliedVersion, outcome],
    );
  }

  /** A sync that failed: the last success (and the policy it wrote) stay as they were. */
  async failed(tenantId: string, at: string, code: string, message: string): Promise<void> {
    await this.db.run(
      `INSERT INTO graph_sync_state (tenant_id, last_attempt_at, last_error_at, last_error_code, last_error, last_outcome)
       VALUES ($1, $2, $2, $3, $4, 'failed')
       ON CONFLICT (tenant_id) DO UPDATE SET last_attempt_at = $2, last_error_at = $2, last_error_code = $3,
         last_error = $4, last_outcome = 'failed'`,
      [tenantId, at, code, message.slice(0, 2000)],
    );
  }
}
