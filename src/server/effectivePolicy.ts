/**
 * The caller's effective policy as ready-made response bytes and an ETag.
 *
 * What an instance remembers, and for how long:
 * - a tenant's current version, trusted for `freshMs` after the database said so (default 1 s,
 *   0 = ask on every request). A change saved through this instance drops it at once
 *   (`invalidate`); a change saved through another instance is seen here within `freshMs` plus one
 *   query. Nothing is ever written here, so an instance that restarts or dies loses nothing.
 * - per version, the serialized answer for each distinct set of policies that scope a user, and per
 *   verified token (the principal object the token cache hands out) which answer it gets: a request
 *   inside the window is a map lookup, and its 304 a string comparison.
 */
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { policyScopesUser, resolveEffectivePolicy, type PolicyUser } from "../core/policy";
import type { Principal } from "./auth/principal";
import type { PolicyVersion, Store } from "./storage/store";

export interface EffectivePolicyResponse {
  /** The JSON body, encoded once. */
  body: Buffer;
  /** Strong ETag over the body. */
  etag: string;
  version: number;
}

export interface EffectivePolicyOptions {
  /** Milliseconds a tenant's version is served without asking the database again; 0 asks every time. */
  freshMs: number;
  /** Monotonic milliseconds; tests pass a clock they move. */
  now?: () => number;
  /** Tenants remembered at once (all are dropped when exceeded; they are re-read on demand). */
  maxTenants?: number;
  /** Distinct answers kept per tenant version. */
  maxVariants?: number;
}

/** One tenant at one version, as last confirmed by the database. */
class TenantState {
  /** When the query that confirmed this version started (never later: staleness is counted from it). */
  checkedAt: number;
  /** Answer per verified token; dropped with this version. */
  readonly byPrincipal = new WeakMap<Principal, EffectivePolicyResponse>();
  /** Answer per set of scoping policies. */
  readonly variants = new Map<string, EffectivePolicyResponse>();

  constructor(
    /** Null when the tenant has no configuration yet. */
    readonly version: PolicyVersion | null,
    checkedAt: number,
  ) {
    this.checkedAt = checkedAt;
  }

  get number(): number {
    return this.version?.version ?? 0;
  }
}

const userOf = (principal: Principal): PolicyUser => ({
  id: principal.userId,
  upn: principal.upn,
  groups: principal.groups,
});

/**
 * The effective policy depends on the user only through which of the tenant's policies scope them
 * (test/server/effectivePolicyCache.test.ts holds core to that): the same set, the same answer.
 */
function scopeKey(version: PolicyVersion, user: PolicyUser): string {
  let key = "";
  for (const policy of version.document.policies) key += policyScopesUser(policy, user) ? "1" : "0";
  return key;
}

function render(version: PolicyVersion, user: PolicyUser): EffectivePolicyResponse {
  const effective = resolveEffectivePolicy(version.document, user);
  const body = Buffer.from(JSON.stringify({ policyVersion: version.version, ...effective }));
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return { body, etag, version: version.version };
}

export class EffectivePolicyCache {
  private readonly tenants = new Map<string, TenantState>();
  private readonly loading = new Map<string, Promise<TenantState>>();
  /** Moves on every invalidation: a read that started before a local write must not be kept. */
  private epoch = 0;
  private readonly freshMs: number;
  private readonly now: () => number;
  private readonly maxTenants: number;
  private readonly maxVariants: number;

  constructor(
    private readonly store: Store,
    options: EffectivePolicyOptions,
  ) {
    this.freshMs = options.freshMs;
    this.now = options.now ?? (() => performance.now());
    this.maxTenants = options.maxTenants ?? 10_000;
    this.maxVariants = options.maxVariants ?? 1_000;
  }

  /**
   * The answer without waiting, when this instance confirmed the tenant's version less than
   * `freshMs` ago: a response, or null for a tenant without configuration. Undefined: call
   * `forPrincipal`.
   */
  peek(principal: Principal): EffectivePolicyResponse | null | undefined {
    const state = this.tenants.get(principal.tenantId);
    if (state === undefined || this.now() - state.checkedAt >= this.freshMs) return undefined;
    return this.answer(state, principal);
  }

  /** The answer, asking the database for the tenant's current version when it is not fresh here. */
  async forPrincipal(principal: Principal): Promise<EffectivePolicyResponse | null> {
    const fresh = this.peek(principal);
    if (fresh !== undefined) return fresh;
    return this.answer(await this.confirm(principal.tenantId), principal);
  }

  /** A write for the tenant went through this instance: the next request reads the database. */
  invalidate(tenantId: string): void {
    this.epoch++;
    this.tenants.delete(tenantId);
    this.loading.delete(tenantId);
  }

  private confirm(tenantId: string): Promise<TenantState> {
    // With a window, requests that miss together share one query; without one, each request asks
    // for itself, so none is answered from a query that started before it arrived.
    if (this.freshMs <= 0) return this.load(tenantId);
    let pending = this.loading.get(tenantId);
    if (!pending) {
      pending = this.load(tenantId);
      this.loading.set(tenantId, pending);
      const settled = pending;
      const forget = () => {
        if (this.loading.get(tenantId) === settled) this.loading.delete(tenantId);
      };
      settled.then(forget, forget);
    }
    return pending;
  }

  private async load(tenantId: string): Promise<TenantState> {
    const epoch = this.epoch;
    const startedAt = this.now();
    const known = this.tenants.get(tenantId);
    const current = await this.store.currentVersion(tenantId);
    let state: TenantState;
    if (current === null) state = new TenantState(null, startedAt);
    else if (known !== undefined && known.number === current) state = known;
    else state = new TenantState(await this.store.getPolicy(tenantId), startedAt);

    if (epoch !== this.epoch) return state; // a local write happened meanwhile: answer, keep nothing
    const installed = this.tenants.get(tenantId);
    // Versions only grow: a slower read never replaces a newer one another request installed.
    if (installed !== undefined && installed !== state && installed.number > state.number) return installed;
    if (state === known) state.checkedAt = Math.max(state.checkedAt, startedAt);
    if (installed === undefined && this.tenants.size >= this.maxTenants) this.tenants.clear();
    this.tenants.set(tenantId, state);
    return state;
  }

  private answer(state: TenantState, principal: Principal): EffectivePolicyResponse | null {
    const version = state.version;
    if (version === null) return null;
    const known = state.byPrincipal.get(principal);
    if (known !== undefined) return known;
    const user = userOf(principal);
    const key = scopeKey(version, user);
    let response = state.variants.get(key);
    if (response === undefined) {
      response = render(version, user);
      if (state.variants.size >= this.maxVariants) state.variants.clear();
      state.variants.set(key, response);
    }
    state.byPrincipal.set(principal, response);
    return response;
  }
}
