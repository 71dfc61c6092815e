import {
  defaultTenantPolicy,
  resolveEffectivePolicy,
  tenantPolicySchema,
  phaseFeatures,
  LabelIndex,
  DEFAULT_LABEL_IDS as L,
  type TenantPolicy,
} from "../../../src/core/policy";

const PILOT_GROUP = "aaaaaaaa-0000-4000-8000-000000000001";
const FINANCE_GROUP = "aaaaaaaa-0000-4000-8000-000000000002";

/** Everyone gets Public/General in deploy; the pilot group gets more in advance with a higher priority. */
function twoPolicyTenant(): TenantPolicy {
  const tenant = defaultTenantPolicy();
  const everyone = {
    ...tenant.policies[0],
    name: "Everyone",
    phase: "deploy" as const,
    priority: 0,
    labels: [L.public, L.general],
    settings: {
      ...tenant.policies[0].settings,
      defaultDocumentLabel: L.public,
      defaultMailLabel: null,
      mandatoryMail: false,
    },
  };
  const pilot = {
    ...tenant.policies[0],
    id: "cccccccc-0000-4000-8000-000000000001",
    name: "Pilot",
    phase: "advance" as const,
    priority: 5,
    scope: { everyone: false, users: [], groups: [PILOT_GROUP] },
    labels: [L.general, L.confidentialAllEmployees, L.highlyConfidentialAllEmployees],
    settings: {
      ...tenant.policies[0].settings,
      defaultDocumentLabel: L.general,
      defaultMailLabel: "none" as const,
      mandatoryMail: true,
    },
  };
  const finance = {
    ...tenant.policies[0],
    id: "cccccccc-0000-4000-8000-000000000002",
    name: "Finance (being defined)",
    phase: "define" as const,
    priority: 1,
    scope: { everyone: false, users: ["dana@contoso.com"], groups: [FINANCE_GROUP] },
    labels: [L.personal],
    settings: { ...tenant.policies[0].settings, defaultDocumentLabel: L.personal, defaultMailLabel: null },
  };
  return tenantPolicySchema.parse({ ...tenant, policies: [everyone, pilot, finance] });
}

