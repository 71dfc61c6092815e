/**
 * The PostgreSQL queue: pg-boss 10 over the backend's own pool. One pg-boss queue per tenant, so a
 * node is only ever handed its tenant's units; walk units first (priority), so enumeration runs
 * ahead of scanning and totals are known early. Units are inserted, finished, re-queued and
 * cancelled inside the caller's transaction where it has one (pg-boss's `db` option), so the queue
 * and scan_units never disagree after a crash.
 */
import PgBoss from "pg-boss";
import type { SqlConnection, SqlExecutor } from "../storage/sql";
import type { Delivery, QueuedUnit, UnitQueue } from "./queue";

export interface PgBossQueueOptions {
  /** The schema pg-boss keeps its tables in. */
  schema: string;
  /**
   * Seconds a delivered unit may stay active before pg-boss hands it out again on its own. Lost
   * nodes are noticed much sooner by their missing heartbeats; this is the backstop.
   */
  expireSeconds: number;
}

/** Re-deliveries are ours to limit (scan_units.attempt); pg-boss must never give up on its own. */
const RETRY_LIMIT = 1_000_000;

function adapter(db: SqlExecutor): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: await db.query(text, values ?? []) }) };
}

export function queueName(tenantId: string): string {
  return `labelbridge-scan-units-${tenantId}`;
}

/**
 * pg-boss's schema: the configured one, except when the backend keeps its own tables in a schema of
 * their own (the connection's search_path, as test runs do); then beside them, so they go together.
 */
async function schemaFor(db: SqlConnection, configured: string): Promise<string> {
  const [row] = await db.query(`SELECT current_schema() AS schema`);
  const current = row?.schema ? String(row.schema) : "public";
  return current === "public" ? configured : current;
}

export class PgBossQueue implements UnitQueue {
  readonly name = "pg-boss" as const;
  readonly exclusiveDelivery = true;
  private boss: Promise<PgBoss> | null = null;
  private readonly created = new Set<string>();

  constructor(
    private readonly db: SqlConnection,
    private readonly options: PgBossQueueOptions,
  ) {}

  /** pg-boss starts (and creates its tables) when the scan jobs are first used, not with every backend. */
  private started(): Promise<PgBoss> {
    this.boss ??= (async () => {
      const boss = new PgBoss({
        db: adapter(this.db),
        schema: await schemaFor(this.db, this.options.schema),
        schedule: false,
        supervise: true,
        migrate: true,
      });
      // pg-boss reports maintenance failures as events; its next round retries them.
      boss.on("error", () => undefined);
      await boss.start();
      return boss;
    })().catch((err: unknown) => {
      this.boss = null;
      throw err;
    });
    return this.boss;
  }

  async stop(): Promise<void> {
    const boss = await this.boss?.catch(() => null);
    await boss?.stop({ graceful: false, close: false, wait: true });
  }

  private async queueOf(tenantId: string): Promise<string> {
    const boss = await this.started();
    const name = queueName(tenantId);
    if (!this.created.has(name)) {
      await boss.createQueue(name, {
        name,
        retryLimit: RETRY_LIMIT,
        retryDelay: 0,
        expireInSeconds: this.options.expireSeconds,
      });
      this.created.add(name);
    }
    return name;
  }

  async enqueue(tx: SqlExecutor, tenantId: string, units: QueuedUnit[]): Promise<void> {
    if (units.length === 0) return;
    const name = await this.queueOf(tenantId);
    await (
      await this.started()
    ).insert(
      units.map((u) => ({
        id: u.queueId,
        name,
        data: { runId: u.runId, unitId: u.unitId },
        priority: u.kind === "walk" ? 1 : 0,
      })),
      { db: adapter(tx) },
    );
  }

  async next(tenantId: string): Promise<Delivery | null> {
    const name = await this.queueOf(tenantId);
    const [job] = await (
      await this.started()
    ).fetch<{ runId: string; unitId: string }>(name, { batchSize: 1 });
    return job ? { runId: job.data.runId, unitId: job.data.unitId, queueId: job.id } : null;
  }

  async finished(tx: SqlExecutor, tenantId: string, queueIds: string[]): Promise<void> {
    if (queueIds.length === 0) return;
    // A unit finished while re-queued is not active in pg-boss: cancel covers every state before completed.
    await (await this.started()).cancel(await this.queueOf(tenantId), queueIds, { db: adapter(tx) });
  }

  async requeue(tx: SqlExecutor, tenantId: string, queueIds: string[]): Promise<void> {
    if (queueIds.length === 0) return;
    // Failing a job with retries left puts it back at once (retryDelay 0). pg-boss 10 takes ids,
    // data and options for many ids too; its typings only declare that form for one id.
    const boss = await this.started();
    const fail = boss.fail.bind(boss) as (
      name: string,
      ids: string[],
      data: object,
      options: PgBoss.ConnectionOptions,
    ) => Promise<void>;
    await fail(
      await this.queueOf(tenantId),
      queueIds,
      { reason: "its node was lost or gave it back" },
      {
        db: adapter(tx),
      },
    );
  }

  async drop(tx: SqlExecutor, tenantId: string, queueIds: string[]): Promise<void> {
    if (queueIds.length === 0) return;
    await (await this.started()).cancel(await this.queueOf(tenantId), queueIds, { db: adapter(tx) });
  }
}
