/**
 * Audit events on their way to `POST /api/v1/audit`: kept in the runtime's store until the backend
 * accepted them (a closed task pane or an ended event handler loses nothing), sent in batches,
 * retried with exponential backoff. Ids are made by the client, so a batch that was stored but
 * whose answer was lost is stored once when sent again.
 */
import type { AuditEvent } from "../../core/audit/event";
import { apiUrl, type AddinConfig } from "./config";
import type { HttpClient } from "../ports/http";
import { getJson, setJson, STORE_PREFIX, type KeyValueStore } from "../ports/storage";
import type { TokenProvider } from "../ports/tokens";

export const AUDIT_PATH = "/api/v1/audit";
/** The backend takes at most 500 events per request. */
export const MAX_BATCH = 500;

interface QueueState {
  v: 1;
  events: AuditEvent[];
  /** Epoch ms before which no attempt is made (backoff). */
  notBefore: number;
  /** Consecutive failed attempts, for the backoff. */
  failures: number;
  /** Events given up on (refused one by one as invalid, or pushed out by the size limit). */
  dropped: number;
}

export interface AuditQueueOptions {
  config: AddinConfig;
  store: KeyValueStore;
  tokens: TokenProvider;
  http: HttpClient;
  now?: () => number;
  random?: () => number;
  batchSize?: number;
  /** The queue keeps at most this many events; the oldest go first when it overflows. */
  maxQueued?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export type FlushOutcome = "sent" | "empty" | "waiting" | "failed";

export interface FlushResult {
  outcome: FlushOutcome;
  sent: number;
  remaining: number;
  status?: number;
}

export const AUDIT_KEY = `${STORE_PREFIX}audit.v1`;

function emptyState(): QueueState {
  return { v: 1, events: [], notBefore: 0, failures: 0, dropped: 0 };
}

export class AuditQueue {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly maxQueued: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private batchSize: number;
  /** Serialises this runtime's operations; another runtime sharing the store is handled by re-reading. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AuditQueueOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.batchSize = Math.min(options.batchSize ?? 100, MAX_BATCH);
    this.maxQueued = options.maxQueued ?? 2000;
    this.baseDelayMs = options.baseDelayMs ?? 2000;
    this.maxDelayMs = options.maxDelayMs ?? 15 * 60 * 1000;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async read(): Promise<QueueState> {
    const state = await getJson<QueueState>(this.options.store, AUDIT_KEY);
    return state && state.v === 1 && Array.isArray(state.events) ? state : emptyState();
  }

  private write(state: QueueState): Promise<void> {
    return setJson(this.options.store, AUDIT_KEY, state);
  }

  /** Adds events (an id already queued is not added twice). Resolves once they are stored. */
  enqueue(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return this.serial(async () => {
      const state = await this.read();
      const known = new Set(state.events.map((e) => e.id));
      for (const event of events) {
        if (known.has(event.id)) continue;
        known.add(event.id);
        state.events.push(event);
      }
      const overflow = state.events.length - this.maxQueued;
      if (overflow > 0) {
        state.events.splice(0, overflow);
        state.dropped += overflow;
      }
      await this.write(state);
    });
  }

  async pending(): Promise<number> {
    return (await this.read()).events.length;
  }

  async dropped(): Promise<number> {
    return (await this.read()).dropped;
  }

  /**
   * Sends what is queued, batch by batch, until the queue is empty, the backoff says wait, a
   * request fails, or `deadlineMs` has passed. `force` ignores the backoff (the pane's "retry").
   */
  flush(
    options: { timeoutMs: number; force?: boolean; deadlineMs?: number } = { timeoutMs: 10_000 },
  ): Promise<FlushResult> {
    return this.serial(async () => {
      const started = this.now();
      let sent = 0;
      let last: FlushResult = { outcome: "empty", sent: 0, remaining: 0 };
      for (;;) {
        const state = await this.read();
        if (state.events.length === 0) return { outcome: sent > 0 ? "sent" : "empty", sent, remaining: 0 };
        if (!options.force && state.notBefore > this.now())
          return { outcome: sent > 0 ? "sent" : "waiting", sent, remaining: state.events.length };
        if (options.deadlineMs !== undefined && this.now() - started > options.deadlineMs)
          return { outcome: "sent", sent, remaining: state.events.length };
        const batch = state.events.slice(0, this.batchSize);
        last = await this.send(batch, options.timeoutMs);
        if (last.outcome !== "sent") return { ...last, sent };
        sent += last.sent;
      }
    });
  }

  private async send(batch: AuditEvent[], timeoutMs: number): Promise<FlushResult> {
    let status = 0;
    let retryAfterMs: number | null = null;
    try {
      const token = await this.options.tokens.token({ interactive: false });
      if (!token) return this.failed(batch, 0, null);
      const response = await this.options.http({
        method: "POST",
        url: apiUrl(this.options.config, AUDIT_PATH),
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json",
          Accept: "application/json",
        },
        body: JSON.stringify({ events: batch }),
        timeoutMs,
      });
      status = response.status;
      const retryAfter = response.header("Retry-After");
      if (retryAfter && /^\d{1,6}$/.test(retryAfter.trim())) retryAfterMs = Number(retryAfter.trim()) * 1000;
    } catch {
      return this.failed(batch, 0, null);
    }

    if (status >= 200 && status < 300) {
      await this.removeIds(batch, 0);
      this.batchSize = Math.min(this.options.batchSize ?? 100, MAX_BATCH);
      return { outcome: "sent", sent: batch.length, remaining: (await this.read()).events.length, status };
    }
    if (status === 400 || status === 413 || status === 422) {
      // Something in this batch is refused. Halve until the culprit stands alone, then drop it:
      // one bad event must not hold back every later one.
      if (batch.length === 1) {
        await this.removeIds(batch, 1);
        return { outcome: "sent", sent: 0, remaining: (await this.read()).events.length, status };
      }
      this.batchSize = Math.max(1, Math.floor(batch.length / 2));
      return { outcome: "sent", sent: 0, remaining: (await this.read()).events.length, status };
    }
    return this.failed(batch, status, retryAfterMs);
  }

  private async removeIds(batch: AuditEvent[], droppedCount: number): Promise<void> {
    const ids = new Set(batch.map((e) => e.id));
    // Re-read: another runtime (the pane, a handler) may have queued events meanwhile.
    const state = await this.read();
    state.events = state.events.filter((e) => !ids.has(e.id));
    state.failures = 0;
    state.notBefore = 0;
    state.dropped += droppedCount;
    await this.write(state);
  }

  private async failed(
    batch: AuditEvent[],
    status: number,
    retryAfterMs: number | null,
  ): Promise<FlushResult> {
    const state = await this.read();
    state.failures += 1;
    const exp = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(state.failures - 1, 20));
    // Full jitter keeps many clients from retrying in step after an outage.
    const delay = retryAfterMs ?? Math.round(exp / 2 + (this.random() * exp) / 2);
    state.notBefore = this.now() + delay;
    await this.write(state);
    return { outcome: "failed", sent: 0, remaining: state.events.length, status: status || undefined };
  }
}
