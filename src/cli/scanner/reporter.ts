/**
 * Streams a unit's result rows to the backend as they are made: a request per unit's worth of rows,
 * 512 KB or 2 seconds, one at a time and in order, the last one saying `done`. Nothing is held beyond
 * the current batch, whatever the size of the unit. A unit of small files goes in one request: the
 * backend's cost is mostly per request (docs/benchmarks.md, "Scanner cluster: one write per file").
 */
import { FILES_PER_UNIT, type FileResult } from "../../server/scanJobs/wire";
import type { ScannerClient } from "./client";

const MAX_ROWS = FILES_PER_UNIT;
const MAX_BYTES = 512 * 1024;
const MAX_WAIT_MS = 2000;

/**
 * About what a result weighs in JSON, without serialising it twice: the row's fixed fields, its
 * texts and its lists. Only used to keep a request well under the backend's body limit.
 */
const WEIGHTS: Array<[string, number]> = [
  ["warnings", 300],
  ["labelNotes", 300],
  ["labels", 400],
  ["infoTypes", 150],
  // An audit event repeats the path and the information types in its details.
  ["audit", 2500],
];

function estimateBytes(result: FileResult): number {
  const row = result.row as (FileResult["row"] & Record<string, unknown>) | null;
  if (!row) return 200 + result.path.length;
  let bytes = 700 + 2 * result.path.length + String(row.reason ?? "").length + String(row.error ?? "").length;
  for (const [key, weight] of WEIGHTS) {
    const list = row[key];
    if (Array.isArray(list)) bytes += list.length * weight;
  }
  return bytes;
}

export class UnitReporter {
  private batch: FileResult[] = [];
  private bytes = 0;
  private lastSent = Date.now();
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private added = 0;

  /** `files`: how many results the unit will have; the last one goes with `done` (finish). */
  constructor(
    private readonly client: ScannerClient,
    private readonly runId: string,
    private readonly unitId: string,
    private readonly claim: number,
    private readonly files: number,
  ) {}

  /** The first error a send met (the unit was lost, or the backend kept failing). */
  get failed(): unknown {
    return this.failure;
  }

  add(result: FileResult): void {
    if (this.failure) return;
    this.batch.push(result);
    this.bytes += estimateBytes(result);
    // The unit's last result waits for finish(), so a full unit goes in one request, not two.
    if (++this.added >= this.files) return;
    if (this.batch.length >= MAX_ROWS || this.bytes >= MAX_BYTES || Date.now() - this.lastSent >= MAX_WAIT_MS)
      this.send(false);
  }

  private send(done: boolean): void {
    const rows = this.batch;
    this.batch = [];
    this.bytes = 0;
    this.lastSent = Date.now();
    this.chain = this.chain.then(async () => {
      if (this.failure) return;
      try {
        await this.client.results(this.runId, this.unitId, this.claim, rows, done);
      } catch (err) {
        this.failure = err;
      }
    });
  }

  /** Sends what is left with `done`; throws what any send met. */
  async finish(): Promise<void> {
    this.send(true);
    await this.chain;
    if (this.failure) throw this.failure;
  }

  /** Waits for the sends under way, without finishing the unit. */
  async settle(): Promise<void> {
    await this.chain;
  }
}
