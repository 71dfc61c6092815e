/**
 * Report queries on SQLite off the main thread: better-sqlite3 is synchronous, so a report that
 * reads for 5 s held every other request — /healthz included — for 5 s. A worker thread keeps its
 * own read-only connection to the same file (WAL lets it read while the server writes) and runs the
 * queries one at a time; the main thread only waits for a message.
 */
import { Worker } from "node:worker_threads";
import type { Row, SqlExecutor } from "./sql";

/** The worker's whole program (plain CommonJS, so the same text runs from sources and from the build). */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");
const statements = new Map();
parentPort.on("message", ({ id, sql, values }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statements.size > 200) statements.clear();
      statements.set(sql, statement);
    }
    parentPort.postMessage({ id, rows: statement.all(...values) });
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});
`;

interface Reply {
  id: number;
  rows?: Row[];
  error?: string;
}

export class SqliteReader implements SqlExecutor {
  private worker: Worker | null = null;
  private next = 0;
  private readonly waiting = new Map<number, { ok: (rows: Row[]) => void; fail: (err: Error) => void }>();

  constructor(
    private readonly path: string,
    /** `$1` placeholders → SQLite's, and values as better-sqlite3 takes them. */
    private readonly prepare: (sql: string, params: unknown[]) => { text: string; values: unknown[] },
  ) {}

  private start(): Worker {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { driver: require.resolve("better-sqlite3"), path: this.path },
    });
    // The reader never keeps the process alive: a server that is stopping does not wait for it.
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (reply.error !== undefined) waiter.fail(new Error(reply.error));
      else waiter.ok(reply.rows ?? []);
    });
    const failAll = (err: Error) => {
      this.worker = null;
      for (const waiter of this.waiting.values()) waiter.fail(err);
      this.waiting.clear();
    };
    worker.on("error", failAll);
    worker.on("exit", (code) => failAll(new Error(`the SQLite reader thread stopped (exit code ${code})`)));
    return worker;
  }

  query<T extends Row = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    const { text, values } = this.prepare(sql, params);
    const id = this.next++;
    const worker = (this.worker ??= this.start());
    return new Promise<T[]>((ok, fail) => {
      this.waiting.set(id, { ok: ok as (rows: Row[]) => void, fail });
      worker.postMessage({ id, sql: text, values });
    });
  }

  run(): Promise<number> {
    return Promise.reject(new Error("the SQLite reader only reads"));
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
