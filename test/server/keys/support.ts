/** A tenant whose "Highly Confidential \ All Employees" protects with Labelbridge, for the key suites. */
import { randomBytes } from "node:crypto";
import {
  DEFAULT_LABEL_IDS as L,
  defaultTenantPolicy,
  parseTenantPolicy,
  type TenantPolicy,
} from "../../../src/core/policy";
import type { Store } from "../../../src/server/storage/store";

export const RIGHTS_GROUP = "6c1f4a52-9d2e-4c1b-8a77-3f0e5d9b2a10";
export const RECOVERY_UPN = "recovery@contoso.com";
export const PROTECTED_LABEL = L.highlyConfidentialAllEmployees;

export function protectedTenant(siteId: string): TenantPolicy {
  const tenant = defaultTenantPolicy({ siteId, name: `Tenant ${siteId}` });
  return parseTenantPolicy({
    ...tenant,
    labels: tenant.labels.map((l) =>
      l.id === PROTECTED_LABEL
        ? { ...l, protection: { kind: "labelbridge", rightsGroups: [RIGHTS_GROUP] } }
        : l,
    ),
    protection: { superUsers: { users: [RECOVERY_UPN] } },
  });
}

export async function writeTenant(store: Store, document: TenantPolicy): Promise<void> {
  const result = await store.writePolicy(document.siteId, {
    expectedVersion: await store.currentVersion(document.siteId),
    document,
    actor: { id: "test", name: "test" },
    kind: "replace",
    at: new Date().toISOString(),
  });
  if (!result.ok) throw new Error("the test policy was not written");
}

export const kek = (id: string) => `${id}:${randomBytes(32).toString("base64")}`;
export const newKeyId = () => randomBytes(16).toString("hex");
