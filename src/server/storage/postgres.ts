/**
 * PostgreSQL through a pg pool. Several instances share one database: the schema is the same as
 * SQLite's, migrations take an advisory lock, and concurrency control lives in the SQL itself.
 */
import { Pool, type PoolClient } from "pg";
import type { Row, SqlConnection, SqlExecutor } from "./sql";
import { SqlStore } from "./sql";
import { PostgresAuditWriter } from "./postgresAuditWriter";

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Any constant shared by every instance; it names the migration lock. */
const MIGRATION_LOCK = 7_345_021;

function executor(client: Pool | PoolClient): SqlExecutor {
  return {
    query: async <T extends Row>(sql: string, params: unknown[] = []) =>
      (await client.query(sql, params)).rows as T[],
    run: async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rowCount ?? 0,
  };
}

class PostgresConnection implements SqlConnection {
  readonly engine = "postgres" as const;
  private readonly direct: SqlExecutor;
  /** Audit batches, written in groups by a few transactions at a time (postgresAuditWriter.ts). */
  readonly auditWriter = new PostgresAuditWriter((fn) => this.transaction(fn));

  constructor(
    private readonly pool: Pool,
    private readonly schema: string | undefined,
  ) {
    this.direct = executor(pool);
  }

  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.direct.query<T>(sql, params);
  }

  run(sql: string, params?: unknown[]): Promise<number> {
    return this.direct.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlExecutor, abort: () => void) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let aborted = false;
    try {
      await client.query("BEGIN");
      const result = await fn(executor(client), () => (aborted = true));
      await client.query(aborted ? "ROLLBACK" : "COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async lockForMigration(tx: SqlExecutor): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    if (this.schema) await tx.run(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
  }

  async close(): Promise<void> {
    await this.auditWriter.close();
    await this.pool.end();
  }
}

export interface PostgresOptions {
  connectionString: string;
  /** Keep the tables in this schema (created on migrate); used to isolate test runs. */
  schema?: string;
  /** Pool size per instance. */
  max?: number;
}

export function openPostgresStore(options: PostgresOptions): SqlStore {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema))
    throw new Error(`schema '${options.schema}' must be lower-case letters, digits and '_'`);
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on("error", () => undefined);
  return new SqlStore(new PostgresConnection(pool, options.schema));
}
