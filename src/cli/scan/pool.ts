/**
 * Runs scanFile on many files at once. Two implementations behind one interface: worker threads
 * across the cores (the CLI), and in-process (tests, `--jobs 1`). A worker that crashes, runs out of
 * memory or exceeds the per-file time limit is replaced; its file becomes a row with that error.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { AtomicFs } from "../ooxml/atomic";
import { WORKER_YOUNG_GENERATION_MB, keepScanHeapsBounded } from "./heapBounds";
import type { ScanRow } from "./row";
import { type ScanJob, type ScanSettings, jobRow, scanFile } from "./scanFile";

export interface FileScanner {
  /** How many files it works on at once. */
  readonly concurrency: number;
  scan(job: ScanJob): Promise<ScanRow>;
  close(): Promise<void>;
  /** Once every thread it starts is up: what starting them changed in the process is done. */
  started?(): Promise<void>;
}

export function inProcessScanner(settings: ScanSettings, fsys?: AtomicFs): FileScanner {
  return {
    concurrency: 1,
    scan: (job) => scanFile(job, settings, fsys),
    close: async () => {},
  };
}

export interface WorkerScannerOptions {
  workers: number;
  /** A file taking longer than this is abandoned (its worker is replaced). */
  fileTimeoutMs: number;
  /** Heap limit per worker: a hostile file exhausts its worker, not the scan. */
  maxHeapMb: number;
  /** The compiled worker script; defaults to worker.js beside this module. */
  workerPath?: string;
}

interface Slot {
  worker: Worker;
  job: { id: number; job: ScanJob; resolve: (row: ScanRow) => void; timer: NodeJS.Timeout } | null;
  /** Once the worker runs (or stopped before it could). */
  started: Promise<void>;
}

function failedRow(job: ScanJob, code: string, message: string): ScanRow {
  return { ...jobRow(job), action: "error", error: message, errorCode: code };
}

export function defaultWorkerPath(): string {
  return join(__dirname, "worker.js");
}

export function workerScanner(settings: ScanSettings, options: WorkerScannerOptions): FileScanner {
  const workerPath = options.workerPath ?? defaultWorkerPath();
  if (!existsSync(workerPath))
    throw new Error(
      `worker threads need the compiled CLI (${workerPath} is missing): run \`npm run build\`, or use --jobs 1`,
    );
  const slots: Slot[] = [];
  const queue: Array<{ job: ScanJob; resolve: (row: ScanRow) => void }> = [];
  let nextId = 1;
  let closing = false;

  const settle = (slot: Slot, row: ScanRow) => {
    const current = slot.job;
    if (!current) return;
    clearTimeout(current.timer);
    slot.job = null;
    current.resolve(row);
  };

  const spawn = (): Slot => {
    const worker = new Worker(workerPath, {
      workerData: settings,
      resourceLimits: {
        maxOldGenerationSizeMb: options.maxHeapMb,
        maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
      },
    });
    // Referenced until it runs, so that waiting for it keeps the process alive.
    const started = new Promise<void>((resolve) => {
      worker.once("online", () => {
        keepScanHeapsBounded();
        if (!slot.job) worker.unref();
        resolve();
      });
      worker.once("exit", () => resolve());
    });
    const slot: Slot = { worker, job: null, started };
    worker.on("message", (msg: { id: number; row: ScanRow }) => {
      if (slot.job && slot.job.id === msg.id) settle(slot, msg.row);
      dispatch();
    });
    const replace = (code: string, message: string) => {
      if (slot.job) settle(slot, failedRow(slot.job.job, code, message));
      const index = slots.indexOf(slot);
      if (index >= 0 && !closing) {
        slots[index] = spawn();
        dispatch();
      }
    };
    worker.on("error", (err) => {
      const oom = (err as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
      replace(
        oom ? "out-of-memory" : "worker-crashed",
        oom
          ? `reading the file exhausted the worker's ${options.maxHeapMb} MB heap`
          : `the worker crashed: ${err.message}`,
      );
    });
    worker.on("exit", () => replace("worker-crashed", "the worker stopped while reading the file"));
    return slot;
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.job || queue.length === 0) continue;
      const next = queue.shift()!;
      const id = nextId++;
      const timer = setTimeout(() => {
        if (!slot.job || slot.job.id !== id) return;
        settle(
          slot,
          failedRow(
            next.job,
            "timeout",
            `reading the file took longer than ${Math.round(options.fileTimeoutMs / 1000)} s; abandoned`,
          ),
        );
        void slot.worker.terminate();
      }, options.fileTimeoutMs);
      slot.job = { id, job: next.job, resolve: next.resolve, timer };
      slot.worker.ref();
      // Without the bytes a caller may have read: the worker reads the file itself rather than the
      // main thread copying it across.
      slot.worker.postMessage({ id, job: { ...next.job, bytes: undefined } });
    }
    for (const slot of slots) if (!slot.job) slot.worker.unref();
  };

  for (let i = 0; i < Math.max(1, options.workers); i++) slots.push(spawn());

  return {
    concurrency: slots.length,
    async started() {
      await Promise.all(slots.map((s) => s.started));
    },
    scan(job) {
      return new Promise<ScanRow>((resolve) => {
        queue.push({ job, resolve });
        dispatch();
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
