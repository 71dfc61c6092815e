/**
 * The caller's effective policy as response bytes and an ETag. Each request asks the database for
 * the tenant's current version (one indexed row), so every instance serves a new version the moment
 * it is committed; what is cached is only derived from that version and can never be stale.
 */
import { createHash } from "node:crypto";
import { resolveEffectivePolicy, type TenantPolicy } from "../core/policy";
import type { Principal } from "./auth/principal";
import type { PolicyVersion, Store } from "./storage/store";

export interface EffectivePolicyResponse {
  /** A string, not a Buffer: Node writes a string body together with the headers in one syscall. */
  body: string;
  etag: string;
  version: number;
}

interface TenantEntry {
  version: PolicyVersion;
  /** Users and groups that any policy names: the only parts of a token that change the answer. */
  scopedGroups: Set<string>;
}

function scopedGroups(doc: TenantPolicy): Set<string> {
  const groups = new Set<string>();
  for (const p of doc.policies) for (const g of p.scope.groups) groups.add(g);
  return groups;
}

export class EffectivePolicyCache {
  private readonly tenants = new Map<string, TenantEntry>();
  private readonly responses = new Map<string, EffectivePolicyResponse>();

  constructor(
    private readonly store: Store,
    private readonly maxResponses = 20_000,
  ) {}

  /** Null when the tenant has no configuration yet. */
  async forPrincipal(principal: Principal): Promise<EffectivePolicyResponse | null> {
    const current = await this.store.currentVersion(principal.tenantId);
    if (current === null) return null;
    let tenant = this.tenants.get(principal.tenantId);
    if (!tenant || tenant.version.version !== current) {
      const version = await this.store.getPolicy(principal.tenantId);
      if (!version) return null;
      tenant = { version, scopedGroups: scopedGroups(version.document) };
      this.tenants.set(principal.tenantId, tenant);
    }
    const groups = principal.groups.filter((g) => tenant.scopedGroups.has(g)).sort();
    const key = [
      principal.tenantId,
      tenant.version.version,
      principal.userId,
      principal.upn ?? "",
      groups.join(","),
    ].join("\n");
    const hit = this.responses.get(key);
    if (hit) return hit;

    const effective = resolveEffectivePolicy(tenant.version.document, {
      id: principal.userId,
      upn: principal.upn,
      groups: principal.groups,
    });
    const body = JSON.stringify({ policyVersion: tenant.version.version, ...effective });
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    const response = { body, etag, version: tenant.version.version };
    if (this.responses.size >= this.maxResponses) this.responses.clear();
    this.responses.set(key, response);
    return response;
  }
}
