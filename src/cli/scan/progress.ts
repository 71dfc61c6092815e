/**
 * Progress of a scan on stderr: on a terminal a bar redrawn in place with counts, MB/s and time left;
 * otherwise (a log, CI) a plain line now and then, so logs stay readable.
 */
import type { ScanProgress } from "./engine";

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "?";
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

const count = (n: number) => n.toLocaleString("en-US");

export interface ProgressFigures {
  fraction: number;
  mbPerSecond: number;
  etaMs: number;
}

/** Rate over the scanning phase so far; time left from bytes (files when sizes are all zero). */
export function figures(p: ScanProgress, scanningSince: number, now: number): ProgressFigures {
  const elapsed = Math.max(1, now - scanningSince);
  const byBytes = p.bytesTotal > 0;
  const fraction = byBytes ? p.bytesDone / p.bytesTotal : p.filesTotal > 0 ? p.filesDone / p.filesTotal : 1;
  const mbPerSecond = p.bytesDone / (1024 * 1024) / (elapsed / 1000);
  const done = byBytes ? p.bytesDone : p.filesDone;
  const left = byBytes ? p.bytesTotal - p.bytesDone : p.filesTotal - p.filesDone;
  const etaMs = done > 0 ? (left * elapsed) / done : Infinity;
  return { fraction, mbPerSecond, etaMs };
}

export class ProgressReporter {
  private scanningSince: number | null = null;
  private lastDraw = -Infinity;

  constructor(
    private readonly out: ProgressStream,
    private readonly now: () => number = Date.now,
    private readonly plainIntervalMs = 5000,
  ) {}

  update(p: ScanProgress): void {
    const t = this.now();
    if (p.phase !== "finding" && this.scanningSince === null) this.scanningSince = t;
    const tty = this.out.isTTY === true;
    if (!tty && p.phase === "finding") return;
    const interval = tty ? 100 : this.plainIntervalMs;
    if (p.phase !== "done" && t - this.lastDraw < interval) return;
    this.lastDraw = t;
    if (tty) this.drawBar(p, t);
    else this.plainLine(p, t);
  }

  private line(p: ScanProgress, t: number): string {
    if (p.phase === "finding") return `Finding files… ${count(p.filesFound)}`;
    const f = figures(p, this.scanningSince ?? t, t);
    const eta =
      p.phase === "done" ? `took ${formatDuration(t - p.startedAt)}` : `ETA ${formatDuration(f.etaMs)}`;
    return (
      `${count(p.filesDone)}/${count(p.filesTotal)} files  ${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}  ` +
      `${f.mbPerSecond.toFixed(1)} MB/s  ${eta}${p.errors ? `  ${count(p.errors)} error${p.errors === 1 ? "" : "s"}` : ""}`
    );
  }

  private drawBar(p: ScanProgress, t: number): void {
    const text = this.line(p, t);
    let bar = "";
    if (p.phase !== "finding") {
      const f = figures(p, this.scanningSince ?? t, t);
      const width = 24;
      const filled = Math.min(width, Math.round(f.fraction * width));
      bar = `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${String(Math.floor(f.fraction * 100)).padStart(3)}% `;
    }
    const columns = this.out.columns ?? 100;
    this.out.write(
      `\r\x1b[2K${(bar + text).slice(0, Math.max(20, columns - 1))}${p.phase === "done" ? "\n" : ""}`,
    );
  }

  private plainLine(p: ScanProgress, t: number): void {
    const pct =
      p.phase === "finding" ? "" : ` (${Math.floor(figures(p, this.scanningSince ?? t, t).fraction * 100)}%)`;
    this.out.write(`scan: ${this.line(p, t)}${pct}\n`);
  }
}
