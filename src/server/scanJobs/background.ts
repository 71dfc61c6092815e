/**
 * What every backend instance does in the background, each step safe to run on several instances
 * at once: declare silent nodes lost and put their units back (a node killed mid-unit loses nothing),
 * start scheduled runs (one instance wins each slot), and record audit events left pending.
 */
import type { AdminService } from "./adminService";
import type { ScanJobsContext } from "./context";
import type { ScannerService } from "./scannerService";

const SCHEDULE_EVERY_MS = 30_000;
/** A commit's own recording gets this long before the sweep takes over its pending events. */
const AUDIT_GRACE_MS = 60_000;

export class ScanJobsBackground {
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<string>();

  constructor(
    private readonly ctx: ScanJobsContext,
    private readonly admin: AdminService,
    private readonly scanner: ScannerService,
  ) {}

  start(): void {
    this.every(this.ctx.config.heartbeatSeconds * 1000, "lost nodes", () => this.reapLostNodes());
    this.every(SCHEDULE_EVERY_MS, "schedule", () => this.startDueRuns());
    this.every(AUDIT_GRACE_MS / 2, "audit sweep", () => this.sweepAudit());
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  private every(ms: number, name: string, step: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      if (this.running.has(name)) return; // the last one is still at it
      this.running.add(name);
      step()
        .catch((err: unknown) => this.ctx.log.warn({ err }, `scan jobs: ${name} failed; trying again`))
        .finally(() => this.running.delete(name));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** Nodes silent past the timeout are lost; their units go back to the queue. Returns how many. */
  async reapLostNodes(): Promise<number> {
    const { ctx } = this;
    const before = new Date(ctx.now().getTime() - ctx.config.nodeTimeoutSeconds * 1000).toISOString();
    let lost = 0;
    for (const silent of await ctx.nodes.silent(ctx.db, before)) {
      const released = await ctx.db.transaction(async (tx, abort) => {
        if (!(await ctx.nodes.declareLost(tx, silent.tenantId, silent.node, silent.lastSeenAt))) {
          abort(); // it spoke meanwhile
          return null;
        }
        return ctx.units.releaseNode(tx, silent.tenantId, silent.node);
      });
      if (released === null) continue;
      lost++;
      ctx.log.warn(
        { tenantId: silent.tenantId, node: silent.node, lastSeenAt: silent.lastSeenAt, units: released },
        "scanner node lost: its units go to other nodes",
      );
    }
    return lost;
  }

  /** Starts the runs whose slot has come; a job still running skips the slot. Returns how many. */
  async startDueRuns(): Promise<number> {
    const { ctx } = this;
    const now = ctx.now();
    let started = 0;
    for (const { tenantId, job } of await ctx.jobs.due(now)) {
      if (!(await ctx.jobs.takeSlot(tenantId, job, now))) continue;
      try {
        await this.admin.startRun(tenantId, job.jobId, { fullRescan: false, trigger: "schedule" });
        started++;
      } catch (err) {
        ctx.log.warn({ err, tenantId, jobId: job.jobId }, "scheduled scan run not started");
      }
    }
    return started;
  }

  /** Records audit events still pending after the grace period. Returns how many rows it settled. */
  async sweepAudit(): Promise<number> {
    const { ctx } = this;
    const olderThan = new Date(ctx.now().getTime() - AUDIT_GRACE_MS).toISOString();
    const pending = await ctx.results.pendingAudit(ctx.db, olderThan, 500);
    const groups = new Map<string, typeof pending>();
    for (const p of pending) {
      const key = `${p.tenantId}\0${p.runId}\0${p.node}\0${p.author}`;
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    for (const rows of groups.values()) {
      const { tenantId, runId, node, author } = rows[0];
      await this.scanner.recordAudit(tenantId, runId, node, author, rows);
    }
    return pending.length;
  }
}
