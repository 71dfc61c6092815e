/**
 * A scan run: survey the paths (counts, problems, stale temporary files), then walk them again and
 * hand each file to the scanner as it is found, passing each row on as soon as the rows before it
 * are done — walk problems and stale temporary files first, then the files in the order the walk
 * found them. Nothing grows with the number of files: the walk runs at most WALK_AHEAD files ahead
 * of the scanner (it waits), and a slow file holds back at most REORDER_WINDOW finished rows (the
 * scanner waits).
 */
import { BoundedQueue } from "./boundedQueue";
import type { FsPath } from "./fsPath";
import { emptyRow, type ScanRow } from "./row";
import type { FileScanner } from "./pool";
import { staleTempRows } from "./staleTemps";
import {
  type WalkFs,
  type WalkItem,
  type WalkOptions,
  type WalkProblem,
  streamTree,
  surveyTree,
} from "./walk";

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

/** Files the walk finds ahead of the scanner, at most. */
export const WALK_AHEAD = 64;

function problemRow(p: WalkProblem): ScanRow {
  return { ...emptyRow(p.path, 0, "-"), action: "error", error: p.message, errorCode: p.code };
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
  const survey = await surveyTree(
    options.roots,
    options,
    (n) => {
      progress.filesFound = n;
      report();
    },
    options.walkFs,
  );
  const early = survey.problems.map(problemRow);
  early.push(...staleTempRows(survey.temps, options.removeStaleTemps === true));
  for (const row of early) options.onRow(row);
  progress.errors = early.filter((r) => r.error !== null).length;
  progress.phase = "scanning";
  progress.filesTotal = survey.files;
  progress.bytesTotal = survey.bytes;
  report();

  const found = new BoundedQueue<WalkItem>(WALK_AHEAD);
  const walking = streamTree(options.roots, options, survey, (item) => found.push(item), options.walkFs).then(
    () => found.end(),
    (err: unknown) => found.fail(err),
  );
  const done = new Map<number, ScanRow>();
  let emitted = 0;
  let next = 0;
  let files = 0;
  let bytes = 0;
  const waiting: Array<() => void> = [];
  const emitReady = () => {
    while (done.has(emitted)) {
      const row = done.get(emitted)!;
      done.delete(emitted);
      emitted++;
      options.onRow(row);
    }
    for (const wake of waiting.splice(0)) wake();
  };
  const scanNext = async (item: WalkItem): Promise<ScanRow> => {
    if ("problem" in item) {
      progress.errors++;
      return problemRow(item.problem);
    }
    const row = await options.scanner.scan(item.file);
    files++;
    bytes += item.file.size;
    progress.filesDone++;
    progress.bytesDone += item.file.size;
    if (row.error !== null) progress.errors++;
    return row;
  };
  const runner = async () => {
    for (;;) {
      while (next - emitted >= REORDER_WINDOW) await new Promise<void>((r) => waiting.push(r));
      // Numbered before taking: the queue serves runners in the order they ask, so in walk order.
      const index = next++;
      const item = await found.take();
      if (item === null) return;
      done.set(index, await scanNext(item));
      emitReady();
      report();
    }
  };
  const inFlight = Math.max(1, options.scanner.concurrency * 2);
  await Promise.all(Array.from({ length: inFlight }, runner));
  await walking;
  progress.phase = "done";
  // The survey's count is ahead when the tree changed since, or a plain file was also behind a link.
  progress.filesTotal = files;
  progress.bytesTotal = bytes;
  report();
  return {
    filesScanned: files,
    bytesScanned: bytes,
    skipped: survey.skipped,
    durationMs: Date.now() - startedAt,
  };
}
