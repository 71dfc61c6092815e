/**
 * A scan run: find the files, hand them to the scanner a few at a time, and pass each row on as soon
 * as the rows before it are done — walk problems and stale temporary files first, then the files in
 * the order the walk found them. No row is kept: a scan of any number of files holds only the rows
 * finished ahead of a slower one, and never more than REORDER_WINDOW of them (the scanner waits).
 */
import type { FsPath } from "./fsPath";
import { emptyRow, type ScanRow } from "./row";
import type { FileScanner } from "./pool";
import { staleTempRows } from "./staleTemps";
import { type WalkFs, type WalkOptions, walk } from "./walk";

export interface ScanProgress {
  phase: "finding" | "scanning" | "done";
  filesFound: number;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  errors: number;
  startedAt: number;
}

export interface ScanRunOptions extends WalkOptions {
  roots: FsPath[];
  scanner: FileScanner;
  /** Each row, in walk order, as soon as it and every row before it are done. */
  onRow: (row: ScanRow) => void;
  /** Remove the temporary files interrupted labeling left (enforce); otherwise they are reported. */
  removeStaleTemps?: boolean;
  onProgress?: (p: ScanProgress) => void;
  walkFs?: WalkFs;
}

export interface ScanResult {
  filesScanned: number;
  bytesScanned: number;
  /** Files left out by type or glob. */
  skipped: number;
  durationMs: number;
}

/** Rows finished ahead of an unfinished one, at most. */
export const REORDER_WINDOW = 4096;

export async function runScan(options: ScanRunOptions): Promise<ScanResult> {
  const startedAt = Date.now();
  const progress: ScanProgress = {
    phase: "finding",
    filesFound: 0,
    filesDone: 0,
    filesTotal: 0,
    bytesDone: 0,
    bytesTotal: 0,
    errors: 0,
    startedAt,
  };
  const report = () => options.onProgress?.({ ...progress });
  report();
  const found = await walk(
    options.roots,
    options,
    (n) => {
      progress.filesFound = n;
      report();
    },
    options.walkFs,
  );
  const early: ScanRow[] = found.problems.map((p) => ({
    ...emptyRow(p.path, 0, "-"),
    action: "error" as const,
    error: p.message,
    errorCode: p.code,
  }));
  early.push(...staleTempRows(found.temps, options.removeStaleTemps === true));
  for (const row of early) options.onRow(row);
  progress.errors = early.filter((r) => r.error !== null).length;
  progress.phase = "scanning";
  progress.filesTotal = found.files.length;
  progress.bytesTotal = found.files.reduce((s, f) => s + f.size, 0);
  report();

  const files = found.files;
  const done = new Map<number, ScanRow>();
  let emitted = 0;
  let next = 0;
  const waiting: Array<() => void> = [];
  const emitReady = () => {
    while (done.has(emitted)) {
      const row = done.get(emitted)!;
      done.delete(emitted);
      // The walk's entry is not needed again: let it go with its row.
      (files as unknown[])[emitted] = undefined;
      emitted++;
      options.onRow(row);
    }
    for (const wake of waiting.splice(0)) wake();
  };
  const runner = async () => {
    while (next < files.length) {
      while (next - emitted >= REORDER_WINDOW) await new Promise<void>((r) => waiting.push(r));
      const index = next++;
      const file = files[index];
      const row = await options.scanner.scan(file);
      progress.filesDone++;
      progress.bytesDone += file.size;
      if (row.error !== null) progress.errors++;
      done.set(index, row);
      emitReady();
      report();
    }
  };
  const inFlight = Math.max(1, options.scanner.concurrency * 2);
  await Promise.all(Array.from({ length: Math.min(inFlight, Math.max(1, files.length)) }, runner));
  progress.phase = "done";
  report();
  return {
    filesScanned: progress.filesTotal,
    bytesScanned: progress.bytesTotal,
    skipped: found.skipped,
    durationMs: Date.now() - startedAt,
  };
}
