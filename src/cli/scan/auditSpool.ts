/**
 * The audit events of a scan, kept on disk (JSON lines in the temporary folder) until the scan is
 * done and they are uploaded in batches: a scan of any size holds none of them in memory.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AuditEvent } from "../../core/audit";
import { TextFile, readLines } from "../report/stream";

export class AuditSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), "labelbridge-audit-"));
  private readonly file = new TextFile(join(this.dir, "events.jsonl"));
  count = 0;

  add(events: readonly AuditEvent[]): void {
    for (const e of events) {
      this.file.write(JSON.stringify(e) + "\n");
      this.count++;
    }
  }

  /** Hands the events over in batches of `size`, in order, each sent before the next is read. */
  async forEachBatch(size: number, send: (batch: AuditEvent[]) => Promise<void>): Promise<void> {
    this.file.close();
    let batch: AuditEvent[] = [];
    for (const line of readLines(this.file.path)) {
      batch.push(JSON.parse(line) as AuditEvent);
      if (batch.length === size) {
        await send(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await send(batch);
  }

  remove(): void {
    try {
      this.file.close();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
