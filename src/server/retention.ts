/**
 * Audit retention: events that happened more than LABELBRIDGE_AUDIT_RETENTION_DAYS ago are removed
 * when the server starts and then every hour (on PostgreSQL whole monthly partitions are dropped,
 * the rest deleted in small transactions). Every instance runs it; a second one finds nothing left.
 */
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Store } from "./storage/store";

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  store: Store;
  retentionDays: number;
  intervalMs?: number;
  now?: () => number;
}

/** The first instant of the oldest day kept (the same bound POST /audit applies to new events). */
export function retentionCutoff(now: number, retentionDays: number): string {
  return new Date(Math.floor(now / DAY_MS) * DAY_MS - retentionDays * DAY_MS).toISOString();
}

async function retention(app: FastifyInstance, options: RetentionOptions): Promise<void> {
  const now = options.now ?? Date.now;
  let running: Promise<void> | null = null;
  const sweep = () =>
    (running ??= (async () => {
      const before = retentionCutoff(now(), options.retentionDays);
      try {
        const pruned = await options.store.pruneAudit(before);
        if (pruned.events > 0 || pruned.partitions.length > 0)
          app.log.info({ before, ...pruned }, "audit retention: removed events older than the retention");
      } catch (err) {
        app.log.error({ err, before }, "audit retention failed; the next run tries again");
      } finally {
        running = null;
      }
    })());
  let timer: NodeJS.Timeout | undefined;
  app.addHook("onReady", async () => {
    void sweep();
    timer = setInterval(sweep, options.intervalMs ?? 3_600_000);
    timer.unref();
  });
  app.addHook("onClose", async () => {
    clearInterval(timer);
    await running;
  });
  app.decorate("pruneAudit", sweep);
}

declare module "fastify" {
  interface FastifyInstance {
    /** Runs the retention sweep now (also run at start and every hour). */
    pruneAudit(): Promise<void>;
  }
}

export default fp(retention, { name: "labelbridge-retention" });
