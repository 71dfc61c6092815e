/**
 * The scan jobs' parts wired together over one store: the tables (after their migrations), the
 * queue for the engine (pg-boss on PostgreSQL, the table on SQLite) and the run facts cache.
 */
import type { FastifyBaseLogger } from "fastify";
import { SqlStore, type SqlConnection } from "../storage/sql";
import type { Store } from "../storage/store";
import type { ScanJobsConfig } from "./config";
import { JobsStore } from "./jobsStore";
import { migrateScanJobs } from "./migrations";
import { NodesStore } from "./nodesStore";
import { PgBossQueue } from "./pgBossQueue";
import type { UnitQueue } from "./queue";
import { ResultsStore } from "./resultsStore";
import { type RunFacts, RunsStore } from "./runsStore";
import { TableQueue } from "./tableQueue";
import { UnitsStore } from "./unitsStore";

export interface ScanJobsContext {
  store: Store;
  db: SqlConnection;
  queue: UnitQueue;
  config: ScanJobsConfig;
  jobs: JobsStore;
  runs: RunsStore;
  units: UnitsStore;
  results: ResultsStore;
  nodes: NodesStore;
  log: FastifyBaseLogger;
  now(): Date;
  /** A run's immutable facts, read once per run and instance. */
  facts(tenantId: string, runId: string): Promise<RunFacts | null>;
}

function connectionOf(store: Store): SqlConnection {
  // withWriteListener wraps the store in a proxy; the SqlStore underneath still answers.
  const connection = (store as Partial<SqlStore>).connection;
  if (!connection)
    throw new Error("scan jobs need the SQL store (SQLite or PostgreSQL); this store has no SQL connection");
  return connection;
}

/** The scan jobs' own tables, for `labelbridge migrate` (pg-boss creates its schema when it starts). */
export function migrateScanJobTables(store: Store): Promise<void> {
  return migrateScanJobs(connectionOf(store));
}

export async function openScanJobs(
  store: Store,
  config: ScanJobsConfig,
  log: FastifyBaseLogger,
  now: () => Date = () => new Date(),
): Promise<ScanJobsContext> {
  const db = connectionOf(store);
  await migrateScanJobs(db);
  const queue: UnitQueue =
    db.engine === "postgres"
      ? new PgBossQueue(db, { schema: config.queueSchema, expireSeconds: config.unitExpireSeconds })
      : new TableQueue(db);
  const units = new UnitsStore(queue);
  const runs = new RunsStore(db, units);
  const cache = new Map<string, RunFacts>();
  return {
    store,
    db,
    queue,
    config,
    jobs: new JobsStore(db),
    runs,
    units,
    results: new ResultsStore(db.engine),
    nodes: new NodesStore(),
    log,
    now,
    async facts(tenantId, runId) {
      const key = `${tenantId}/${runId}`;
      let facts = cache.get(key);
      if (!facts) {
        const read = await runs.facts(tenantId, runId);
        if (!read) return null;
        facts = read;
        if (cache.size >= 200) cache.clear();
        cache.set(key, facts);
      }
      return facts;
    },
  };
}
