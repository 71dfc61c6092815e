/**
 * The caller's effective policy from `GET /api/v1/policy`, with ETag revalidation and a cache in
 * the runtime's store, so the add-in keeps working when the backend is down (scenario 6) and the
 * send handler decides from the cache without waiting on the network.
 */
import type { EffectivePolicy } from "../../core/policy/effective";
import { apiUrl, type AddinConfig } from "./config";
import type { HttpClient } from "../ports/http";
import { isEffectivePolicy } from "./policyShape";
import { getJson, setJson, STORE_PREFIX, type KeyValueStore } from "../ports/storage";
import { TimeoutError } from "../ports/timing";
import type { TokenProvider } from "../ports/tokens";

export const POLICY_PATH = "/api/v1/policy";

export interface PolicyCacheEntry {
  v: 1;
  policy: EffectivePolicy;
  etag: string | null;
  /** Epoch ms of the last successful fetch or 304. */
  fetchedAt: number;
  /** Freshness from the response's Cache-Control max-age, or the configured TTL. */
  maxAgeMs: number;
}

export type PolicyErrorKind = "unauthorized" | "no-token" | "network" | "timeout" | "server" | "invalid";

export class PolicyError extends Error {
  constructor(
    readonly kind: PolicyErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "PolicyError";
  }
}

export type PolicySource = "network" | "revalidated" | "cache" | "stale-cache" | "none";

export interface PolicyResult {
  policy: EffectivePolicy | null;
  source: PolicySource;
  fetchedAt: number | null;
  /** Why the network was not used or failed, when it was tried. */
  error?: PolicyError;
}

export interface PolicyClientOptions {
  config: AddinConfig;
  store: KeyValueStore;
  tokens: TokenProvider;
  http: HttpClient;
  /** The mailbox or account the cache belongs to: a shared machine must not mix users' policies. */
  user: string;
  now?: () => number;
}

/** `max-age=N` in ms; 0 for no-cache/no-store (still kept for offline use); null when unstated. */
export function maxAgeFrom(cacheControl: string | null): number | null {
  if (!cacheControl) return null;
  const directives = cacheControl
    .toLowerCase()
    .split(",")
    .map((d) => d.trim());
  if (directives.some((d) => d === "no-cache" || d === "no-store")) return 0;
  for (const d of directives) {
    const m = /^max-age=(\d{1,10})$/.exec(d);
    if (m) return Number(m[1]) * 1000;
  }
  return null;
}

export class PolicyClient {
  private readonly now: () => number;
  private inflight: Promise<PolicyResult> | null = null;

  constructor(private readonly options: PolicyClientOptions) {
    this.now = options.now ?? Date.now;
  }

  get cacheKey(): string {
    return `${STORE_PREFIX}policy.v1:${this.options.user.trim().toLowerCase()}`;
  }

  /** Survives a lost or invalid cache entry: what send does with no policy at all. */
  get fallbackKey(): string {
    return `${STORE_PREFIX}sendFallback:${this.options.user.trim().toLowerCase()}`;
  }

  async cached(): Promise<PolicyCacheEntry | null> {
    const entry = await getJson<PolicyCacheEntry>(this.options.store, this.cacheKey);
    if (!entry || entry.v !== 1 || !isEffectivePolicy(entry.policy) || typeof entry.fetchedAt !== "number")
      return null;
    return entry;
  }

  isFresh(entry: PolicyCacheEntry): boolean {
    const age = this.now() - entry.fetchedAt;
    return age >= 0 && age < entry.maxAgeMs;
  }

  /** The stated fallback for sending without a policy; "allow" unless a policy said otherwise. */
  async offlineSendFallback(): Promise<"allow" | "block"> {
    const value = await this.options.store.get(this.fallbackKey).catch(() => null);
    return value === "block" ? "block" : "allow";
  }

  /**
   * Task pane and compose handler: a fresh cache as is; otherwise ask the backend (If-None-Match),
   * and fall back to a stale cache when it cannot answer.
   */
  async load(options: { timeoutMs: number; interactive: boolean }): Promise<PolicyResult> {
    const entry = await this.cached();
    if (entry && this.isFresh(entry))
      return { policy: entry.policy, source: "cache", fetchedAt: entry.fetchedAt };
    return this.refresh(options);
  }

