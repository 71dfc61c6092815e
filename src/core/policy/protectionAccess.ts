/**
 * Reading a label's protection and who holds rights to it, without zod, so the Outlook event bundle
 * can use it (the schemas are in ./protection.ts).
 */
import type { LabelProtection, TenantProtection } from "./protection";

export interface ProtectionFields {
  hasProtection?: boolean;
  protection?: LabelProtection;
}

/**
 * The label's protection. `hasProtection` (Graph's flag) is only ever set on purpose — parsed labels
 * do not carry it — so it switches between `none` and `purview`, all that Graph can say; it leaves a
 * Labelbridge-protected label protecting (turning that off is `protection: {kind: "none"}`).
 */
export function labelProtection(label: ProtectionFields): LabelProtection {
  const given = label.protection;
  const flag = label.hasProtection;
  if (!given) return flag ? { kind: "purview" } : { kind: "none" };
  if (flag === undefined || flag === (given.kind !== "none") || given.kind === "labelbridge") return given;
  return flag ? { kind: "purview" } : { kind: "none" };
}

export function isProtecting(label: ProtectionFields): boolean {
  return labelProtection(label).kind !== "none";
}

export interface RightsHolder {
  /** Entra object id. */
  id: string;
  upn?: string;
  groups: readonly string[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function listed(user: RightsHolder, users: readonly string[], groups: readonly string[]): boolean {
  if (users.some((u) => same(u, user.id) || (user.upn !== undefined && same(u, user.upn)))) return true;
  return groups.some((g) => user.groups.includes(g));
}

export function isSuperUser(tenant: TenantProtection, user: RightsHolder): boolean {
  return listed(user, tenant.superUsers.users, tenant.superUsers.groups);
}

export function holdsRights(protection: LabelProtection, user: RightsHolder): boolean {
  return protection.kind === "labelbridge" && listed(user, protection.rightsUsers, protection.rightsGroups);
}
