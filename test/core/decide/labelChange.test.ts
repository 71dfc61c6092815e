import { decideLabelChange, decideDefaultLabel, type ItemState } from "../../../src/core/decide";
import { resolveEffectivePolicy, defaultTenantPolicy } from "../../../src/core/policy";
import { effectiveWith, testContext, L } from "../../support/policyFixtures";

const OTHER = "Other (explain) - Do not enter sensitive information";
const mail = (
  labelId: string | null,
  method: "Standard" | "Privileged" | null = "Privileged",
): ItemState => ({
  kind: "email",
  current: labelId === null ? null : { labelId, method },
});
const file = (
  labelId: string | null,
  method: "Standard" | "Privileged" | null = "Privileged",
): ItemState => ({
  kind: "file",
  current: labelId === null ? null : { labelId, method },
});

describe("label change decisions", () => {
  const policy = effectiveWith({ mandatoryMail: false, mandatoryDocuments: false });
  const ctx = testContext();

  it.each([
    ["upgrade", mail(L.public), L.confidentialAllEmployees, undefined, "allow", "upgrade"],
    ["first label", mail(null), L.general, undefined, "allow", "upgrade"],
    ["same label", mail(L.general), L.general, undefined, "none", "unchanged"],
    ["parent with sublabels", mail(null), L.confidential, undefined, "block", "parent-not-appliable"],
    [
      "unknown label",
      mail(null),
      "99999999-9999-4999-8999-999999999999",
      undefined,
      "block",
      "unknown-label",
    ],
    [
      "downgrade without justification",
      mail(L.confidentialAllEmployees),
      L.public,
      undefined,
      "justify",
      "justification-required",
    ],
    ["removal without justification", mail(L.general), null, undefined, "justify", "justification-required"],
    [
      "downgrade with an empty Other",
      mail(L.confidentialAllEmployees),
      L.public,
      { reason: OTHER, text: "   " },
      "justify",
      "justification-text-required",
    ],
    [
      "downgrade with a made-up reason",
      mail(L.confidentialAllEmployees),
      L.public,
      { reason: "Because" },
      "justify",
      "justification-invalid",
    ],
    [
      "downgrade with a policy reason",
      mail(L.confidentialAllEmployees),
      L.public,
      { reason: "Previous label was incorrect" },
      "allow",
      "justified",
    ],
    [
      "downgrade with Other and text",
      mail(L.confidentialAllEmployees),
      L.public,
      { reason: OTHER, text: "Sent to the press office" },
      "allow",
      "justified",
    ],
    [
      "move between sublabels of one parent",
      mail(L.confidentialTrustedPeople),
      L.confidentialAnyone,
      undefined,
      "allow",
      "allowed",
    ],
    [
      "file downgrade",
      file(L.highlyConfidentialAllEmployees),
      L.general,
      undefined,
      "justify",
      "justification-required",
    ],
  ])("%s", (_name, state, labelId, justification, outcome, reason) => {
    const d = decideLabelChange(policy, state, { labelId, justification }, ctx);
    expect(d.outcome).toBe(outcome);
    expect(d.reason).toBe(reason);
    expect(d.message.length).toBeGreaterThan(0);
  });

  it("offers the policy's reasons and Other when it asks for a justification", () => {
    const d = decideLabelChange(policy, mail(L.confidentialAllEmployees), { labelId: L.public }, ctx);
    expect(d).toMatchObject({
      outcome: "justify",
      reasons: ["Previous label no longer applies", "Previous label was incorrect"],
      otherReason: OTHER,
    });
  });

  it("carries the justification into the plan and the audit event", () => {
    const d = decideLabelChange(
      policy,
      mail(L.confidentialAllEmployees),
      { labelId: L.public, justification: { reason: OTHER, text: "  Press release  " } },
      ctx,
    );
    if (d.outcome !== "allow") throw new Error(d.message);
    expect(d.plan.downgrade).toBe(true);
    expect(d.plan.justification).toEqual({ reason: OTHER, text: "Press release" });
    expect(d.plan.audit).toMatchObject({
      type: "label-changed",
      labelId: L.public,
      oldLabelId: L.confidentialAllEmployees,
      method: "Privileged",
      actionSource: "manual",
      downgrade: true,
      justification: { reason: OTHER, text: "Press release" },
    });
  });

  it("blocks a prevented downgrade even with a justification", () => {
    const strict = effectiveWith({ preventDowngradeFrom: [L.highlyConfidentialAllEmployees] });
    const d = decideLabelChange(
      strict,
      file(L.highlyConfidentialAllEmployees),
      { labelId: L.general, justification: { reason: "Previous label was incorrect" } },
      ctx,
    );
    expect(d).toMatchObject({ outcome: "block", reason: "downgrade-prevented" });
    expect(d.message).toBe(
      'Your organisation does not allow lowering or removing the label "Highly Confidential \\ All Employees".',
    );
  });

  it("lets people change but not remove a label when labeling is mandatory", () => {
    const mandatory = effectiveWith({ mandatoryMail: true, mandatoryDocuments: false });
    expect(
      decideLabelChange(
        mandatory,
        mail(L.general),
        { labelId: null, justification: { reason: "Previous label was incorrect" } },
        ctx,
      ),
    ).toMatchObject({
      outcome: "block",
      reason: "removal-not-allowed-mandatory",
    });
    // Documents are not mandatory in this policy: removal only needs the justification.
    expect(
      decideLabelChange(
        mandatory,
        file(L.general),
        { labelId: null, justification: { reason: "Previous label was incorrect" } },
        ctx,
      ).outcome,
    ).toBe("allow");
  });

  it("never lets an automatic label replace a person's label", () => {
    const d = decideLabelChange(
      policy,
      mail(L.public, "Privileged"),
      { labelId: L.confidentialAllEmployees, method: "Standard" },
      ctx,
    );
    expect(d).toMatchObject({ outcome: "block", reason: "manual-label-kept" });
    const ok = decideLabelChange(
      policy,
      mail(L.public, "Standard"),
      { labelId: L.confidentialAllEmployees, method: "Standard" },
      ctx,
    );
    expect(ok.outcome).toBe("allow");
  });

  it("blocks labels out of the user's scope and labels that do not apply to the item", () => {
    const tenant = defaultTenantPolicy();
    tenant.policies[0].labels = tenant.policies[0].labels.filter((id) => id !== L.personal);
    tenant.labels[1].applicableTo = ["email"];
    const eff = resolveEffectivePolicy(tenant, { id: "u", groups: [] });
    expect(decideLabelChange(eff, mail(null), { labelId: L.personal }, ctx)).toMatchObject({
      outcome: "block",
      reason: "label-not-in-policy",
      message: 'The label "Personal" is not available to you.',
    });
    expect(decideLabelChange(eff, file(null), { labelId: L.public }, ctx)).toMatchObject({
      outcome: "block",
      reason: "not-applicable-to-item",
      message: '"Public" cannot be applied to files.',
    });
  });

  it("offers no labeling before the deploy phase", () => {
    const draft = effectiveWith({}, "define");
    expect(decideLabelChange(draft, mail(null), { labelId: L.general }, ctx)).toMatchObject({
      outcome: "block",
      reason: "labeling-not-available",
    });
  });

  it("needs no justification in the deploy phase (manual labeling only)", () => {
    const deploy = effectiveWith({}, "deploy");
    expect(
      decideLabelChange(deploy, mail(L.confidentialAllEmployees), { labelId: L.public }, ctx).outcome,
    ).toBe("allow");
  });
});

