import {
  DEFAULT_LABEL_IDS as L,
  defaultTenantPolicy,
  formatIssue,
  labelProtection,
  validateTenantPolicy,
  type TenantPolicyInput,
} from "../../../src/core/policy";
import { exportToGraph, importFromGraph } from "../../../src/core/policy/graph";

const GROUP = "7b0a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

function base(): TenantPolicyInput {
  return JSON.parse(JSON.stringify(defaultTenantPolicy())) as TenantPolicyInput;
}

function labelAt(input: TenantPolicyInput, id: string) {
  return input.labels.find((l) => l.id === id)!;
}

function parsed(input: TenantPolicyInput) {
  const result = validateTenantPolicy(input);
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
  return result.value;
}

describe("label protection model", () => {
  it("reads a label without `protection` from Graph's hasProtection (true = purview)", () => {
    const input = base();
    const label = labelAt(input, L.confidentialAllEmployees);
    label.hasProtection = true;
    const value = parsed(input).labels.find((l) => l.id === L.confidentialAllEmployees)!;
    expect(value.protection).toEqual({ kind: "purview" });
    expect(value).not.toHaveProperty("hasProtection");
  });

  it("derives hasProtection from protection, so Graph exports say a Labelbridge label protects", () => {
    const input = base();
    labelAt(input, L.highlyConfidentialAllEmployees).protection = {
      kind: "labelbridge",
      rightsGroups: [GROUP],
    };
    const tenant = parsed(input);
    const label = tenant.labels.find((l) => l.id === L.highlyConfidentialAllEmployees)!;
    expect(label.protection).toEqual({ kind: "labelbridge", rightsGroups: [GROUP], rightsUsers: [] });
    const exported = exportToGraph(tenant);
    if ("error" in exported) throw new Error(exported.error);
    const hc = exported.labels.value.find((l) => l.id === L.highlyConfidential)!;
    expect(hc.sublabels.find((s) => s.id === L.highlyConfidentialAllEmployees)!.hasProtection).toBe(true);
  });

  it("lets hasProtection switch between none and purview (what the console's checkbox sets)", () => {
    const input = base();
    const label = labelAt(input, L.general);
    label.protection = { kind: "none" };
    label.hasProtection = true;
    expect(labelProtection(parsed(input).labels.find((l) => l.id === L.general)!)).toEqual({
      kind: "purview",
    });
  });

  it("refuses hasProtection false on a Labelbridge-protected label, naming the field", () => {
    const input = base();
    const label = labelAt(input, L.general);
    label.protection = { kind: "labelbridge", rightsGroups: [GROUP] };
    label.hasProtection = false;
    delete (label as { description?: string }).description;
    const result = validateTenantPolicy(input);
    expect(result.ok).toBe(false);
    const index = input.labels.indexOf(label);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toContain(
      `labels[${index}].hasProtection: is false but protection.kind is 'labelbridge'; set protection.kind to 'none' to stop protecting (hasProtection follows it)`,
    );
  });

  it("refuses a Labelbridge label that nobody but super users could open, and group names for ids", () => {
    const input = base();
    const label = labelAt(input, L.general);
    const index = input.labels.indexOf(label);
    label.protection = { kind: "labelbridge" };
    expect(validateTenantPolicy(input).ok).toBe(false);
    const issues = (() => {
      const r = validateTenantPolicy(input);
      return r.ok ? [] : r.issues;
    })();
    expect(issues.map((i) => `${i.path} ${i.rule}`)).toContain(
      `labels[${index}].protection protection-no-rights`,
    );
    label.protection = { kind: "labelbridge", rightsGroups: ["Finance Team"] };
    const again = validateTenantPolicy(input);
    expect(again.ok ? [] : again.issues.map((i) => i.path)).toContain(
      `labels[${index}].protection.rightsGroups[0]`,
    );
  });

  it("keeps tenant super users and Exchange settings, with defaults", () => {
    const input = base();
    expect(parsed(input).protection).toEqual({
      superUsers: { users: [], groups: [] },
      exchange: {
        rulePrefix: "Labelbridge",
        mandatoryMailAction: "reject",
        moderators: [],
        exceptSenders: [],
      },
    });
    (input as Record<string, unknown>).protection = {
      superUsers: { users: ["recovery@contoso.com"] },
      exchange: { exceptSenders: ["Scanner@Contoso.com"] },
    };
    const tenant = parsed(input);
    expect(tenant.protection.superUsers.users).toEqual(["recovery@contoso.com"]);
    expect(tenant.protection.exchange.exceptSenders).toEqual(["scanner@contoso.com"]);
  });

  it("the default taxonomy says truthfully which label encrypts", () => {
    const tenant = defaultTenantPolicy();
    const kinds = Object.fromEntries(tenant.labels.map((l) => [l.name, labelProtection(l).kind]));
    expect(kinds.HighlyConfidential_SpecifiedPeople).toBe("purview");
    for (const l of tenant.labels) {
      if (l.name === "HighlyConfidential_SpecifiedPeople")
        expect(l.description).toMatch(/Encrypted by Microsoft Purview/);
      else if (l.parentId !== null || !tenant.labels.some((c) => c.parentId === l.id))
        expect(l.description).toMatch(/does not encrypt/);
    }
  });
});

describe("Graph import keeps how a label protects", () => {
  function importWith(hasProtection: boolean, current = parsed(base())) {
    const labels = [
      {
        id: L.general,
        name: "General",
        displayName: "General",
        tooltip: "General business data.",
        sensitivity: 1,
        hasProtection,
      },
    ];
    const result = importFromGraph(
      { labels },
      { siteId: current.siteId, tenantName: current.name, current, newPolicyId: current.policies[0].id },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return result.document.labels.find((l) => l.id === L.general)!;
  }

  it("imports hasProtection true as purview for a label it did not know as protecting", () => {
    expect(importWith(true).protection).toEqual({ kind: "purview" });
  });

  it("keeps a Labelbridge label's rights when Graph still says it protects, and drops them when not", () => {
    const input = base();
    labelAt(input, L.general).protection = { kind: "labelbridge", rightsGroups: [GROUP] };
    const current = parsed(input);
    expect(importWith(true, current).protection).toEqual({
      kind: "labelbridge",
      rightsGroups: [GROUP],
      rightsUsers: [],
    });
    expect(importWith(false, current).protection).toEqual({ kind: "none" });
  });
});
