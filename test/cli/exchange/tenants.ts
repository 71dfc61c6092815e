/** Tenants for the Exchange backstop tests: a Purview tenant and an Australian Government one. */
import {
  DEFAULT_LABEL_IDS as L,
  defaultTenantPolicy,
  parseTenantPolicy,
  type TenantPolicy,
} from "../../../src/core/policy";

export const SITE = "0d814d60-469d-470c-8cb0-58434e2bf457";
const GROUP = "6c1f4a52-9d2e-4c1b-8a77-3f0e5d9b2a10";

export function contoso(): TenantPolicy {
  const t = defaultTenantPolicy({ siteId: SITE, name: "Contoso" });
  return parseTenantPolicy({
    ...t,
    labels: t.labels.map((l) =>
      l.id === L.highlyConfidentialAllEmployees
        ? { ...l, protection: { kind: "labelbridge", rightsGroups: [GROUP], rightsTemplate: "Encrypt" } }
        : l,
    ),
    policies: t.policies.map((p) => ({
      ...p,
      settings: {
        ...p.settings,
        recipientRules: [
          {
            labelIds: [L.confidential],
            action: "block",
            trustedDomains: ["fabrikam.com"],
            message: "Confidential mail may only go to Fabrikam; remove the other recipients.",
          },
          { labelIds: [L.general], action: "warn", trustedDomains: [] },
        ],
      },
    })),
    protection: {
      superUsers: { users: ["recovery@contoso.com"] },
      exchange: { exceptSenders: ["scanner@contoso.com", "journal@contoso.com"] },
    },
  });
}

export function australia(): TenantPolicy {
  const t = defaultTenantPolicy({ siteId: SITE, name: "Department of Examples" });
  const marking: Record<string, { sec: string; access?: string[] }> = {
    [L.personal]: { sec: "UNOFFICIAL" },
    [L.public]: { sec: "OFFICIAL" },
    [L.general]: { sec: "OFFICIAL" },
    [L.confidentialAnyone]: { sec: "OFFICIAL:Sensitive" },
    [L.confidentialAllEmployees]: { sec: "OFFICIAL:Sensitive", access: ["Personal-Privacy"] },
    [L.confidentialTrustedPeople]: { sec: "OFFICIAL:Sensitive" },
    [L.highlyConfidentialAllEmployees]: { sec: "PROTECTED" },
    [L.highlyConfidentialSpecifiedPeople]: { sec: "PROTECTED" },
  };
  return parseTenantPolicy({
    ...t,
    labels: t.labels.map((l) => (marking[l.id] ? { ...l, protectiveMarking: marking[l.id] } : l)),
    policies: t.policies.map((p) => ({ ...p, settings: { ...p.settings, markingProfile: "au-epms" } })),
    protection: { exchange: { mandatoryMailAction: "moderate", moderators: ["records@examples.gov.au"] } },
  });
}