  /**
   * Send handler: any cached policy is used at once (a stale one is refreshed in the background
   * for next time); only with no policy at all does it wait, and then at most `budgetMs`.
   */
  async forSend(budgetMs: number): Promise<PolicyResult> {
    const entry = await this.cached();
    if (entry) {
      if (!this.isFresh(entry))
        this.refresh({ timeoutMs: 10_000, interactive: false }).catch(() => undefined);
      return {
        policy: entry.policy,
        source: this.isFresh(entry) ? "cache" : "stale-cache",
        fetchedAt: entry.fetchedAt,
      };
    }
    return this.refresh({ timeoutMs: budgetMs, interactive: false });
  }

  /** Always asks the backend; concurrent callers share one request. */
  refresh(options: { timeoutMs: number; interactive: boolean }): Promise<PolicyResult> {
    if (!this.inflight) {
      const pending = this.fetchPolicy(options);
      const clear = (): void => {
        this.inflight = null;
      };
      pending.then(clear, clear);
      this.inflight = pending;
    }
    return this.inflight;
  }

  private async fetchPolicy(options: { timeoutMs: number; interactive: boolean }): Promise<PolicyResult> {
    const entry = await this.cached();
    const stale = (error: PolicyError): PolicyResult =>
      entry
        ? { policy: entry.policy, source: "stale-cache", fetchedAt: entry.fetchedAt, error }
        : { policy: null, source: "none", fetchedAt: null, error };

    let token: string | null;
    try {
      token = await this.options.tokens.token({ interactive: options.interactive });
    } catch (error) {
      return stale(new PolicyError("no-token", `No sign-in token: ${messageOf(error)}`));
    }
    if (!token) return stale(new PolicyError("no-token", "No sign-in token is configured."));

    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json" };
    if (entry?.etag) headers["If-None-Match"] = entry.etag;
    let status: number;
    let body = "";
    let etag: string | null = null;
    let maxAge: number | null = null;
    try {
      const response = await this.options.http({
        method: "GET",
        url: apiUrl(this.options.config, POLICY_PATH),
        headers,
        timeoutMs: options.timeoutMs,
      });
      status = response.status;
      etag = response.header("ETag");
      maxAge = maxAgeFrom(response.header("Cache-Control"));
      if (status === 200) body = await response.text();
    } catch (error) {
      const kind = error instanceof TimeoutError ? "timeout" : "network";
      return stale(new PolicyError(kind, `The labeling service could not be reached: ${messageOf(error)}`));
    }

    const maxAgeMs = maxAge ?? this.options.config.policyTtlMs;
    if (status === 304 && entry) {
      const renewed: PolicyCacheEntry = {
        ...entry,
        etag: etag ?? entry.etag,
        fetchedAt: this.now(),
        maxAgeMs,
      };
      await this.save(renewed);
      return { policy: entry.policy, source: "revalidated", fetchedAt: renewed.fetchedAt };
    }
    if (status === 401 || status === 403)
      return stale(
        new PolicyError("unauthorized", "The labeling service refused the sign-in token.", status),
      );
    if (status !== 200)
      return stale(new PolicyError("server", `The labeling service answered ${status}.`, status));

    let policy: unknown;
    try {
      policy = JSON.parse(body);
    } catch {
      return stale(new PolicyError("invalid", "The labeling service sent something that is not JSON."));
    }
    if (!isEffectivePolicy(policy))
      return stale(
        new PolicyError("invalid", "The labeling service sent something that is not a labeling policy."),
      );
    const fresh: PolicyCacheEntry = { v: 1, policy, etag, fetchedAt: this.now(), maxAgeMs };
    await this.save(fresh);
    return { policy, source: "network", fetchedAt: fresh.fetchedAt };
  }

  private async save(entry: PolicyCacheEntry): Promise<void> {
    try {
      await setJson(this.options.store, this.cacheKey, entry);
      await this.options.store.set(this.fallbackKey, entry.policy.settings.offlineSendFallback ?? "allow");
    } catch {
      // A full store costs us the offline copy, not the answer we already have.
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
