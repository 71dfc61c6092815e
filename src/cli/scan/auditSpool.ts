/**
 * The audit events of a scan, kept on disk (JSON lines in the temporary folder) until the scan is
 * done and they are uploaded in batches: a scan of any size holds none of them in memory.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AuditEvent, auditEventSchema } from "../../core/audit";
import { TextFile, readLines } from "../report/stream";
import { type UploadOptions, uploadInBatches } from "./server";

export class AuditSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), "labelbridge-audit-"));
  private readonly file = new TextFile(join(this.dir, "events.jsonl"));
  count = 0;
  private kept = false;

  add(events: readonly AuditEvent[]): void {
    for (const e of events) {
      this.file.write(JSON.stringify(e) + "\n");
      this.count++;
    }
  }

  /** The spooled events, in order, read a line at a time. */
  private *events(): Generator<AuditEvent> {
    this.file.close();
    for (const line of readLines(this.file.path)) yield JSON.parse(line) as AuditEvent;
  }

  /**
   * Uploads every event; when the server cannot take them, the file is kept and the error names it
   * and the command that sends it again (the events' ids make a second upload store each once).
   */
  async upload(server: string, token: string, options: UploadOptions = {}): Promise<number> {
    try {
      return await uploadInBatches(this.events(), server, token, options);
    } catch (err) {
      this.kept = true;
      throw new Error(
        `${(err as Error).message}; all ${this.count} event(s) are kept in ${this.file.path}: send them with \`labelbridge audit upload ${this.file.path} --server ${server}\``,
      );
    }
  }

  /** Removes the spool unless an upload failed and kept it for the person to send again. */
  remove(): void {
    if (this.kept) return;
    try {
      this.file.close();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** The events of a spool file (one JSON event a line), each checked; a bad line is named by number. */
export function* readSpoolFile(path: string): Generator<AuditEvent> {
  let n = 0;
  for (const line of readLines(path)) {
    n++;
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${path} line ${n}: not JSON`);
    }
    const parsed = auditEventSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${path} line ${n}: ${issue.path.join(".") || "event"}: ${issue.message}`);
    }
    yield parsed.data;
  }
}