describe("effective policy", () => {
  it("gives a user only the labels of policies that scope them, in a live phase", () => {
    const eff = resolveEffectivePolicy(twoPolicyTenant(), { id: "u1", groups: [] });
    expect(eff.phase).toBe("deploy");
    expect(eff.labels.map((l) => l.name)).toEqual(["Public", "General"]);
    expect(eff.policyIds).toEqual([defaultTenantPolicy().policies[0].id]);
  });

  it("deploy phase means manual labeling only: no default, no mandatory, no justification", () => {
    const eff = resolveEffectivePolicy(twoPolicyTenant(), { id: "u1", groups: [] });
    expect(eff.features).toEqual(phaseFeatures("deploy"));
    expect(eff.features.manualLabeling).toBe(true);
    expect(eff.settings.defaultDocumentLabel).toBeNull();
    expect(eff.settings.defaultMailLabel).toBeNull();
    expect(eff.settings.mandatoryMail).toBe(false);
    expect(eff.settings.justificationRequired).toBe(false);
    expect(eff.settings.mailRecommendations).toBe(false);
  });

  it("unions labels across policies and takes every setting from the highest-priority one", () => {
    const eff = resolveEffectivePolicy(twoPolicyTenant(), { id: "u2", groups: [PILOT_GROUP] });
    expect(eff.phase).toBe("advance");
    expect(eff.policyIds[0]).toBe("cccccccc-0000-4000-8000-000000000001");
    // A published sublabel brings its parent into view (not appliable, but shown as the group heading).
    expect(eff.labels.map((l) => l.id)).toEqual([
      L.public,
      L.general,
      L.confidential,
      L.confidentialAllEmployees,
      L.highlyConfidential,
      L.highlyConfidentialAllEmployees,
    ]);
    expect(eff.settings.defaultDocumentLabel).toBe(L.general);
    expect(eff.settings.defaultMailLabel).toBeNull(); // "none" = no default for mail
    expect(eff.settings.mandatoryMail).toBe(true);
    expect(eff.settings.justificationRequired).toBe(true);
  });

  it("a policy still being defined takes nothing away and gives nothing yet", () => {
    const eff = resolveEffectivePolicy(twoPolicyTenant(), { id: "u3", upn: "Dana@Contoso.com", groups: [] });
    // Finance (priority 1, define) outranks Everyone (priority 0) but is a draft: Everyone still rules.
    expect(eff.phase).toBe("deploy");
    expect(eff.labels.map((l) => l.name)).toEqual(["Public", "General"]);
    expect(eff.policyIds).toEqual([defaultTenantPolicy().policies[0].id]);
  });

  it("a user scoped only by drafts sees the draft's phase and no labels", () => {
    const tenant = twoPolicyTenant();
    const onlyFinance = tenantPolicySchema.parse({ ...tenant, policies: [tenant.policies[2]] });
    const eff = resolveEffectivePolicy(onlyFinance, { id: "x", groups: [FINANCE_GROUP] });
    expect(eff.phase).toBe("define");
    expect(eff.features.manualLabeling).toBe(false);
    expect(eff.labels).toEqual([]);
    expect(eff.settings.defaultDocumentLabel).toBeNull();
  });

  it("matches users by object id or case-insensitive UPN, and groups by id", () => {
    const tenant = twoPolicyTenant();
    expect(
      resolveEffectivePolicy(tenant, { id: "x", upn: "DANA@contoso.com", groups: [PILOT_GROUP] }).policyIds,
    ).toHaveLength(2);
    expect(resolveEffectivePolicy(tenant, { id: "x", groups: [PILOT_GROUP] }).policyIds).toHaveLength(2);
    expect(resolveEffectivePolicy(tenant, { id: "x", groups: ["other"] }).policyIds).toHaveLength(1);
    const pilotByUpn = tenantPolicySchema.parse({
      ...tenant,
      policies: [
        { ...tenant.policies[1], scope: { everyone: false, users: ["dana@contoso.com"], groups: [] } },
      ],
    });
    expect(resolveEffectivePolicy(pilotByUpn, { id: "x", upn: "DANA@Contoso.com", groups: [] }).phase).toBe(
      "advance",
    );
    expect(resolveEffectivePolicy(pilotByUpn, { id: "dana@contoso.com", groups: [] }).phase).toBe("advance");
  });

  it("a user no policy scopes sees nothing (discover)", () => {
    const tenant = twoPolicyTenant();
    const onlyPilot = tenantPolicySchema.parse({ ...tenant, policies: [tenant.policies[1]] });
    const eff = resolveEffectivePolicy(onlyPilot, { id: "nobody", groups: [] });
    expect(eff.phase).toBe("discover");
    expect(eff.labels).toEqual([]);
    expect(eff.policyIds).toEqual([]);
    expect(eff.catalog).toHaveLength(10);
  });

  it("mail default null means the document default", () => {
    const tenant = defaultTenantPolicy();
    tenant.policies[0].settings.defaultMailLabel = null;
    tenant.policies[0].settings.defaultDocumentLabel = L.public;
    const eff = resolveEffectivePolicy(tenant, { id: "u", groups: [] });
    expect(eff.settings.defaultMailLabel).toBe(L.public);
  });

  it("tells users how a label protects, not who holds its rights", () => {
    const tenant = twoPolicyTenant();
    const rights = {
      rightsGroups: [PILOT_GROUP],
      rightsUsers: ["cfo@contoso.com"],
      rightsTemplate: "Encrypt",
    };
    const labels = tenant.labels.map((l) =>
      l.id === L.general ? { ...l, protection: { kind: "labelbridge" as const, ...rights } } : l,
    );
    const eff = resolveEffectivePolicy({ ...tenant, labels }, { id: "u1", groups: [PILOT_GROUP] });
    const general = eff.labels.find((l) => l.id === L.general);
    expect(general?.protection).toEqual({
      kind: "labelbridge",
      rightsGroups: [],
      rightsUsers: [],
      rightsTemplate: "Encrypt",
    });
    expect(JSON.stringify(eff)).not.toContain("cfo@contoso.com");
    // The stored policy, from which the server decides who gets a key, keeps them.
    expect(labels.find((l) => l.id === L.general)?.protection).toMatchObject(rights);
  });

  it("hides inactive labels", () => {
    const tenant = defaultTenantPolicy();
    tenant.labels[0].isActive = false;
    const eff = resolveEffectivePolicy(tenant, { id: "u", groups: [] });
    expect(eff.labels.some((l) => l.id === L.personal)).toBe(false);
  });
});

describe("label order", () => {
  const index = new LabelIndex(defaultTenantPolicy().labels);

  it.each([
    [L.confidentialAllEmployees, L.public, true],
    [L.public, L.confidentialAllEmployees, false],
    [L.general, null, true], // removal counts as a downgrade
    [null, L.general, false],
    [L.confidentialTrustedPeople, L.confidentialAnyone, false], // between sublabels of one parent
    [L.highlyConfidentialAllEmployees, L.confidentialTrustedPeople, true],
    ["99999999-9999-4999-8999-999999999999", L.public, false], // unknown order: nothing to compare
  ])("isDowngrade(%s → %s) = %s", (from, to, expected) => {
    expect(index.isDowngrade(from, to)).toBe(expected);
  });

  it("names sublabels the way Office does", () => {
    expect(index.fullName(L.confidentialAllEmployees)).toBe("Confidential \\ All Employees");
    expect(index.fullName(L.general)).toBe("General");
    expect(index.isParent(L.confidential)).toBe(true);
    expect(index.children(L.confidential).map((l) => l.displayName)).toEqual([
      "Anyone (not protected)",
      "All Employees",
      "Trusted People",
    ]);
  });
});
