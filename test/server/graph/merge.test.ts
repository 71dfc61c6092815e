/** The pure half of a Graph sync: Purview snapshot + current configuration → next configuration and its diff. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  defaultTenantPolicy,
  formatIssue,
  validateTenantPolicy,
  type TenantPolicy,
} from "../../../src/core/policy";
import { mergePurviewSnapshot, type PurviewSnapshot } from "../../../src/core/policy/purviewMerge";
import { diffTenantPolicies } from "../../../src/core/policy/policyDiff";

const FIXTURES = join(__dirname, "../../fixtures/graph");
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));
const BETA_LABELS = fixture(
  "graphdocs_beta_security_informationProtection_sensitivityLabels_list.json",
).value;
const BETA_OLD_LABELS = fixture("graphdocs_beta_informationProtection_policy_labels_list.json").value;
const SETTINGS = fixture("graphdocs_beta_security_informationProtection_labelPolicySettings_get.json");
const V1_LABELS = fixture(
  "graphdocs_v1.0_security_dataSecurityAndGovernance_sensitivityLabels_list.json",
).value;

const SITE = "6a1f0c55-2b8e-4d1e-9a51-0e3c6b7f9d21";
const POLICY = "0b0b0b0b-1111-4222-8333-444444444444";
const PUBLIC = "285ccb20-8260-4b1a-9e08-b5e051ffc848";
const CONFIDENTIAL = "8cf764ac-ef2b-4787-8ccd-0a8a65e7bafa";
const FTE = "a20cbae4-0c05-448c-b342-cb6c618d0957";
const NOW = "2026-12-05T10:00:00.000Z";

function sync(snapshot: Partial<PurviewSnapshot>, current: TenantPolicy | null) {
  const result = mergePurviewSnapshot(
    { apiVersion: "beta", labels: [], settings: null, users: [], ...snapshot },
    { siteId: SITE, tenantName: "Contoso", current, now: NOW, newPolicyId: POLICY },
  );
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
  const valid = validateTenantPolicy(result.document);
  if (!valid.ok) throw new Error(valid.issues.map(formatIssue).join("\n"));
  return { document: valid.value, warnings: result.warnings, diff: diffTenantPolicies(current, valid.value) };
}

describe("Purview snapshot merge", () => {
  it("gives a tenant without configuration Purview's labels with their GUIDs, hierarchy and settings", () => {
    const { document, warnings, diff } = sync({ labels: BETA_LABELS, settings: SETTINGS }, null);
    expect(document.labels.map((l) => [l.id, l.name, l.parentId, l.isActive])).toEqual([
      [PUBLIC, "Contoso Public", null, true],
      [CONFIDENTIAL, "Contoso Confidential", null, false],
      [FTE, "Full Time Employees", CONFIDENTIAL, true],
    ]);
    expect(document.labels[2].tooltip).toBe("Data labeled as Contoso Confidential \\ Full Time Employees.");
    expect(document.labels[1].purview).toEqual({ isAppliable: false });
    // The parent and its sublabel share sensitivity 4 in Graph's example: the list order is used.
    expect(document.labels.map((l) => l.sensitivity)).toEqual([0, 10, 20]);
    expect(warnings[0]).toMatch(/lack unique 'sensitivity' values/);
    const [policy] = document.policies;
    expect(policy).toMatchObject({ id: POLICY, phase: "define", scope: { everyone: true } });
    expect(policy.labels).toEqual([PUBLIC, CONFIDENTIAL, FTE]);
    expect(policy.settings).toMatchObject({
      justificationRequired: true,
      moreInfoUrl: "https://contoso.com/MIPInfo",
      mandatoryDocuments: false,
      mandatoryMail: false,
    });
    expect(diff.labels.added.map((l) => l.id)).toEqual([PUBLIC, CONFIDENTIAL, FTE]);
    expect(diff.policies.added).toEqual([{ id: POLICY, name: "Microsoft Purview labels" }]);
  });

  it("keeps Labelbridge's markings and conditions on a synced label and reports only Purview's changes", () => {
    const first = sync({ labels: BETA_LABELS, settings: SETTINGS }, null).document;
    const fte = first.labels.find((l) => l.id === FTE)!;
    fte.marking = {
      footer: { enabled: true, text: "FTE ONLY", fontSize: 10, fontColor: "#000000", alignment: "Center" },
    };
    fte.conditions = [
      { mode: "recommend", sitId: "50842eb7-edc8-4019-85dd-5a5c1f2bb085", minCount: 1, minConfidence: 85 },
    ];
    const renamed = JSON.parse(JSON.stringify(BETA_LABELS));
    renamed[2].tooltip = "Only for full-time employees.";
    renamed[2].color = "#A4262C";
    const { document, diff } = sync({ labels: renamed, settings: SETTINGS }, first);
    const after = document.labels.find((l) => l.id === FTE)!;
    expect(after.marking).toEqual(fte.marking);
    expect(after.conditions).toEqual(fte.conditions);
    expect(diff.labels.changed).toEqual([
      {
        id: FTE,
        name: "Full Time Employees",
        displayName: "Full Time Employees",
        changes: [
          {
            field: "tooltip",
            before: "Data labeled as Contoso Confidential \\ Full Time Employees.",
            after: "Only for full-time employees.",
          },
          { field: "color", after: "#A4262C" },
        ],
      },
    ]);
    expect(diff.policies.changed).toEqual([]);
  });

  it("keeps Labelbridge's own protection when Purview says the label does not encrypt, and takes Purview's when it does", () => {
    const first = sync({ labels: BETA_LABELS, settings: SETTINGS }, null).document;
    const fte = first.labels.find((l) => l.id === FTE)!;
    fte.protection = {
      kind: "labelbridge",
      rightsGroups: ["7c8a1f3e-2d4b-4e6a-9f10-3b5c7d9e1a2f"],
      rightsUsers: [],
    };
    const again = sync({ labels: BETA_LABELS, settings: SETTINGS }, first);
    expect(again.document.labels.find((l) => l.id === FTE)!.protection).toEqual(fte.protection);
    expect(again.diff.labels.changed).toEqual([]);
    const encrypting = JSON.parse(JSON.stringify(BETA_LABELS));
    encrypting[0].hasProtection = true;
    const { document } = sync({ labels: encrypting, settings: SETTINGS }, first);
    expect(document.labels.find((l) => l.id === PUBLIC)!.protection).toEqual({ kind: "purview" });
    expect(document.labels.find((l) => l.id === FTE)!.protection).toEqual(fte.protection);
  });

  it("retires a label removed in Purview, keeps it, and drops it as a policy default", () => {
    const first = sync({ labels: BETA_LABELS, settings: SETTINGS }, null).document;
    first.policies[0].settings.defaultDocumentLabel = PUBLIC;
    const without = BETA_LABELS.filter((l: { id: string }) => l.id !== PUBLIC);
    const { document, diff, warnings } = sync({ labels: without, settings: SETTINGS }, first);
    const retired = document.labels.find((l) => l.id === PUBLIC)!;
    expect(retired).toMatchObject({ isActive: false, name: "Contoso Public", purview: { retiredAt: NOW } });
    expect(diff.labels.retired).toEqual([
      { id: PUBLIC, name: "Contoso Public", displayName: "Contoso Public", retiredAt: NOW },
    ]);
    expect(diff.labels.removed).toEqual([]);
    expect(document.policies[0].settings.defaultDocumentLabel).toBeNull();
    expect(warnings).toContain(
      `policy 'Microsoft Purview labels': its default label 285ccb20… was retired; no default now`,
    );
    // Synced again unchanged: nothing to apply, the retirement date stays.
    const again = sync({ labels: without, settings: SETTINGS }, document);
    expect(again.diff.empty).toBe(true);
  });

  it("leaves labels Labelbridge made itself alone, and a colliding name fails validation naming both", () => {
    const local = defaultTenantPolicy({ siteId: SITE });
    const { document } = sync({ labels: [BETA_LABELS[0]] }, local);
    expect(document.labels.filter((l) => !l.purview)).toEqual(local.labels);
    const clash = JSON.parse(JSON.stringify(BETA_LABELS[0]));
    clash.name = "General";
    const result = mergePurviewSnapshot(
      { apiVersion: "beta", labels: [clash], settings: null, users: [] },
      { siteId: SITE, tenantName: "Contoso", current: local, now: NOW, newPolicyId: POLICY },
    );
    expect(result.ok).toBe(true);
    const valid = validateTenantPolicy(result.ok && result.document);
    expect(valid.ok).toBe(false);
    expect(!valid.ok && valid.issues.map(formatIssue)).toContain(
      "labels[10].name: name 'General' is already used by labels[2]",
    );
  });

  it("reads v1.0's shape: toolTip, isEnabled, priority as the order, applicableTo as one string", () => {
    const { document } = sync({ apiVersion: "v1.0", labels: V1_LABELS }, null);
    expect(document.labels).toEqual([
      expect.objectContaining({
        id: "4e4234dd-377b-42a3-935b-0e42f138fa23",
        name: "General",
        tooltip: "Apply this label to general non-public data.",
        color: "#000000",
        sensitivity: 10,
        isActive: true,
        applicableTo: ["email", "file"],
        purview: { priority: 10 },
      }),
    ]);
  });

  it("takes the deprecated beta list too (flat, parent object)", () => {
    const { document } = sync({ labels: BETA_OLD_LABELS }, null);
    expect(document.labels.find((l) => l.name === "Contoso Full Time Employees")?.parentId).toBe(
      "4b18e8bb-b4a5-4695-85d0-8ae23ef27892",
    );
  });

  it("makes a mirrored policy publish exactly the Purview labels Graph lists for its user", () => {
    const first = sync({ labels: BETA_LABELS }, null).document;
    first.purviewSync = {
      settingsPolicyId: null,
      userPolicies: [{ policyId: POLICY, user: "bob@contoso.com" }],
    };
    const { document, diff } = sync(
      {
        labels: BETA_LABELS,
        users: [{ policyId: POLICY, user: "bob@contoso.com", labels: [BETA_LABELS[2]], settings: SETTINGS }],
      },
      first,
    );
    expect(document.policies[0].labels).toEqual([FTE]);
    expect(diff.policies.changed[0].changes.map((c) => c.field)).toEqual([
      "labels",
      "settings.justificationRequired",
      "settings.moreInfoUrl",
    ]);
  });

  it("refuses a Graph list whose label id is not a GUID, naming where", () => {
    const bad = [{ ...BETA_LABELS[0], id: "not-a-guid" }];
    const result = mergePurviewSnapshot(
      { apiVersion: "beta", labels: bad, settings: null, users: [] },
      { siteId: SITE, tenantName: "Contoso", current: null, now: NOW, newPolicyId: POLICY },
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: "graph.sensitivityLabels[0].id",
          rule: "graph.not-a-guid",
          message: "'not-a-guid' is not a label GUID",
        },
      ],
    });
  });
});
