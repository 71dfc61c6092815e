/**
 * Temporary files that a labeling killed mid-write left beside the original
 * (`.NAME.labelbridge-PID-XXXXXXXX.tmp`, see ooxml/atomic.ts). A later enforce run removes the ones
 * whose process is gone and reports each; a file whose process still runs (a labeling in progress,
 * or a new process that got the same PID) is never touched. The PID is this machine's: on a share
 * that several machines label at once, run the cleanup from one of them.
 */
import { unlinkSync } from "node:fs";
import { displayPath } from "./fsPath";
import { type ScanRow, emptyRow } from "./row";
import type { TempFile } from "./walk";

/** Signal 0 checks that a process exists; EPERM means it exists under another user. */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === "EPERM";
  }
}

/** A row for each stale temporary file: removed when `remove`, else reported for enforce to remove. */
export function staleTempRows(
  temps: readonly TempFile[],
  remove: boolean,
  alive: (pid: number) => boolean = processAlive,
  unlink: (path: TempFile["path"]) => void = unlinkSync,
): ScanRow[] {
  const rows: ScanRow[] = [];
  for (const temp of temps) {
    if (alive(temp.pid)) continue;
    const row = emptyRow(displayPath(temp.path), 0, "tmp");
    const what = `temporary file of an interrupted labeling (process ${temp.pid}, no longer running)`;
    if (!remove) {
      row.action = "reported";
      row.reason = `${what}; left as it is: scan --mode enforce removes it`;
    } else {
      try {
        unlink(temp.path);
        row.action = "removed";
        row.reason = `${what}; removed`;
      } catch (err) {
        row.action = "error";
        row.errorCode = (err as { code?: string }).code ?? "io";
        row.error = `${what} could not be removed: ${(err as Error).message}`;
      }
    }
    rows.push(row);
  }
  return rows;
}
