/**
 * First start: every allowed tenant without a configuration gets the default taxonomy and policy
 * (scenario 1: the backend comes up with Personal, Public, General, Confidential, Highly
 * Confidential). Written as version 1 with "create" semantics, so instances starting together seed
 * once and an admin's configuration is never overwritten.
 */
import { DEVELOPMENT_SITE_ID, defaultTenantPolicy } from "../core/policy";
import type { Store } from "./storage/store";

export async function seedDefaultPolicies(store: Store, tenants: string[]): Promise<string[]> {
  const seeded: string[] = [];
  for (const tenantId of tenants) {
    if ((await store.currentVersion(tenantId)) !== null) continue;
    const document = defaultTenantPolicy({
      siteId: tenantId,
      name: tenantId === DEVELOPMENT_SITE_ID ? "Development tenant" : `Tenant ${tenantId}`,
    });
    const result = await store.writePolicy(tenantId, {
      expectedVersion: null,
      document,
      actor: { id: "system", name: "Labelbridge default taxonomy" },
      kind: "seed",
      at: new Date().toISOString(),
    });
    if (result.ok) seeded.push(tenantId);
  }
  return seeded;
}
