/**
 * Reports written as the scan goes, so that a scan of any number of files holds no rows in memory:
 * CSV and JSON lines get each row as it comes; the JSON and HTML reports, which open with the
 * summary, are written at the end from a spool of the rows (a JSON-lines file in the temporary
 * folder), read back line by line. The HTML report's table rows are written as they are read: the
 * rows it lists are counted as they come, so its head needs no first pass.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ScanRow } from "../scan/row";
import { REPORT_COLUMNS, rowValues } from "./columns";
import { csvCell } from "./csv";
import { HTML_TABLE_LIMIT, htmlHead, htmlRow, htmlTail, isListed } from "./html";
import { reportFormatOf } from "./index";
import type { ReportMeta } from "./json";
import type { ScanSummary } from "./summary";

const BUFFER_BYTES = 256 * 1024;

/**
 * A file written through a buffer, so that a row is not a system call. Each text is encoded into
 * the buffer as it comes: the string dies at once, young, instead of waiting for the flush long
 * enough to be moved to V8's old generation, which grows until a full collection.
 */
export class TextFile {
  private fd: number | null;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
  }

  write(text: string): void {
    // At most three bytes of UTF-8 per UTF-16 unit.
    if (text.length * 3 > BUFFER_BYTES - this.used) {
      this.flush();
      if (text.length * 3 > BUFFER_BYTES) return this.writeBytes(Buffer.from(text, "utf8"));
    }
    this.used += this.buffer.write(text, this.used, "utf8");
  }

  flush(): void {
    if (this.used === 0) return;
    this.writeBytes(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private writeBytes(bytes: Buffer): void {
    if (this.fd === null) return;
    for (let at = 0; at < bytes.length;) at += writeSync(this.fd, bytes, at, bytes.length - at);
  }

  close(): void {
    if (this.fd === null) return;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
      this.fd = null;
    }
  }
}

/**
 * What readLines reads at once. Small enough that the text decoded from it is an ordinary young
 * string: a chunk of 1 MB was a large object, which only a full collection frees, and its lines
 * lived long enough to be promoted; reading the spool of 100,000 rows raised the scan's peak.
 */
const READ_CHUNK_BYTES = 64 * 1024;

/** The lines of a file (without their "\n"), read a chunk at a time. */
export function* readLines(path: string): Generator<string> {
  const fd = openSync(path, "r");
  const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  const decoder = new TextDecoder("utf-8");
  let carry = "";
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      const text = carry + decoder.decode(buffer.subarray(0, n), { stream: n > 0 });
      const lines = text.split("\n");
      carry = lines.pop() ?? "";
      yield* lines;
      if (n === 0) break;
    }
    if (carry !== "") yield carry;
  } finally {
    closeSync(fd);
  }
}

/** A row as the JSON reports carry it: everything but the audit events (they are uploaded). */
function jsonRow(row: ScanRow): string {
  const { audit: _audit, ...rest } = row;
  return JSON.stringify(rest);
}

export class ReportWriter {
  private readonly csv: TextFile[] = [];
  private readonly jsonLines: TextFile[] = [];
  private readonly atEnd: Array<{ path: string; format: "json" | "html" }> = [];
  private spoolDir: string | null = null;
  private spool: TextFile | null = null;
  /** Rows the HTML report's table lists (its head says how many). */
  private listed = 0;

  /** Opens every report now, so that a path that cannot be written stops the run before it starts. */
  constructor(paths: readonly string[]) {
    try {
      for (const path of paths) {
        const format = reportFormatOf(path);
        if (format === "csv") {
          const file = new TextFile(path);
          file.write(REPORT_COLUMNS.join(",") + "\r\n");
          this.csv.push(file);
        } else if (format === "jsonl") this.jsonLines.push(new TextFile(path));
        else if (format === "json" || format === "html") {
          new TextFile(path).close();
          this.atEnd.push({ path, format });
        } else throw new Error(`report ${path}: the name must end in .csv, .json, .jsonl or .html`);
      }
      if (this.atEnd.length > 0) {
        this.spoolDir = mkdtempSync(join(tmpdir(), "labelbridge-rows-"));
        this.spool = new TextFile(join(this.spoolDir, "rows.jsonl"));
      }
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  add(row: ScanRow): void {
    if (this.csv.length > 0) {
      const values = rowValues(row);
      const line = REPORT_COLUMNS.map((c) => csvCell(values[c])).join(",") + "\r\n";
      for (const f of this.csv) f.write(line);
    }
    if (this.spool && isListed(row)) this.listed++;
    if (this.jsonLines.length > 0 || this.spool) {
      const line = jsonRow(row) + "\n";
      for (const f of this.jsonLines) f.write(line);
      this.spool?.write(line);
    }
  }

  /** Writes the reports that open with the summary; returns the paths that failed, with why. */
  finish(meta: ReportMeta, summary: ScanSummary): Array<{ path: string; message: string }> {
    const failed: Array<{ path: string; message: string }> = [];
    for (const f of [...this.csv, ...this.jsonLines]) {
      try {
        f.close();
      } catch (err) {
        failed.push({ path: f.path, message: (err as Error).message });
      }
    }
    this.spool?.close();
    for (const target of this.atEnd) {
      try {
        if (target.format === "json") this.writeJson(target.path, meta, summary);
        else this.writeHtml(target.path, meta, summary);
      } catch (err) {
        failed.push({ path: target.path, message: (err as Error).message });
      }
    }
    this.removeSpool();
    return failed;
  }

  /** Closes everything and removes the spool (the run stopped). */
  abort(): void {
    for (const f of [...this.csv, ...this.jsonLines, ...(this.spool ? [this.spool] : [])]) {
      try {
        f.close();
      } catch {
        // already failing
      }
    }
    this.removeSpool();
  }

  private removeSpool(): void {
    if (this.spoolDir) rmSync(this.spoolDir, { recursive: true, force: true });
    this.spoolDir = null;
  }

  private writeJson(path: string, meta: ReportMeta, summary: ScanSummary): void {
    const file = new TextFile(path);
    try {
      const head = JSON.stringify({ generator: "labelbridge scan", ...meta, summary }, null, 2);
      file.write(head.slice(0, head.lastIndexOf("}")).replace(/\s*$/, "") + ',\n  "rows": [');
      let first = true;
      for (const line of readLines(this.spool!.path)) {
        file.write((first ? "\n    " : ",\n    ") + line);
        first = false;
      }
      file.write(first ? "]\n}\n" : "\n  ]\n}\n");
    } finally {
      file.close();
    }
  }

  private writeHtml(path: string, meta: ReportMeta, summary: ScanSummary): void {
    const shown = Math.min(this.listed, HTML_TABLE_LIMIT);
    const file = new TextFile(path);
    try {
      file.write(htmlHead(summary, meta, this.listed, shown));
      let written = 0;
      if (shown > 0)
        for (const line of readLines(this.spool!.path)) {
          const row = JSON.parse(line) as ScanRow;
          if (!isListed(row)) continue;
          file.write((written === 0 ? "" : "\n") + htmlRow(row));
          if (++written === shown) break;
        }
      file.write(htmlTail(summary));
    } finally {
      file.close();
    }
  }
}
