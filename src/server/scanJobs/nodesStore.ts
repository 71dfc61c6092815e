/** The scanner nodes of each tenant: registered, seen by their heartbeats, lost when they fall silent. */
import type { SqlExecutor } from "../storage/sql";
import { num, str } from "./sqlRows";
import type { NodeStats, ScannerNode } from "../../contracts/scanJobs";

export interface NodeInfo {
  node: string;
  principalId: string;
  host?: string;
  version?: string;
  jobs: number;
}

function nodeOf(r: Record<string, unknown>): ScannerNode {
  return {
    node: String(r.node),
    status: r.status as ScannerNode["status"],
    host: str(r.host),
    version: str(r.version),
    jobs: num(r.jobs),
    registeredAt: String(r.registered_at),
    lastSeenAt: String(r.last_seen_at),
    stats: r.stats ? (JSON.parse(String(r.stats)) as NodeStats) : null,
  };
}

export class NodesStore {
  /** Another live node of the tenant seen since `since` (SQLite serves one node). */
  async otherLive(
    db: SqlExecutor,
    tenantId: string,
    node: string,
    since: string,
  ): Promise<ScannerNode | null> {
    const rows = await db.query(
      `SELECT * FROM scan_nodes WHERE tenant_id = $1 AND node <> $2 AND status = 'live' AND last_seen_at >= $3 LIMIT 1`,
      [tenantId, node, since],
    );
    return rows.length === 0 ? null : nodeOf(rows[0]);
  }

  async register(db: SqlExecutor, tenantId: string, info: NodeInfo, now: string): Promise<void> {
    await db.run(
      `INSERT INTO scan_nodes (tenant_id, node, principal_id, host, version, jobs, status, registered_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'live', $7, $7)
       ON CONFLICT (tenant_id, node) DO UPDATE SET principal_id = $3, host = $4, version = $5, jobs = $6,
         status = 'live', registered_at = $7, last_seen_at = $7, stats = NULL`,
      [tenantId, info.node, info.principalId, info.host ?? null, info.version ?? null, info.jobs, now],
    );
  }

  /** False when the node is not registered (or was declared lost: it must register again). */
  async heartbeat(
    db: SqlExecutor,
    tenantId: string,
    node: string,
    stats: NodeStats,
    now: string,
  ): Promise<boolean> {
    return (
      (await db.run(
        `UPDATE scan_nodes SET last_seen_at = $3, stats = $4 WHERE tenant_id = $1 AND node = $2 AND status = 'live'`,
        [tenantId, node, now, JSON.stringify(stats)],
      )) === 1
    );
  }

  async isLive(db: SqlExecutor, tenantId: string, node: string): Promise<boolean> {
    const rows = await db.query(
      `SELECT 1 AS ok FROM scan_nodes WHERE tenant_id = $1 AND node = $2 AND status = 'live'`,
      [tenantId, node],
    );
    return rows.length > 0;
  }

  async setStatus(db: SqlExecutor, tenantId: string, node: string, status: "lost" | "left"): Promise<void> {
    await db.run(`UPDATE scan_nodes SET status = $3 WHERE tenant_id = $1 AND node = $2`, [
      tenantId,
      node,
      status,
    ]);
  }

  /** Live nodes not heard from since `before`, across tenants. */
  async silent(
    db: SqlExecutor,
    before: string,
  ): Promise<Array<{ tenantId: string; node: string; lastSeenAt: string }>> {
    const rows = await db.query(
      `SELECT tenant_id, node, last_seen_at FROM scan_nodes WHERE status = 'live' AND last_seen_at < $1`,
      [before],
    );
    return rows.map((r) => ({
      tenantId: String(r.tenant_id),
      node: String(r.node),
      lastSeenAt: String(r.last_seen_at),
    }));
  }

  /** Declares a silent node lost, unless it spoke since it was found silent; true when it did so. */
  async declareLost(db: SqlExecutor, tenantId: string, node: string, lastSeenAt: string): Promise<boolean> {
    return (
      (await db.run(
        `UPDATE scan_nodes SET status = 'lost' WHERE tenant_id = $1 AND node = $2 AND status = 'live' AND last_seen_at = $3`,
        [tenantId, node, lastSeenAt],
      )) === 1
    );
  }

  async list(db: SqlExecutor, tenantId: string): Promise<ScannerNode[]> {
    const rows = await db.query(`SELECT * FROM scan_nodes WHERE tenant_id = $1 ORDER BY node`, [tenantId]);
    return rows.map(nodeOf);
  }
}
