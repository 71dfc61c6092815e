/**
 * The task pane's audit queue, loaded on first use as its own chunk: the pane's first paint
 * records nothing, so the queue's code stays out of the pane's initial JavaScript.
 */
import type { AuditQueue, AuditQueueOptions } from "./auditQueue";

/** What the runtimes use of an AuditQueue. */
export type AuditSink = Pick<AuditQueue, "enqueue" | "pending" | "dropped" | "flush">;

export function lazyAuditQueue(options: AuditQueueOptions): AuditSink {
  let queue: Promise<AuditQueue> | null = null;
  const load = (): Promise<AuditQueue> =>
    (queue ??= import(/* webpackChunkName: "audit-queue" */ "./auditQueue.js").then(
      (m) => new m.AuditQueue(options),
    ));
  return {
    enqueue: async (events) => (await load()).enqueue(events),
    pending: async () => (await load()).pending(),
    dropped: async () => (await load()).dropped(),
    flush: async (flushOptions) => (await load()).flush(flushOptions),
  };
}
