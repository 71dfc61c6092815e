/**
 * The audit quota: events and bytes per user and per tenant in a fixed window, so one account (or
 * one tenant) cannot flood the database — the request rate limit alone let one user store 141,500
 * events in 10 s. A batch is checked against all four allowances before any is spent: a refused
 * batch costs nothing, and the 429 says which allowance ran out and when it renews. Counters live
 * in this instance, like the request rate limit (docs/deploy.md: N instances allow N × the quota).
 */
import type { AuditQuotaConfig } from "./config";
import { HttpError } from "./errors";
import { span } from "./rateLimit";

interface Usage {
  startedAt: number;
  events: number;
  bytes: number;
}

const MAX_KEYS = 100_000;

export class AuditQuota {
  private readonly users = new Map<string, Usage>();
  private readonly tenants = new Map<string, Usage>();

  constructor(private readonly limits: AuditQuotaConfig) {}

  /** Spends `events` and `bytes` from the user's and the tenant's allowance, or throws 429 and spends nothing. */
  take(tenantId: string, userId: string, events: number, bytes: number, now = Date.now()): void {
    const { limits } = this;
    const user = this.usage(this.users, `${tenantId}:${userId}`, now);
    const tenant = this.usage(this.tenants, tenantId, now);
    this.check(user, events, limits.userEvents, "events", "this user", now);
    this.check(user, bytes, limits.userBytes, "bytes", "this user", now);
    this.check(tenant, events, limits.tenantEvents, "events", "this tenant", now);
    this.check(tenant, bytes, limits.tenantBytes, "bytes", "this tenant", now);
    user.events += events;
    user.bytes += bytes;
    tenant.events += events;
    tenant.bytes += bytes;
  }

  private usage(map: Map<string, Usage>, key: string, now: number): Usage {
    let usage = map.get(key);
    if (usage === undefined || usage.startedAt + this.limits.windowMs <= now) {
      if (usage === undefined && map.size >= MAX_KEYS) this.sweep(map, now);
      usage = { startedAt: now, events: 0, bytes: 0 };
      map.set(key, usage);
    }
    return usage;
  }

  private sweep(map: Map<string, Usage>, now: number): void {
    for (const [key, usage] of map) if (usage.startedAt + this.limits.windowMs <= now) map.delete(key);
    // Still full of live windows: forget the oldest, which at worst lets them send again early.
    for (const key of map.keys()) {
      if (map.size < MAX_KEYS) break;
      map.delete(key);
    }
  }

  private check(
    usage: Usage,
    amount: number,
    max: number,
    unit: "events" | "bytes",
    who: string,
    now: number,
  ): void {
    if (usage[unit] + amount <= max) return;
    const seconds = String(Math.max(1, Math.ceil((usage.startedAt + this.limits.windowMs - now) / 1000)));
    const what = unit === "events" ? `${max} audit events` : `${max} bytes of audit events`;
    const message =
      amount > max
        ? `this batch alone is more than the ${what} allowed per ${span(this.limits.windowMs)} for ${who}; send smaller batches`
        : `more than ${what} in ${span(this.limits.windowMs)} from ${who}; wait ${seconds} s and retry (nothing of this batch was stored)`;
    throw new HttpError(
      429,
      "audit-quota",
      message,
      { limit: max, unit, scope: who === "this user" ? "user" : "tenant" },
      { "retry-after": seconds },
    );
  }
}
