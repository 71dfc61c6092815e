/**
 * SQLite through better-sqlite3 (synchronous). The main connection, plus threads with their own:
 * audit batches are written by a writer thread (sqliteWriter.ts), reports read on a reader thread
 * (sqliteReader.ts), checkpoints run on a third (sqliteCheckpoints.ts). Because a transaction's body
 * awaits, other requests could otherwise slip statements into it, so the main connection's
 * statements wait while its transaction is open; its writes and the writer thread's take turns
 * (writeTurn.ts).
 */
import Database from "better-sqlite3";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import type { Row, SqlConnection, SqlExecutor } from "./sql";
import { SqlStore } from "./sql";
import { SqliteReader } from "./sqliteReader";
import { SqliteCheckpoints } from "./sqliteCheckpoints";
import { SqliteAuditWriter } from "./sqliteWriter";
import { SQLITE_AUDIT_SQL } from "./auditRows";
import { WriteTurn } from "./writeTurn";

interface Rewritten {
  text: string;
  /** For each `?`, the index of the parameter it takes. */
  order: number[];
}

const rewrites = new Map<string, Rewritten>();

/** `$1`, `$2`… → `?` in order of appearance, with the parameters re-ordered to match (memoised: hot path). */
function toSqlite(sql: string, params: unknown[]): { text: string; values: unknown[] } {
  let rewritten = rewrites.get(sql);
  if (!rewritten) {
    const order: number[] = [];
    const text = sql.replace(/\$(\d+)/g, (_m, n: string) => {
      order.push(Number(n) - 1);
      return "?";
    });
    rewritten = { text, order };
    if (rewrites.size > 1000) rewrites.clear();
    rewrites.set(sql, rewritten);
  }
  return { text: rewritten.text, values: rewritten.order.map((i) => params[i]) };
}

const normalise = (v: unknown): unknown =>
  typeof v === "boolean" ? (v ? 1 : 0) : v === undefined ? null : v;

/** `$1`… → `?` and values as better-sqlite3 binds them. */
function bindable(sql: string, params: unknown[]): { text: string; values: unknown[] } {
  const { text, values } = toSqlite(sql, params);
  return { text, values: values.map(normalise) };
}

class SqliteConnection implements SqlConnection {
  readonly engine = "sqlite" as const;
  private readonly statements = new Map<string, Database.Statement>();
  /** Set while this connection's own transaction is open: its statements must not mix with others. */
  private busy: Promise<void> | null = null;

  constructor(
    private readonly db: Database.Database,
    /** Shared with the writer thread: one writer at a time in this process. */
    private readonly turn: WriteTurn,
    readonly reader?: SqliteReader,
    readonly auditWriter?: SqliteAuditWriter,
    private readonly checkpoints?: SqliteCheckpoints,
  ) {}

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private direct: SqlExecutor = {
    query: async <T extends Row>(sql: string, params: unknown[] = []) => {
      const { text, values } = bindable(sql, params);
      const stmt = this.statement(text);
      if (!stmt.reader) {
        stmt.run(...values);
        return [] as T[];
      }
      return stmt.all(...values) as T[];
    },
    run: async (sql: string, params: unknown[] = []) => {
      const { text, values } = bindable(sql, params);
      return this.statement(text).run(...values).changes;
    },
  };

  /**
   * Runs one statement outside a transaction. Reads go at once (WAL: they never wait for the writer
   * thread); writes take the write turn. The `while` re-checks synchronously after each wake-up, so
   * nothing can start between the check and the statement (or the next transaction's BEGIN).
   */
  private async outside<T>(sql: string, run: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    while (this.busy) await this.busy;
    if (this.statement(bindable(sql, []).text).readonly) return run(this.direct);
    const release = await this.turn.take();
    try {
      return await run(this.direct);
    } finally {
      release();
    }
  }

  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.outside(sql, (tx) => tx.query<T>(sql, params));
  }

  run(sql: string, params?: unknown[]): Promise<number> {
    return this.outside(sql, (tx) => tx.run(sql, params));
  }

  async transaction<T>(fn: (tx: SqlExecutor, abort: () => void) => Promise<T>): Promise<T> {
    const release = await this.turn.take();
    let ended!: () => void;
    this.busy = new Promise<void>((resolve) => (ended = resolve));
    let aborted = false;
    try {
      // IMMEDIATE takes the write lock now, so another process writing the same file waits (busy_timeout)
      // instead of failing half-way.
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(this.direct, () => (aborted = true));
        this.db.exec(aborted ? "ROLLBACK" : "COMMIT");
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw err;
      }
    } finally {
      this.busy = null;
      ended();
      release();
    }
  }

  async lockForMigration(): Promise<void> {
    // BEGIN IMMEDIATE already holds the database's write lock.
  }

  async close(): Promise<void> {
    await this.auditWriter?.close();
    while (this.busy) await this.busy;
    await this.reader?.close();
    await this.checkpoints?.close();
    if (this.db.open) this.db.close();
  }
}

export interface SqliteOptions {
  /** A file path, or ":memory:". */
  path: string;
  /** Inbox events that make the writer thread move them into audit_events (sqliteWriter.ts). */
  inboxMergeEvents?: number;
}

/** How often the checkpoint thread copies the WAL into the database file. */
const CHECKPOINT_MS = 500;
/** SQLite's own default (pages), restored if the checkpoint thread stops. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/** Owner-only modes: the database holds user names and justifications. */
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/**
 * Creates the directory (0700) and the database file (0600) before SQLite opens it: SQLite gives its
 * -wal and -shm files the database file's mode. A database made by an older version is narrowed too.
 */
export function preparePrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR });
  if (!existsSync(path)) closeSync(openSync(path, "a", PRIVATE_FILE));
  for (const file of [path, `${path}-wal`, `${path}-shm`])
    if (existsSync(file)) chmodSync(file, PRIVATE_FILE);
}

export function openSqliteStore(options: SqliteOptions): SqlStore {
  if (options.path !== ":memory:") preparePrivateFile(options.path);
  const db = new Database(options.path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  // An in-memory database has no file a second connection could open.
  const turn = new WriteTurn();
  if (options.path === ":memory:") return new SqlStore(new SqliteConnection(db, turn));
  const reader = new SqliteReader(options.path, bindable);
  db.pragma("wal_autocheckpoint = 0");
  const writer = new SqliteAuditWriter(options.path, SQLITE_AUDIT_SQL, turn, 0, options.inboxMergeEvents);
  const checkpoints = new SqliteCheckpoints(options.path, CHECKPOINT_MS, () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    writer.setAutocheckpoint(SQLITE_DEFAULT_AUTOCHECKPOINT);
  });
  return new SqlStore(new SqliteConnection(db, turn, reader, writer, checkpoints));
}
