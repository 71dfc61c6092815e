/**
 * Per-user rate limit: a fixed window per key that starts with the key's first request, as
 * @fastify/rate-limit's local store counts — here a synchronous Map update inside the
 * authentication hook instead of a promise chain in a hook phase of its own. Counters live in
 * this instance only (docs/deploy.md: N instances allow N × the limit).
 */
import { HttpError } from "./errors";

export interface RateLimitOptions {
  /** Requests allowed per key and window. */
  max: number;
  windowMs: number;
  /** Keys remembered at once; beyond it expired windows go first, then the oldest. */
  maxKeys?: number;
  now?: () => number;
}

interface Window {
  count: number;
  startedAt: number;
}

export function span(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 3600 === 0) return seconds === 3600 ? "1 hour" : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? "1 minute" : `${seconds / 60} minutes`;
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly max: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  private readonly refusal: string;

  constructor(options: RateLimitOptions) {
    this.max = options.max;
    this.windowMs = options.windowMs;
    this.maxKeys = options.maxKeys ?? 100_000;
    this.now = options.now ?? Date.now;
    this.refusal = `more than ${this.max} requests in ${span(this.windowMs)}`;
  }

  /** Whether `take(key, now)` would pass; counts nothing (a caller that goes on calls `take`). */
  allows(key: string, now: number): boolean {
    const window = this.windows.get(key);
    return window === undefined || window.startedAt + this.windowMs <= now || window.count < this.max;
  }

  /** Counts one request for `key`; throws 429 with Retry-After when the window's allowance is spent. */
  take(key: string, now = this.now()): void {
    const window = this.windows.get(key);
    if (window === undefined) {
      if (this.windows.size >= this.maxKeys) this.makeRoom(now);
      this.windows.set(key, { count: 1, startedAt: now });
      return;
    }
    if (window.startedAt + this.windowMs <= now) {
      window.count = 1;
      window.startedAt = now;
      return;
    }
    if (++window.count <= this.max) return;
    const seconds = String(Math.ceil((window.startedAt + this.windowMs - now) / 1000));
    throw new HttpError(
      429,
      "rate-limited",
      `${this.refusal}; wait ${seconds} s and retry`,
      {},
      {
        "retry-after": seconds,
        "x-ratelimit-limit": String(this.max),
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": seconds,
      },
    );
  }

  private makeRoom(now: number): void {
    for (const [key, window] of this.windows)
      if (window.startedAt + this.windowMs <= now) this.windows.delete(key);
    // Still full of live windows: drop the oldest tenth, so the next new keys do not sweep again.
    if (this.windows.size >= this.maxKeys) {
      let drop = Math.max(1, Math.floor(this.maxKeys / 10));
      for (const key of this.windows.keys()) {
        if (drop-- <= 0) break;
        this.windows.delete(key);
      }
    }
  }
}
