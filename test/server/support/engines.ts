/**
 * The two databases every server suite runs against. PostgreSQL is never skipped: when it cannot be
 * reached the suite fails with the URL it tried. Each run gets its own schema, dropped at the end.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { openPostgresStore } from "../../../src/server/storage/postgres";
import { openSqliteStore } from "../../../src/server/storage/sqlite";
import type { Store } from "../../../src/server/storage/store";

export const TEST_DATABASE_URL =
  process.env.LABELBRIDGE_TEST_DATABASE_URL ||
  "postgres://labelbridge:labelbridge@127.0.0.1:5432/labelbridge_test";

export interface Engine {
  name: "sqlite" | "postgres";
  /** Opens a connection to this run's database (call again to "restart"). */
  open(): Store;
  /** Drops what the run made. */
  dispose(): Promise<void>;
}

export type EngineFactory = () => Promise<Engine>;

export const sqliteEngine: EngineFactory = async () => {
  const dir = mkdtempSync(join(tmpdir(), "labelbridge-sqlite-"));
  const path = join(dir, "test.db");
  return {
    name: "sqlite",
    open: () => openSqliteStore({ path }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

export const postgresEngine: EngineFactory = async () => {
  const schema = `lb_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
    await admin.query("SELECT 1");
  } catch (err) {
    throw new Error(
      `PostgreSQL suite cannot connect to ${TEST_DATABASE_URL.replace(/:[^:@/]*@/, ":***@")}: ${(err as Error).message}. ` +
        "Start it with scripts/ci/start-postgres.sh and export LABELBRIDGE_TEST_DATABASE_URL.",
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
  return {
    name: "postgres",
    open: () => openPostgresStore({ connectionString: TEST_DATABASE_URL, schema, max: 5 }),
    dispose: async () => {
      const c = new Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
};

export const ENGINES: [string, EngineFactory][] = [
  ["SQLite", sqliteEngine],
  ["PostgreSQL", postgresEngine],
];
