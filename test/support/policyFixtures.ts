/** Builders for policies and decision contexts shared by core tests. */
import {
  defaultTenantPolicy,
  resolveEffectivePolicy,
  tenantPolicySchema,
  DEFAULT_LABEL_IDS,
  type EffectivePolicy,
  type TenantPolicy,
  type PolicySettings,
  type Phase,
} from "../../src/core/policy";
import type { DecisionContext } from "../../src/core/decide";

export const L = DEFAULT_LABEL_IDS;

/** The default tenant with its single policy's settings and phase overridden. */
export function tenantWith(settings: Partial<PolicySettings> = {}, phase: Phase = "advance"): TenantPolicy {
  const tenant = defaultTenantPolicy();
  const policy = tenant.policies[0];
  return tenantPolicySchema.parse({
    ...tenant,
    policies: [{ ...policy, phase, settings: { ...policy.settings, ...settings } }],
  });
}

export function effectiveWith(
  settings: Partial<PolicySettings> = {},
  phase: Phase = "advance",
): EffectivePolicy {
  return resolveEffectivePolicy(tenantWith(settings, phase), { id: "user-1", groups: [] });
}

export function testContext(overrides: Partial<DecisionContext> = {}): DecisionContext {
  let n = 0;
  return {
    app: "Outlook",
    now: new Date("2026-11-29T10:15:30Z"),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    user: { name: "Sam Lee", principalName: "sam@contoso.com" },
    item: { name: "Quarterly numbers", location: "Quarterly numbers" },
    localDateTime: "29/11/2026 21:15",
    sender: "sam@contoso.com",
    ...overrides,
  };
}

/**
 * The default tenant under the nz-gov marking profile: every label carries an NZ marking, from
 * UNCLASSIFIED up to RESTRICTED with the ACCOUNTABLE MATERIAL endorsement (free text from there up).
 */
export function nzTenant(settings: Partial<PolicySettings> = {}): TenantPolicy {
  const tenant = tenantWith({ ...settings, markingProfile: "nz-gov" });
  const nz = (sensitivity: number) =>
    sensitivity < 200
      ? { classification: "UNCLASSIFIED" as const }
      : sensitivity < 300
        ? { classification: "IN-CONFIDENCE" as const }
        : sensitivity < 400
          ? { classification: "SENSITIVE" as const, endorsements: ["COMMERCIAL"] }
          : { classification: "RESTRICTED" as const, endorsements: ["ACCOUNTABLE MATERIAL"] };
  return tenantPolicySchema.parse({
    ...tenant,
    labels: tenant.labels.map((l) => ({ ...l, nzMarking: nz(l.sensitivity) })),
  });
}

export function nzEffective(settings: Partial<PolicySettings> = {}): EffectivePolicy {
  return resolveEffectivePolicy(nzTenant(settings), { id: "user-1", groups: [] });
}
