/** Graph ⇄ Labelbridge conversion: both list shapes, settings, what is kept, what is refused. */
import {
  defaultTenantPolicy,
  labelProtection,
  validateTenantPolicy,
  DEFAULT_LABEL_IDS as L,
  DEFAULT_POLICY_ID,
  type TenantPolicy,
} from "../../../src/core/policy";
import { exportToGraph, importFromGraph, type GraphExport } from "../../../src/core/policy/graph";

const SITE = "0d814d60-469d-470c-8cb0-58434e2bf457";
const NEW_POLICY = "11111111-2222-4333-8444-555555555555";

const PARENT = "3a1e6b5f-58f2-4c7e-9b1f-0d6c8a9e7f21";
const CHILD_A = "7c2d9e4f-1a3b-4c5d-8e6f-9a0b1c2d3e4f";
const CHILD_B = "8d3e0f5a-2b4c-4d6e-9f7a-0b1c2d3e4f5a";
const PUBLIC = "9e4f1a6b-3c5d-4e7f-8a9b-1c2d3e4f5a6b";

/** A v1.0 list as Graph returns it: top-level labels with sublabels nested, tooltip as `toolTip`. */
const v1List = {
  "@odata.context":
    "https://graph.microsoft.com/v1.0/$metadata#security/dataSecurityAndGovernance/sensitivityLabels",
  value: [
    {
      id: PUBLIC.toUpperCase(),
      name: "Public",
      displayName: "Public",
      description: "Anyone",
      color: "107C10",
      toolTip: "Approved for everyone.",
      sensitivity: 0,
      isActive: true,
      isAppliable: true,
      applicableTo: "email,file,site",
      sublabels: [],
    },
    {
      id: PARENT,
      name: "Secret",
      displayName: "Secret",
      tooltip: "Very sensitive.",
      sensitivity: 10,
      isAppliable: false,
      applicableTo: "email,file",
      sublabels: [
        {
          id: CHILD_A,
          name: "Secret_Team",
          displayName: "Team",
          tooltip: "Team only.",
          sensitivity: 11,
          applicableTo: "file",
          hasProtection: true,
        },
        {
          id: CHILD_B,
          name: "Secret_Board",
          displayName: "Board",
          tooltip: "",
          description: "Board members.",
          sensitivity: 12,
          applicableTo: "email,file",
        },
      ],
    },
    {
      id: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
      name: "Teams sites",
      tooltip: "x",
      sensitivity: 20,
      applicableTo: "site,unifiedGroup",
    },
  ],
};