describe("default label decisions", () => {
  const ctx = testContext();

  it("labels a new mail with the mail default, method Standard", () => {
    const d = decideDefaultLabel(effectiveWith(), mail(null), ctx);
    if (d.outcome !== "apply") throw new Error(d.message);
    expect(d.reason).toBe("default-label");
    expect(d.plan.labelId).toBe(L.general);
    expect(d.plan.method).toBe("Standard");
    expect(d.plan.audit).toMatchObject({
      type: "label-applied",
      actionSource: "default",
      method: "Standard",
    });
    expect(d.message).toBe('Labeled "General" by default.');
  });

  it("uses the document default for files and never replaces an existing label", () => {
    const policy = effectiveWith({ defaultDocumentLabel: L.confidentialAllEmployees });
    const d = decideDefaultLabel(policy, file(null), testContext({ app: "Word" }));
    expect(d.outcome === "apply" && d.plan.labelId).toBe(L.confidentialAllEmployees);
    expect(decideDefaultLabel(policy, file(L.public), ctx)).toMatchObject({
      outcome: "none",
      reason: "already-labeled",
    });
  });

  it("applies nothing when the mail default is none, or before the advance phase", () => {
    expect(decideDefaultLabel(effectiveWith({ defaultMailLabel: "none" }), mail(null), ctx)).toMatchObject({
      outcome: "none",
      reason: "no-default-label",
    });
    expect(decideDefaultLabel(effectiveWith({}, "deploy"), mail(null), ctx).outcome).toBe("none");
  });
});
