/**
 * A reply or forward carries the higher of the original's label and the default: the original's
 * label as its quoted marking text or its subject's protective marking shows it.
 */
import {
  decideInheritedLabel,
  decideSend,
  labelsShownByOriginal,
  markingPattern,
} from "../../../src/core/decide";
import { defaultTenantPolicy, resolveEffectivePolicy, tenantPolicySchema } from "../../../src/core/policy";
import { effectiveWith, L, testContext } from "../../support/policyFixtures";

/** The quoted original as Outlook puts it below a reply, after Labelbridge marked it at send. */
const HIGHLY_QUOTED = [
  "",
  "________________________________",
  "From: Sam Lee <sam@contoso.com>",
  "Sent: Monday, 30 November 2026 09:12",
  "Subject: Acquisition shortlist",
  "",
  "Highly Confidential",
  "Here is the shortlist.",
  "Classified as Highly Confidential — Sam Lee,",
  "30/11/2026 09:11",
].join("\n");

describe("markingPattern", () => {
  it("fills in the label's name and lets every other variable match any text", () => {
    const p = markingPattern("Classified as ${Item.Label} — ${User.Name}, ${Event.DateTime}", "Secret")!;
    expect(p.test("Classified as Secret — Ana Diaz, 01/02/2027 10:00")).toBe(true);
    expect(p.test("Classified as Secret   —\nAna Diaz, x".replace(/\s+/g, " "))).toBe(true);
    expect(p.test("Classified as Public — Ana Diaz, 01/02/2027 10:00")).toBe(false);
  });

  it("refuses a template with too little text of its own to be evidence", () => {
    expect(markingPattern("${User.Name} ${Event.DateTime}", "Secret")).toBeNull();
    expect(markingPattern("[${Item.Name}] 1-2", "Secret")).toBeNull();
    expect(markingPattern("${Item.Label}", "Highly Confidential")).not.toBeNull();
  });
});

describe("labelsShownByOriginal", () => {
  const policy = effectiveWith();

  it("finds Highly Confidential in the quoted original, whoever sent it and whenever", () => {
    expect(
      labelsShownByOriginal(policy, { subject: "RE: Acquisition shortlist", body: HIGHLY_QUOTED }),
    ).toEqual([L.highlyConfidentialAllEmployees]);
  });

  it("a marking several labels share proves only the least sensitive of them", () => {
    const shown = labelsShownByOriginal(policy, {
      subject: "FW: Q3",
      body: "From: Ana\nFigures attached.\nClassified as Confidential",
    });
    expect(shown).toHaveLength(1);
    const sensitivity = (id: string) => policy.catalog.find((l) => l.id === id)!.sensitivity;
    const sharing = policy.labels
      .filter((l) => l.marking?.footer?.text === "Classified as Confidential")
      .map((l) => sensitivity(l.id));
    expect(sensitivity(shown[0])).toBe(Math.min(...sharing));
  });

  it("finds nothing in a mail without markings", () => {
    expect(labelsShownByOriginal(policy, { subject: "RE: lunch", body: "Sounds good.\nFrom: Sam" })).toEqual(
      [],
    );
  });

  it("au-epms: the [SEC=…] marking Outlook keeps in a reply's subject", () => {
    const tenant = defaultTenantPolicy();
    tenant.labels = tenant.labels.map((l) => ({
      ...l,
      protectiveMarking:
        l.id === L.confidentialAllEmployees
          ? { sec: "OFFICIAL:Sensitive" as const }
          : { sec: "OFFICIAL" as const },
    }));
    tenant.policies[0].settings.markingProfile = "au-epms";
    const eff = resolveEffectivePolicy(tenantPolicySchema.parse(tenant), { id: "u", groups: [] });
    expect(labelsShownByOriginal(eff, { subject: "RE: Budget [SEC=OFFICIAL:Sensitive]", body: "" })).toEqual([
      L.confidentialAllEmployees,
    ]);
  });
});

describe("decideInheritedLabel", () => {
  const policy = effectiveWith();
  const ctx = testContext();

  it("takes the original's label when it is higher than the default: Standard, audited as inherited", () => {
    const d = decideInheritedLabel(
      policy,
      { kind: "email", current: null },
      L.highlyConfidentialAllEmployees,
      ctx,
    );
    if (d.outcome !== "apply") throw new Error(d.message);
    expect(d.reason).toBe("original-label-inherited");
    expect(d.message).toBe('Labeled "Highly Confidential \\ All Employees" like the mail it answers.');
    expect(d.plan).toMatchObject({ labelId: L.highlyConfidentialAllEmployees, method: "Standard" });
    expect(d.plan.audit).toMatchObject({
      type: "label-applied",
      actionSource: "inherited",
      method: "Standard",
    });
  });

  it("takes the default when the original's label is lower", () => {
    const d = decideInheritedLabel(policy, { kind: "email", current: null }, L.public, ctx);
    expect(d).toMatchObject({ outcome: "apply", reason: "default-label", plan: { labelId: L.general } });
  });

  it("takes the default when the original shows no label, and nothing without a default", () => {
    expect(decideInheritedLabel(policy, { kind: "email", current: null }, null, ctx)).toMatchObject({
      outcome: "apply",
      reason: "default-label",
    });
    const noDefault = effectiveWith({ defaultMailLabel: "none" });
    expect(decideInheritedLabel(noDefault, { kind: "email", current: null }, null, ctx)).toMatchObject({
      outcome: "none",
      reason: "no-default-label",
    });
  });

  it("leaves a mail that already carries a label alone", () => {
    const d = decideInheritedLabel(
      policy,
      { kind: "email", current: { labelId: L.general, method: "Privileged" } },
      L.highlyConfidentialAllEmployees,
      ctx,
    );
    expect(d).toMatchObject({ outcome: "none", reason: "already-labeled" });
  });
});

describe("decideSend knows a reply's original", () => {
  const policy = effectiveWith({ recipientRules: [] });
  const ctx = testContext();
  const mail = { kind: "email" as const, recipients: ["ana@contoso.com"], attachments: [] };

  it("an unlabeled (or default-labeled) reply no open moment labeled goes with the original's label", () => {
    for (const current of [null, { labelId: L.general, method: "Standard" as const }]) {
      const d = decideSend(
        policy,
        { ...mail, current, originalLabelId: L.highlyConfidentialAllEmployees },
        ctx,
      );
      if (d.outcome !== "allow") throw new Error(d.message);
      expect(d.plan).toMatchObject({ labelId: L.highlyConfidentialAllEmployees, method: "Standard" });
      expect(d.audit).toEqual([expect.objectContaining({ actionSource: "inherited" })]);
    }
  });

  it("a label the person chose stays, even if lower", () => {
    const d = decideSend(
      policy,
      {
        ...mail,
        current: { labelId: L.general, method: "Privileged" },
        originalLabelId: L.highlyConfidentialAllEmployees,
      },
      ctx,
    );
    expect(d).toMatchObject({ outcome: "allow", plan: undefined });
  });
});