describe("importFromGraph", () => {
  test("a v1.0 list for a tenant with no configuration: labels, one policy in phase define, warnings", () => {
    const result = importFromGraph(
      { labels: v1List },
      { siteId: SITE, tenantName: "Contoso", current: null, newPolicyId: NEW_POLICY },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const valid = validateTenantPolicy(result.document);
    if (!valid.ok) throw new Error(JSON.stringify(valid.issues));
    const doc = valid.value;
    expect(doc.labels.map((l) => [l.id, l.name, l.parentId, l.sensitivity, l.applicableTo])).toEqual([
      [PUBLIC, "Public", null, 0, ["email", "file"]],
      [PARENT, "Secret", null, 10, ["email", "file"]],
      [CHILD_A, "Secret_Team", PARENT, 11, ["file"]],
      [CHILD_B, "Secret_Board", PARENT, 12, ["email", "file"]],
    ]);
    expect(doc.labels[0]).toMatchObject({
      color: "#107C10",
      tooltip: "Approved for everyone.",
      description: "Anyone",
    });
    // Graph's hasProtection imports as Purview protection (docs/deploy.md, "Protection").
    expect(labelProtection(doc.labels[2])).toEqual({ kind: "purview" });
    expect(doc.labels[3].tooltip).toBe("Board members.");
    expect(doc.policies).toEqual([
      expect.objectContaining({
        id: NEW_POLICY,
        phase: "define",
        scope: { everyone: true, users: [], groups: [] },
        labels: [PUBLIC, PARENT, CHILD_A, CHILD_B],
      }),
    ]);
    expect(result.warnings).toEqual([
      "labels.value[1].sublabels[1]: no tooltip; used the description instead",
      "labels.value[2]: skipped: it applies to neither mail nor files (applicableTo 'site,unifiedGroup')",
    ]);
  });

  test("the beta shape (flat, parent relation) gives the same labels", () => {
    const flat = [
      { id: PARENT, name: "Secret", tooltip: "Very sensitive.", sensitivity: 10 },
      { id: CHILD_A, name: "Secret_Team", tooltip: "Team only.", sensitivity: 11, parent: { id: PARENT } },
    ];
    const result = importFromGraph(
      { labels: flat },
      { siteId: SITE, tenantName: "Contoso", current: null, newPolicyId: NEW_POLICY },
    );
    if (!result.ok) throw new Error("import failed");
    expect(result.document.labels.map((l) => [l.id, l.displayName, l.parentId])).toEqual([
      [PARENT, "Secret", null],
      [CHILD_A, "Secret_Team", PARENT],
    ]);
  });

  test("without unique sensitivity values the list order is used, and said", () => {
    const list = [
      { id: PUBLIC, name: "Public", tooltip: "p" },
      { id: PARENT, name: "Secret", tooltip: "s" },
    ];
    const result = importFromGraph(
      { labels: list },
      { siteId: SITE, tenantName: "C", current: null, newPolicyId: NEW_POLICY },
    );
    if (!result.ok) throw new Error("import failed");
    expect(result.document.labels.map((l) => l.sensitivity)).toEqual([0, 10]);
    expect(result.warnings[0]).toMatch(/lack unique 'sensitivity' values/);
  });

  test("policy settings and advanced settings land on the chosen policy; the default label gets published", () => {
    const current = defaultTenantPolicy({ siteId: SITE });
    current.policies[0].labels = current.policies[0].labels.filter((id) => id !== L.public);
    const result = importFromGraph(
      {
        labels: (exportToGraph(current) as GraphExport).labels,
        labelPolicySettings: {
          value: [
            {
              id: "ignored",
              isMandatory: true,
              isDowngradeJustificationRequired: false,
              moreInfoUrl: "https://intranet.example.com/labels",
              defaultLabel: { id: L.public },
              advancedSettings: {
                OutlookDefaultLabel: "None",
                DisableMandatoryInOutlook: "True",
                AttachmentAction: "Automatic",
                HideBarByDefault: "False",
              },
            },
          ],
        },
      },
      { siteId: SITE, tenantName: "C", current, newPolicyId: NEW_POLICY },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const settings = result.document.policies[0].settings!;
    expect(settings).toMatchObject({
      mandatoryDocuments: true,
      mandatoryMail: false,
      justificationRequired: false,
      moreInfoUrl: "https://intranet.example.com/labels",
      defaultDocumentLabel: L.public,
      defaultMailLabel: "none",
      attachmentInheritance: "automatic",
    });
    expect(result.document.policies[0].labels).toContain(L.public);
    expect(result.warnings).toEqual([
      `policy 'Default policy': now publishes ${L.public.slice(0, 8)}…, its default label`,
      "labelPolicySettings.advancedSettings.HideBarByDefault: not a setting Labelbridge honours; ignored",
    ]);
    expect(validateTenantPolicy(result.document).ok).toBe(true);
  });

  test("refusals name the path: not a GUID, a name headers cannot carry, an ambiguous policy target", () => {
    const ctx = { siteId: SITE, tenantName: "C", current: null, newPolicyId: NEW_POLICY };
    const notGuid = importFromGraph({ labels: { value: [{ id: "General" }] } }, ctx);
    expect(notGuid).toEqual({
      ok: false,
      issues: [
        { path: "labels.value[0].id", rule: "graph.not-a-guid", message: "'General' is not a label GUID" },
      ],
    });
    const badName = importFromGraph({ labels: [{ id: PUBLIC, name: "A;B", tooltip: "t" }] }, ctx);
    expect(badName.ok).toBe(false);
    if (!badName.ok)
      expect(badName.issues[0]).toMatchObject({ path: "labels[0].name", rule: "graph.name-characters" });
    const wrongType = importFromGraph({ labels: { value: [{ id: PUBLIC, sensitivity: "high" }] } }, ctx);
    expect(wrongType.ok).toBe(false);
    if (!wrongType.ok) expect(wrongType.issues[0].path).toBe("labels.value[0].sensitivity");

    const two = defaultTenantPolicy({ siteId: SITE });
    two.policies.push({ ...two.policies[0], id: NEW_POLICY, priority: 5 });
    const ambiguous = importFromGraph(
      { labels: (exportToGraph(two) as GraphExport).labels, labelPolicySettings: { isMandatory: false } },
      { ...ctx, current: two },
    );
    expect(ambiguous.ok).toBe(false);
    if (!ambiguous.ok)
      expect(ambiguous.issues[0]).toMatchObject({ path: "policyId", rule: "graph.policy-target" });
  });

  test("a sublabel of a skipped label is skipped too; a bad colour is dropped; a label without a name is refused", () => {
    const ctx = { siteId: SITE, tenantName: "C", current: null, newPolicyId: NEW_POLICY };
    const result = importFromGraph(
      {
        labels: [
          { id: PUBLIC, name: "Public", tooltip: "p", sensitivity: 0, color: "green" },
          {
            id: PARENT,
            name: "Sites",
            tooltip: "s",
            sensitivity: 1,
            applicableTo: "site",
            sublabels: [{ id: CHILD_A, name: "Sites_A", tooltip: "a", sensitivity: 2 }],
          },
        ],
      },
      ctx,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.document.labels.map((l) => l.id)).toEqual([PUBLIC]);
    expect(result.document.labels[0].color).toBeUndefined();
    expect(result.warnings).toEqual([
      "labels[0]: colour 'green' is not #rrggbb and was dropped",
      "labels[1]: skipped: it applies to neither mail nor files (applicableTo 'site')",
      `labels[1].sublabels[0]: skipped because its parent label ${PARENT.slice(0, 8)}… was skipped`,
    ]);
    expect(importFromGraph({ labels: [{ id: PUBLIC, tooltip: "t" }] }, ctx)).toEqual({
      ok: false,
      issues: [
        {
          path: "labels[0].name",
          rule: "graph.missing-name",
          message: "the label has neither name nor displayName",
        },
      ],
    });
  });

  test("every advanced setting Labelbridge honours, by its PowerShell name; bad values name the key", () => {
    const current = defaultTenantPolicy({ siteId: SITE });
    const labels = (exportToGraph(current) as GraphExport).labels;
    const ctx = { siteId: SITE, tenantName: "C", current, newPolicyId: NEW_POLICY };
    const result = importFromGraph(
      {
        labels,
        policyId: DEFAULT_POLICY_ID,
        labelPolicySettings: {
          advancedSettings: {
            OutlookDefaultLabel: L.public.toUpperCase(),
            EnableAudit: "False",
            OutlookRecommendationEnabled: "False",
            JustificationTextForUserText: "Other (say why)",
            ReportAnIssueLink: "mailto:help@example.com",
          },
        },
      },
      ctx,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.document.policies[0].settings).toMatchObject({
      defaultMailLabel: L.public,
      auditEnabled: false,
      mailRecommendations: false,
      otherReasonText: "Other (say why)",
      reportIssueUrl: "mailto:help@example.com",
    });
    const valid = validateTenantPolicy(result.document);
    if (!valid.ok) throw new Error(JSON.stringify(valid.issues));
    // And back: the mail default differs from the document default, so the export says so.
    expect((exportToGraph(valid.value) as GraphExport).labelPolicySettings.advancedSettings).toMatchObject({
      OutlookDefaultLabel: L.public,
      EnableAudit: "False",
      OutlookRecommendationEnabled: "False",
      ReportAnIssueLink: "mailto:help@example.com",
    });

    const bad = importFromGraph(
      {
        labels,
        labelPolicySettings: {
          advancedSettings: { OutlookDefaultLabel: "Internal", AttachmentAction: "Sometimes" },
        },
      },
      ctx,
    );
    expect(bad).toEqual({
      ok: false,
      issues: [
        {
          path: "labelPolicySettings.advancedSettings.OutlookDefaultLabel",
          rule: "graph.advanced-setting",
          message: "must be a label GUID or None",
        },
        {
          path: "labelPolicySettings.advancedSettings.AttachmentAction",
          rule: "graph.advanced-setting",
          message: "must be Automatic, Recommended or Off",
        },
      ],
    });
    const unknown = importFromGraph(
      { labels, policyId: NEW_POLICY, labelPolicySettings: { isMandatory: true } },
      ctx,
    );
    expect(unknown.ok).toBe(false);
    if (!unknown.ok)
      expect(unknown.issues[0].message).toBe(
        `policy ${NEW_POLICY} does not exist; choose one of ${DEFAULT_POLICY_ID}`,
      );
  });
});

describe("exportToGraph", () => {
  const tenant: TenantPolicy = defaultTenantPolicy({ siteId: SITE });

  test("v1.0 shape: parents not appliable, sublabels nested, applicableTo as Graph's flags string", () => {
    const out = exportToGraph(tenant) as GraphExport;
    expect(out.labels.value.map((l) => l.name)).toEqual([
      "Personal",
      "Public",
      "General",
      "Confidential",
      "HighlyConfidential",
    ]);
    const confidential = out.labels.value[3];
    expect(confidential).toMatchObject({
      id: L.confidential,
      isAppliable: false,
      applicableTo: "email,file",
      contentFormats: ["email", "file"],
    });
    expect(confidential.sublabels.map((s) => [s.displayName, s.isAppliable])).toEqual([
      ["Anyone (not protected)", true],
      ["All Employees", true],
      ["Trusted People", true],
    ]);
    expect(out.labelPolicySettings).toEqual({
      id: DEFAULT_POLICY_ID,
      isMandatory: true,
      isDowngradeJustificationRequired: true,
      moreInfoUrl: null,
      defaultLabel: { id: L.general, name: "General" },
      advancedSettings: {
        AttachmentAction: "Recommended",
        OutlookRecommendationEnabled: "True",
        JustificationTextForUserText: "Other (explain) - Do not enter sensitive information",
      },
    });
  });

  test("export then import is the identity on our document", () => {
    const out = exportToGraph(tenant) as GraphExport;
    const back = importFromGraph(
      {
        labels: JSON.parse(JSON.stringify(out.labels)),
        labelPolicySettings: JSON.parse(JSON.stringify(out.labelPolicySettings)),
      },
      { siteId: SITE, tenantName: "x", current: tenant, newPolicyId: NEW_POLICY },
    );
    if (!back.ok) throw new Error(JSON.stringify(back.issues));
    expect(back.warnings).toEqual([]);
    const valid = validateTenantPolicy(back.document);
    if (!valid.ok) throw new Error(JSON.stringify(valid.issues));
    expect(valid.value).toEqual(tenant);
  });

  test("an unknown policy id is an error, not an empty export", () => {
    expect(exportToGraph(tenant, NEW_POLICY)).toEqual({ error: `policy ${NEW_POLICY} does not exist` });
  });
});
