/**
 * Carrying out one claimed unit. A walk unit: list the folder, report it (folders, batches, error
 * rows). A files unit: for each file, skip it when unchanged since the last run (fileCheck.ts) or
 * scan it with the run's scanner (the same scanFile as `labelbridge scan`), streaming the rows.
 */
import { withoutEmptyFields } from "../../server/scanJobs/storedRow";
import type { ClaimedUnit, FileResult, RunSpec, UnitFile } from "../../server/scanJobs/wire";
import type { FileScanner } from "../scan/pool";
import { type ScanRow, emptyRow } from "../scan/row";
import { type FileType, familyOf } from "../formats/fileType";
import { TEXT_CHUNK_BYTES } from "../formats/plainText";
import type { ScannerClient } from "./client";
import { checkFile, contentHash, seen } from "./fileCheck";
import { UnitReporter } from "./reporter";
import { listFolder } from "./walkUnit";

/** What one walk report carries at most (the backend's limits are 100 batches, 10,000 folders). */
const BATCHES_PER_REPORT = 20;
const DIRS_PER_REPORT = 5000;

/** Counts the node reports in its heartbeats. */
export interface NodeCounters {
  filesDone: number;
  bytesDone: number;
  errors: number;
}

/** Bounds the files read at once across all the node's units. */
export class Slots {
  private waiting: Array<() => void> = [];
  private free: number;

  constructor(count: number) {
    this.free = count;
  }

  async take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

export interface UnitDeps {
  client: ScannerClient;
  spec: RunSpec;
  /** The run's scanner, or why there is none (its policy could not be resolved). */
  scanner: FileScanner | { error: string };
  slots: Slots;
  counters: NodeCounters;
  /** True once the unit is no longer this node's (heartbeat said so) or the node is stopping. */
  dropped: () => boolean;
}

function scannedResult(
  row: ScanRow,
  state: { size: number; mtimeMs: number } | null,
  hash: string | null,
): FileResult {
  return {
    path: row.path,
    outcome: "scanned",
    // The size recorded with the mtime and hash: after a label was written, the file's new size.
    size: state?.size ?? row.size,
    mtimeMs: state?.mtimeMs ?? null,
    hash: state ? hash : null,
    // Without its empty fields: most of a row of a file with no label and no finding.
    row: withoutEmptyFields(row as unknown as NonNullable<FileResult["row"]>),
  };
}

async function scanOne(file: UnitFile, deps: UnitDeps): Promise<FileResult> {
  const { scanner } = deps;
  if ("error" in scanner)
    return scannedResult(
      {
        ...emptyRow(file.path, file.size, file.type),
        action: "error",
        error: scanner.error,
        errorCode: "policy",
      },
      null,
      null,
    );
  const check = await checkFile(file.path, file.previous);
  if (check.unchanged && check.seen && check.hash)
    return {
      path: file.path,
      outcome: "unchanged",
      size: check.seen.size,
      mtimeMs: check.seen.mtimeMs,
      hash: check.hash,
      row: null,
    };
  const row = await scanner.scan({
    path: file.path,
    size: check.seen?.size ?? file.size,
    type: file.type as FileType,
    // What the hash was taken from: a text file of up to one chunk is scanned without reading it
    // again (larger ones and other types are read by the scan, in bounded memory, as before).
    ...(check.bytes && check.bytes.length <= TEXT_CHUNK_BYTES && familyOf(file.type as FileType) === "text"
      ? { bytes: check.bytes }
      : {}),
  });
  if (row.action === "labeled" || row.action === "relabeled") {
    // What the next run compares against is the file as the scanner left it.
    const after = seen(file.path);
    return scannedResult(row, after, after ? await contentHash(file.path, after.size) : null);
  }
  return scannedResult(row, check.seen, check.hash);
}

export async function runFilesUnit(
  unit: Extract<ClaimedUnit, { kind: "files" }>,
  deps: UnitDeps,
): Promise<void> {
  const reporter = new UnitReporter(deps.client, unit.runId, unit.unitId, unit.claim, unit.files.length);
  await Promise.all(
    unit.files.map(async (file) => {
      await deps.slots.take();
      try {
        if (deps.dropped() || reporter.failed) return;
        const result = await scanOne(file, deps);
        deps.counters.filesDone++;
        deps.counters.bytesDone += result.size;
        if (result.row?.error) deps.counters.errors++;
        reporter.add(result);
      } finally {
        deps.slots.give();
      }
    }),
  );
  if (deps.dropped()) {
    await reporter.settle();
    return;
  }
  await reporter.finish();
}

export async function runWalkUnit(
  unit: Extract<ClaimedUnit, { kind: "walk" }>,
  deps: UnitDeps,
): Promise<void> {
  const listing = listFolder(unit, deps.spec);
  if (listing.problems.length > 0) {
    deps.counters.errors += listing.problems.length;
    await deps.client.results(
      unit.runId,
      unit.unitId,
      unit.claim,
      listing.problems.map((row) => scannedResult(row, null, null)),
      false,
    );
  }
  // Large folders go in several reports; only the last one finishes the unit.
  const reports = Math.max(
    1,
    Math.ceil(listing.batches.length / BATCHES_PER_REPORT),
    Math.ceil(listing.dirs.length / DIRS_PER_REPORT),
  );
  for (let i = 0; i < reports; i++) {
    const last = i === reports - 1;
    await deps.client.walk(unit.runId, unit.unitId, {
      claim: unit.claim,
      dir: listing.dir,
      dirs: listing.dirs.slice(i * DIRS_PER_REPORT, (i + 1) * DIRS_PER_REPORT),
      batches: listing.batches.slice(i * BATCHES_PER_REPORT, (i + 1) * BATCHES_PER_REPORT),
      skipped: last ? listing.skipped : 0,
      done: last,
    });
  }
}
