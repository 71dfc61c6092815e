/**
 * The scheduled sync: every LABELBRIDGE_GRAPH_SYNC_MINUTES, each allowed tenant in turn, one run at
 * a time (the next is planned when the last finishes, so runs never overlap). Several instances may
 * each run it: a run that loses the version race to another re-reads once and then finds nothing
 * left to apply.
 */
import type { GraphSync } from "./sync";
import { SYNC_ACTOR, SyncRefused } from "./sync";

export interface ScheduleLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export class SyncSchedule {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly sync: GraphSync,
    private readonly tenants: readonly string[],
    private readonly intervalMs: number,
    private readonly log: ScheduleLog,
  ) {}

  start(firstDelayMs = Math.min(this.intervalMs, 30_000)): void {
    if (this.intervalMs <= 0) return;
    this.plan(firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private plan(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runAll().finally(() => {
        this.running = null;
        this.plan(this.intervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  /** One pass over every tenant; never throws. */
  async runAll(): Promise<void> {
    for (const tenantId of this.tenants) {
      if (this.stopped) return;
      await this.runTenant(tenantId);
    }
  }

  private async runTenant(tenantId: string, retried = false): Promise<void> {
    try {
      const outcome = await this.sync.run(tenantId, { dryRun: false, actor: SYNC_ACTOR });
      const d = outcome.diff.labels;
      this.log.info(
        {
          tenantId,
          applied: outcome.applied,
          version: outcome.version,
          added: d.added.length,
          changed: d.changed.length,
          retired: d.retired.length,
        },
        "Graph sync finished",
      );
    } catch (err) {
      if (err instanceof SyncRefused && err.code === "version-conflict" && !retried)
        return this.runTenant(tenantId, true);
      this.log.warn(
        {
          tenantId,
          code: err instanceof SyncRefused ? err.code : "internal",
          reason: (err as Error).message,
        },
        "Graph sync failed; the last good policy stays in force",
      );
    }
  }
}
