/**
 * Streams a unit's result rows to the backend as they are made: a request every 100 rows, 512 KB
 * or 2 seconds, one at a time and in order, the last one saying `done`. Nothing is held beyond the
 * current batch, whatever the size of the unit.
 */
import type { FileResult } from "../../server/scanJobs/wire";
import type { ScannerClient } from "./client";

const MAX_ROWS = 100;
const MAX_BYTES = 512 * 1024;
const MAX_WAIT_MS = 2000;

export class UnitReporter {
  private batch: FileResult[] = [];
  private bytes = 0;
  private lastSent = Date.now();
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    private readonly client: ScannerClient,
    private readonly runId: string,
    private readonly unitId: string,
    private readonly claim: number,
  ) {}

  /** The first error a send met (the unit was lost, or the backend kept failing). */
  get failed(): unknown {
    return this.failure;
  }

  add(result: FileResult): void {
    if (this.failure) return;
    this.batch.push(result);
    this.bytes += JSON.stringify(result).length;
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
