/**
 * A scan run: find the files, hand them to the scanner a few at a time (bounded memory however many
 * files there are), collect one row per file (and per walk problem), report progress.
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
  /** Remove the temporary files interrupted labeling left (enforce); otherwise they are reported. */
  removeStaleTemps?: boolean;
  onProgress?: (p: ScanProgress) => void;
  walkFs?: WalkFs;
}

export interface ScanResult {
  /** Sorted by path. */
  rows: ScanRow[];
  filesScanned: number;
  bytesScanned: number;
  /** Files left out by type or glob. */
  skipped: number;
  durationMs: number;
}

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
  const rows: ScanRow[] = found.problems.map((p) => ({
    ...emptyRow(p.path, 0, "-"),
    action: "error" as const,
    error: p.message,
    errorCode: p.code,
  }));
  rows.push(...staleTempRows(found.temps, options.removeStaleTemps === true));
  progress.errors = rows.filter((r) => r.error !== null).length;
  progress.phase = "scanning";
  progress.filesTotal = found.files.length;
  progress.bytesTotal = found.files.reduce((s, f) => s + f.size, 0);
  report();

  const inFlight = Math.max(1, options.scanner.concurrency * 2);
  let next = 0;
  const runner = async () => {
    while (next < found.files.length) {
      const file = found.files[next++];
      const row = await options.scanner.scan(file);
      rows.push(row);
      progress.filesDone++;
      progress.bytesDone += file.size;
      if (row.error !== null) progress.errors++;
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, Math.max(1, found.files.length)) }, runner));
  progress.phase = "done";
  report();
  rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    rows,
    filesScanned: found.files.length,
    bytesScanned: progress.bytesTotal,
    skipped: found.skipped,
    durationMs: Date.now() - startedAt,
  };
}
