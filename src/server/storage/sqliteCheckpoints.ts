/**
 * WAL checkpoints on SQLite off the main thread. By default the connection that commits copies the
 * WAL back into the database file (and syncs it) every 1,000 pages, inside that COMMIT — on the
 * event loop, where at scale it took as long as the inserts themselves (docs/benchmarks.md, "Audit
 * ingestion at scale"). The server's connection turns that off and a worker thread with its own
 * connection runs a PASSIVE checkpoint every `intervalMs`, which never blocks the writer.
 */
import { Worker } from "node:worker_threads";

/** The worker's whole program (plain CommonJS, so the same text runs from sources and from the build). */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
// A failed checkpoint (the file busy for 5 s) is retried at the next tick.
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {}
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m !== "stop") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export class SqliteCheckpoints {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private closing = false;

  /**
   * Starts checkpointing `path`; `fallBack` is called if the worker stops on its own, so the caller
   * can turn the connection's own checkpoints back on rather than let the WAL grow.
   */
  constructor(path: string, intervalMs: number, fallBack: () => void) {
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { driver: require.resolve("better-sqlite3"), path, intervalMs },
    });
    // Checkpoints never keep the process alive.
    this.worker.unref();
    this.worker.on("error", () => undefined);
    this.exited = new Promise<void>((resolve) =>
      this.worker.once("exit", () => {
        if (!this.closing) fallBack();
        resolve();
      }),
    );
  }

  /** Runs a last checkpoint and stops the worker. */
  async close(): Promise<void> {
    this.closing = true;
    // Held while it stops: an unref'd worker alone would let the process exit mid-await.
    this.worker.ref();
    this.worker.postMessage("stop");
    await this.exited;
  }
}
