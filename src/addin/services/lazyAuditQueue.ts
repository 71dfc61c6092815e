/**
 * The task pane's audit queue, loaded on first use as its own chunk: the pane's first paint
 * records nothing, so the queue's code stays out of the pane's initial JavaScript.
 *
 * Events given before the chunk has loaded wait here; a chunk that fails to load (a network blip)
 * is asked for again on the next call, and the waiting events go into the queue then — a failed
 * load reports its error but never drops an event.
 */
import type { AuditEvent } from "../../core/audit";
import type { AuditQueue, AuditQueueOptions } from "./auditQueue";

/** What the runtimes use of an AuditQueue. */
export type AuditSink = Pick<AuditQueue, "enqueue" | "pending" | "dropped" | "flush">;

type LoadQueue = (options: AuditQueueOptions) => Promise<AuditSink>;

const loadChunk: LoadQueue = (options) =>
  import(/* webpackChunkName: "audit-queue" */ "./auditQueue.js").then((m) => new m.AuditQueue(options));

export function lazyAuditQueue(options: AuditQueueOptions, loadQueue: LoadQueue = loadChunk): AuditSink {
  let queue: Promise<AuditSink> | null = null;
  const waiting: AuditEvent[] = [];
  const load = async (): Promise<AuditSink> => {
    queue ??= loadQueue(options).catch((error: unknown) => {
      queue = null;
      throw error;
    });
    const loaded = await queue;
    if (waiting.length > 0) await loaded.enqueue(waiting.splice(0));
    return loaded;
  };
  return {
    enqueue: async (events) => {
      waiting.push(...events);
      await load();
    },
    pending: async () => (await load()).pending(),
    dropped: async () => (await load()).dropped(),
    flush: async (flushOptions) => (await load()).flush(flushOptions),
  };
}
