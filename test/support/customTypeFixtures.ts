/**
 * A tenant with one custom information type (Contoso employee ids) that a label's condition names,
 * shared by the core, add-in and browser suites: the type an admin would define in the console.
 */
import {
  resolveEffectivePolicy,
  tenantPolicySchema,
  type EffectivePolicy,
  type TenantPolicy,
} from "../../src/core/policy";
import type { CustomInfoTypeInput } from "../../src/core/policy/infoTypes";
import type { PolicySettings } from "../../src/core/policy";
import { L, tenantWith } from "./policyFixtures";

export const EMPLOYEE_ID_TYPE = "6a0c39cd-8f37-4c59-9d1e-3d6bb2a6a001";

/** E- and six digits, Luhn-checked; "employee" near it lifts it from 65 to 85. */
export const employeeIdType: CustomInfoTypeInput = {
  id: EMPLOYEE_ID_TYPE,
  name: "Contoso employee id",
  proximity: 100,
  elements: [
    { id: "id", kind: "regex", pattern: "\\bE-\\d{6}\\b", checksum: { kind: "luhn" } },
    { id: "words", kind: "keywords", terms: ["employee", "personnel number"] },
  ],
  patterns: [
    { confidence: 65, idMatch: "id" },
    { confidence: 85, idMatch: "id", matches: [{ ref: "words" }] },
  ],
};

/** Text with one employee id at 85 (E-123455 passes Luhn) and nothing a built-in type finds. */
export const EMPLOYEE_TEXT = "Welcome aboard: employee E-123455 starts on Monday.";

/**
 * The default tenant whose Highly Confidential \ All Employees label is recommended (or applied)
 * for an employee id at 85.
 */
export function tenantWithEmployeeIds(
  settings: Partial<PolicySettings> = {},
  mode: "recommend" | "automatic" = "recommend",
): TenantPolicy {
  const tenant = tenantWith(settings);
  return tenantPolicySchema.parse({
    ...tenant,
    infoTypes: [employeeIdType],
    labels: tenant.labels.map((l) =>
      l.id === L.highlyConfidentialAllEmployees
        ? {
            ...l,
            conditions: [...l.conditions, { mode, sitId: EMPLOYEE_ID_TYPE, minCount: 1, minConfidence: 85 }],
          }
        : l,
    ),
  });
}

export function effectiveWithEmployeeIds(
  settings: Partial<PolicySettings> = {},
  mode: "recommend" | "automatic" = "recommend",
): EffectivePolicy {
  return resolveEffectivePolicy(tenantWithEmployeeIds(settings, mode), { id: "user-1", groups: [] });
}
