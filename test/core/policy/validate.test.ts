import {
  defaultTenantPolicy,
  validateTenantPolicy,
  parseTenantPolicy,
  PolicyValidationError,
  formatIssue,
  DEFAULT_LABEL_IDS as L,
  DEVELOPMENT_SITE_ID,
  type TenantPolicyInput,
} from "../../../src/core/policy";

function base(): TenantPolicyInput {
  return JSON.parse(JSON.stringify(defaultTenantPolicy())) as TenantPolicyInput;
}

function messages(input: unknown): string[] {
  const result = validateTenantPolicy(input);
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe("tenant policy validation", () => {
  it("accepts the shipped default taxonomy and policy", () => {
    const result = validateTenantPolicy(base());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.siteId).toBe(DEVELOPMENT_SITE_ID);
      expect(result.value.labels).toHaveLength(10);
    }
  });

  it("normalises braced upper-case GUIDs to lower-case", () => {
    const input = base();
    input.siteId = `{${DEVELOPMENT_SITE_ID.toUpperCase()}}`;
    const result = validateTenantPolicy(input);
    expect(result.ok && result.value.siteId).toBe(DEVELOPMENT_SITE_ID);
  });

  it("refuses a parent with sublabels as a default, naming the path and the rule", () => {
    const input = base();
    input.policies[0].settings!.defaultMailLabel = L.confidential;
    const result = validateTenantPolicy(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toEqual([
        {
          path: "policies[0].settings.defaultMailLabel",
          rule: "parent-not-appliable",
          message: "label 9590c712… is a parent with sublabels and cannot be applied",
        },
      ]);
    }
  });

  it.each([
    [
      "unknown label id in a policy",
      (t: TenantPolicyInput) => t.policies[0].labels!.push("7f000000-0000-4000-8000-000000000000"),
      "policies[0].labels[10]: label 7f000000-0000-4000-8000-000000000000 does not exist",
    ],
    [
      "duplicate label ids",
      (t: TenantPolicyInput) => t.labels.push({ ...t.labels[0], name: "Other", sensitivity: 5 }),
      `labels[10].id: label id ${L.personal} is used twice`,
    ],
    [
      "duplicate names",
      (t: TenantPolicyInput) =>
        t.labels.push({ ...t.labels[0], id: "11111111-1111-4111-8111-111111111111", sensitivity: 5 }),
      "labels[10].name: name 'Personal' is already used by labels[0]",
    ],
    [
      "ambiguous order",
      (t: TenantPolicyInput) => (t.labels[1].sensitivity = 0),
      "labels[1].sensitivity: sensitivity 0 is already used by labels[0]; the order must be unambiguous",
    ],
    [
      "a label that is its own parent",
      (t: TenantPolicyInput) => (t.labels[0].parentId = L.personal),
      "labels[0].parentId: label 33f63910… cannot be its own parent",
    ],
    [
      "a parent cycle",
      (t: TenantPolicyInput) => {
        t.labels[0].parentId = L.public;
        t.labels[1].parentId = L.personal;
      },
      "labels[0].parentId: parent chain of label 33f63910… loops back on itself",
    ],
    [
      "sublabels of sublabels",
      (t: TenantPolicyInput) => (t.labels[0].parentId = L.confidentialAllEmployees),
      "labels[0].parentId: label bfaa5e1b… is itself a sublabel; sublabels cannot have sublabels",
    ],
    [
      "unknown parent",
      (t: TenantPolicyInput) => (t.labels[0].parentId = "22222222-2222-4222-8222-222222222222"),
      "labels[0].parentId: parent label 22222222-2222-4222-8222-222222222222 does not exist",
    ],
    [
      "default label not published by the policy",
      (t: TenantPolicyInput) =>
        (t.policies[0].labels = t.policies[0].labels!.filter((id) => id !== L.general)),
      "policies[0].settings.defaultDocumentLabel: label e3f63795… is not published by this policy; add it to the policy's labels",
    ],
    [
      "inactive default",
      (t: TenantPolicyInput) => (t.labels[2].isActive = false),
      "policies[0].settings.defaultDocumentLabel: label e3f63795… is not active",
    ],
    [
      "mail default that does not apply to mail",
      (t: TenantPolicyInput) => (t.labels[2].applicableTo = ["file"]),
      "policies[0].settings.defaultMailLabel: label e3f63795… does not apply to mail",
    ],
    [
      "duplicate policy priorities",
      (t: TenantPolicyInput) =>
        t.policies.push({ ...t.policies[0], id: "33333333-3333-4333-8333-333333333333" }),
      "policies[1].priority: priority 0 is already used by policies[0]",
    ],
    [
      "a policy that scopes nobody",
      (t: TenantPolicyInput) => (t.policies[0].scope = { everyone: false, users: [], groups: [] }),
      "policies[0].scope: the policy scopes nobody: choose everyone, users or groups",
    ],
    [
      "a condition on a parent label",
      (t: TenantPolicyInput) =>
        (t.labels[3].conditions = [{ mode: "recommend", sitId: "50842eb7-edc8-4019-85dd-5a5c1f2bb085" }]),
      "labels[3].conditions[0]: label 9590c712… is a parent with sublabels; put the condition on a sublabel",
    ],
    [
      "unknown prevented-downgrade label",
      (t: TenantPolicyInput) =>
        (t.policies[0].settings!.preventDowngradeFrom = ["44444444-4444-4444-8444-444444444444"]),
      "policies[0].settings.preventDowngradeFrom[0]: label 44444444-4444-4444-8444-444444444444 does not exist",
    ],
    [
      "au-epms profile without protective markings",
      (t: TenantPolicyInput) => (t.policies[0].settings!.markingProfile = "au-epms"),
      "policies[0].labels[0]: label 33f63910… has no protectiveMarking, which the au-epms marking profile needs",
    ],
  ])("refuses %s", (_name, mutate, expected) => {
    const input = base();
    mutate(input);
    expect(messages(input)).toContain(expected);
  });

  it.each([
    [
      "a bad GUID",
      (t: TenantPolicyInput) => (t.labels[0].id = "not-a-guid"),
      "labels[0].id: must be a GUID like",
    ],
    [
      "an unknown field",
      (t: TenantPolicyInput) => Object.assign(t.labels[0], { colour: "#fff" }),
      "labels[0]: unknown field 'colour'",
    ],
    [
      "a missing tooltip",
      (t: TenantPolicyInput) => (t.labels[0].tooltip = ""),
      "labels[0].tooltip: a tooltip tells people",
    ],
    [
      "a bad colour",
      (t: TenantPolicyInput) => (t.labels[0].color = "red"),
      "labels[0].color: must be a colour like #A4262C",
    ],
    [
      "a missing siteId",
      (t: TenantPolicyInput) => delete (t as Partial<TenantPolicyInput>).siteId,
      "siteId: is required (string)",
    ],
    [
      "an http help link",
      (t: TenantPolicyInput) => (t.policies[0].settings!.moreInfoUrl = "http://x.example"),
      "policies[0].settings.moreInfoUrl: must be an https:// or mailto: link",
    ],
    [
      "a label name with ';'",
      (t: TenantPolicyInput) => (t.labels[0].name = "a;b"),
      "labels[0].name: must not contain ';'",
    ],
    [
      "an unknown phase",
      (t: TenantPolicyInput) => ((t.policies[0] as { phase: string }).phase = "pilot"),
      "policies[0].phase: Invalid enum value",
    ],
  ])("reports schema errors: %s", (_name, mutate, prefix) => {
    const input = base();
    mutate(input);
    const found = messages(input);
    expect(found.some((m) => m.startsWith(prefix))).toBe(true);
  });

  it("reports marking limits at the field", () => {
    const input = base();
    input.labels[8].marking!.watermark!.text = "W".repeat(300);
    const found = messages(input);
    expect(found.some((m) => m.startsWith("labels[8].marking.watermark.text:") && m.includes("255"))).toBe(
      true,
    );
  });

  it("parseTenantPolicy throws a PolicyValidationError carrying every issue", () => {
    const input = base();
    input.policies[0].settings!.defaultDocumentLabel = L.highlyConfidential;
    input.policies[0].settings!.defaultMailLabel = L.confidential;
    try {
      parseTenantPolicy(input);
      throw new Error("expected a PolicyValidationError");
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyValidationError);
      const err = e as PolicyValidationError;
      expect(err.issues.map((i) => i.path)).toEqual([
        "policies[0].settings.defaultDocumentLabel",
        "policies[0].settings.defaultMailLabel",
      ]);
      expect(err.message).toContain("policies[0].settings.defaultDocumentLabel: label ed17e572… is a parent");
    }
  });

  it("never throws on garbage", () => {
    for (const garbage of [
      null,
      42,
      "x",
      [],
      { labels: "x" },
      { siteId: DEVELOPMENT_SITE_ID, name: "t", labels: [{}], policies: [{}] },
    ]) {
      const result = validateTenantPolicy(garbage);
      expect(result.ok).toBe(false);
    }
  });
});
