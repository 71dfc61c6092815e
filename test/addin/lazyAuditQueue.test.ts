/** The pane's audit queue loads as a chunk; a chunk that fails to load must not cost an event. */
import type { AuditEvent } from "../../src/core/audit";
import { lazyAuditQueue, type AuditSink } from "../../src/addin/services/lazyAuditQueue";
import type { AuditQueueOptions } from "../../src/addin/services/auditQueue";

const event = (id: string) => ({ eventId: id }) as unknown as AuditEvent;

function recordingQueue(): AuditSink & { stored: AuditEvent[] } {
  const stored: AuditEvent[] = [];
  return {
    stored,
    enqueue: async (events) => void stored.push(...events),
    pending: async () => stored.length,
    dropped: async () => 0,
    flush: async () => ({ sent: 0, dropped: 0, pending: stored.length }) as never,
  };
}

test("events given while the chunk fails to load are queued once it loads, in order", async () => {
  const queue = recordingQueue();
  let attempts = 0;
  const sink = lazyAuditQueue({} as AuditQueueOptions, async () => {
    attempts++;
    if (attempts === 1) throw new Error("ChunkLoadError: Loading chunk audit-queue failed");
    return queue;
  });
  await expect(sink.enqueue([event("a"), event("b")])).rejects.toThrow("ChunkLoadError");
  expect(queue.stored).toEqual([]);
  await sink.enqueue([event("c")]);
  expect(queue.stored.map((e) => (e as unknown as { eventId: string }).eventId)).toEqual(["a", "b", "c"]);
  expect(await sink.pending()).toBe(3);
  expect(attempts).toBe(2);
});

test("the chunk loads once however many calls come at the same time", async () => {
  const queue = recordingQueue();
  let attempts = 0;
  const sink = lazyAuditQueue({} as AuditQueueOptions, async () => (attempts++, queue));
  await Promise.all([sink.enqueue([event("a")]), sink.enqueue([event("b")]), sink.pending()]);
  expect(attempts).toBe(1);
  expect(queue.stored).toHaveLength(2);
});
