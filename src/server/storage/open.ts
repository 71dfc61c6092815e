/** Picks the engine: PostgreSQL when a URL is given, otherwise SQLite under the data directory. */
import { join } from "node:path";
import type { Store } from "./store";
import { openSqliteStore } from "./sqlite";
import { openPostgresStore } from "./postgres";

export interface StoreLocation {
  databaseUrl?: string;
  dataDir: string;
}

export function openStore(location: StoreLocation): Store {
  if (location.databaseUrl) return openPostgresStore({ connectionString: location.databaseUrl });
  return openSqliteStore({ path: join(location.dataDir, "labelbridge.db") });
}

/** Where the store lives, for log lines (never the password). */
export function describeStore(location: StoreLocation): string {
  if (!location.databaseUrl) return `SQLite ${join(location.dataDir, "labelbridge.db")}`;
  try {
    const url = new URL(location.databaseUrl);
    return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}
