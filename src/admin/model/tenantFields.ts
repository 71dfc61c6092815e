/**
 * The tenant's own fields — everything but its labels and policies: name, label storage, label
 * mappings, the Purview sync settings, and whatever a later version adds — so the diff and the merge
 * never silently leave one out.
 */
import type { TenantPolicy } from "../../core/policy";

export type TenantFields = Omit<TenantPolicy, "labels" | "policies">;

export function tenantFields(policy: TenantPolicy): TenantFields {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { labels, policies, ...fields } = policy;
  return fields;
}
