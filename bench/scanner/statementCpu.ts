/**
 * PostgreSQL's CPU per kind of statement, for the cluster bench's `--statements` (issue 17 item 1):
 * wraps node-postgres's Client.prototype.query (every pool client of this process, pg-boss's too)
 * and reads the serving PostgreSQL process's CPU (/proc/<pid>/stat, 10 ms ticks) before and after
 * each statement. A connection runs one statement at a time, so the difference is that statement's,
 * give or take a tick: only sums over many statements mean anything. Costs the backend CPU of its own.
 */
import { Client } from "pg";
import { processCpuMs } from "./processCpu";

interface Tally {
  count: number;
  postgresMs: number;
  wallMs: number;
}

/** A statement's kind: its text with the whitespace folded, cut to its first 90 characters. */
function kind(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 90);
}

export class StatementCpu {
  private readonly tallies = new Map<string, Tally>();
  private original: typeof Client.prototype.query | null = null;

  install(): void {
    if (this.original) return;
    const original = Client.prototype.query;
    this.original = original;
    const tallies = this.tallies;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (Client.prototype as any).query = function timedQuery(this: Client, ...args: any[]) {
      const config = args[0];
      const text: string | undefined = typeof config === "string" ? config : config?.text;
      const pid = (this as unknown as { processID: number | null }).processID;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const result = (original as any).apply(this, args);
      if (text === undefined || pid === null || typeof result?.then !== "function") return result;
      const before = processCpuMs(pid);
      const start = performance.now();
      const settle = () => {
        const after = processCpuMs(pid);
        const t = tallies.get(kind(text)) ?? { count: 0, postgresMs: 0, wallMs: 0 };
        t.count++;
        if (before !== null && after !== null) t.postgresMs += after - before;
        t.wallMs += performance.now() - start;
        tallies.set(kind(text), t);
      };
      return result.then(
        (value: unknown) => (settle(), value),
        (err: unknown) => {
          settle();
          throw err;
        },
      );
    };
  }

  /** The tallies since the last call, most PostgreSQL CPU first, per file of `files`. */
  take(files: number): Array<Record<string, unknown>> {
    const out = [...this.tallies]
      .sort((a, b) => b[1].postgresMs - a[1].postgresMs)
      .map(([statement, t]) => ({
        statement,
        count: t.count,
        postgresMs: t.postgresMs,
        postgresUsPerFile: +((t.postgresMs * 1000) / files).toFixed(1),
        wallUsPerFile: +((t.wallMs * 1000) / files).toFixed(1),
      }));
    this.tallies.clear();
    return out;
  }
}
