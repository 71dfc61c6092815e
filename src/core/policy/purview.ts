/**
 * Purview-origin fields. A label with `purview` set came from the tenant's Microsoft Purview labels
 * through a Graph sync: the sync owns its Purview fields (PURVIEW_LABEL_FIELDS) and leaves
 * everything else — markings, conditions, protective markings — to Labelbridge. `purviewSync` says
 * which of our policies take Purview's label policy settings (docs/coexistence.md).
 */
import { z } from "zod";
import { guidSchema } from "./guidSchema";
import type { PolicyIssue } from "./validate";

export const purviewLabelSchema = z
  .object({
    /** Graph `isAppliable`: false for a parent with sublabels. */
    isAppliable: z.boolean().optional(),
    /** Graph v1.0 `priority`, as reported. */
    priority: z.number().int().optional(),
    /** When a sync found the label gone from Purview and retired it (ISO 8601). */
    retiredAt: z.string().max(40).optional(),
  })
  .strict();

/** The label fields a sync takes from Purview; every other field stays Labelbridge's. */
export const PURVIEW_LABEL_FIELDS = [
  "name",
  "displayName",
  "description",
  "tooltip",
  "color",
  "sensitivity",
  "parentId",
  "isActive",
  "applicableTo",
  "hasProtection",
] as const;

const userPolicySchema = z
  .object({
    policyId: guidSchema,
    /** The Entra object id or UPN whose Purview view (labels and settings) the policy mirrors. */
    user: z.string().trim().min(1).max(256),
  })
  .strict();

export const purviewSyncSchema = z
  .object({
    /** Our policy that takes the organisation's label policy settings; null = the only policy, if one. */
    settingsPolicyId: guidSchema.nullable().default(null),
    /** Policies that publish exactly the Purview labels Graph lists for one user, with that user's settings. */
    userPolicies: z.array(userPolicySchema).max(50).default([]),
  })
  .strict();

export type PurviewLabel = z.infer<typeof purviewLabelSchema>;
export type PurviewSync = z.infer<typeof purviewSyncSchema>;

/** Every policy `purviewSync` names exists, and none is named twice. */
export function checkPurviewSync(
  sync: PurviewSync | undefined,
  policyIds: ReadonlySet<string>,
): PolicyIssue[] {
  if (!sync) return [];
  const issues: PolicyIssue[] = [];
  const unknown = (path: string, id: string) =>
    issues.push({ path, rule: "unknown-policy", message: `policy ${id} does not exist` });
  if (sync.settingsPolicyId !== null && !policyIds.has(sync.settingsPolicyId))
    unknown("purviewSync.settingsPolicyId", sync.settingsPolicyId);
  const mirrored = new Set<string>();
  sync.userPolicies.forEach((u, i) => {
    const at = `purviewSync.userPolicies[${i}].policyId`;
    if (!policyIds.has(u.policyId)) unknown(at, u.policyId);
    else if (mirrored.has(u.policyId))
      issues.push({ path: at, rule: "duplicate-id", message: `policy ${u.policyId} mirrors two users` });
    mirrored.add(u.policyId);
  });
  return issues;
}
