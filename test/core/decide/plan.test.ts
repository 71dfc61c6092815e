import fc from "fast-check";
import { decideLabelChange, planLabel, type ItemState, type Justification } from "../../../src/core/decide";
import { decodeMsipLabelsHeader } from "../../../src/core/metadata";
import {
  defaultTenantPolicy,
  resolveEffectivePolicy,
  tenantPolicySchema,
  LabelIndex,
  DEVELOPMENT_SITE_ID,
} from "../../../src/core/policy";
import { effectiveWith, nzEffective, testContext, L } from "../../support/policyFixtures";

describe("label plans", () => {
  it("writes the full metadata key set with the label's Name, not its display name", () => {
    const ctx = testContext({ app: "Word" });
    const plan = planLabel(
      effectiveWith(),
      { kind: "file", current: null },
      L.confidentialAllEmployees,
      "Privileged",
      ctx,
      {
        actionSource: "manual",
      },
    );
    expect(plan.metadata).toEqual({
      labelId: L.confidentialAllEmployees,
      siteId: DEVELOPMENT_SITE_ID,
      method: "Privileged",
      name: "Confidential_AllEmployees",
      contentBits: 2,
      setDate: "2026-11-29T10:15:30Z",
      actionId: "00000000-0000-4000-8000-000000000001",
    });
    expect(plan.marking.footer?.text).toBe("Classified as Confidential");
    expect(plan.marking.header).toBeUndefined();
    expect(plan.mailHeaders).toBeUndefined();
  });

  it("carries what an adapter needs from the policy: the tenant and where it keeps document labels", () => {
    const tenant = { ...defaultTenantPolicy(), labelStorage: "labelInfo" as const };
    const policy = resolveEffectivePolicy(tenantPolicySchema.parse(tenant), { id: "u", groups: [] });
    const removal = planLabel(
      policy,
      { kind: "file", current: { labelId: L.general, method: "Privileged" } },
      null,
      "Privileged",
      testContext({ app: "Word" }),
      { actionSource: "manual" },
    );
    // A removal has no metadata, yet the adapter still needs the tenant whose keys it deletes.
    expect(removal.metadata).toBeNull();
    expect(removal.siteId).toBe(DEVELOPMENT_SITE_ID);
    expect(removal.labelStorage).toBe("labelInfo");
  });

  it("ContentBits tell the truth: only the marks actually resolved", () => {
    const ctx = testContext({ app: "Word" });
    const plan = planLabel(
      effectiveWith(),
      { kind: "file", current: null },
      L.highlyConfidentialAllEmployees,
      "Privileged",
      ctx,
      {
        actionSource: "manual",
      },
    );
    expect(plan.metadata?.contentBits).toBe(1 | 2 | 4);
    expect(plan.marking.footer?.text).toBe("Classified as Highly Confidential — Sam Lee, 29/11/2026 21:15");
    // Mail has no watermark: header + footer only.
    const mailPlan = planLabel(
      effectiveWith(),
      { kind: "email", current: null },
      L.highlyConfidentialAllEmployees,
      "Privileged",
      testContext(),
      {
        actionSource: "manual",
      },
    );
    expect(mailPlan.metadata?.contentBits).toBe(1 | 2);
    expect(mailPlan.marking.watermark).toBeUndefined();
  });

  it("writes no markings in the deploy phase", () => {
    const plan = planLabel(
      effectiveWith({}, "deploy"),
      { kind: "file", current: null },
      L.highlyConfidentialAllEmployees,
      "Privileged",
      testContext(),
      {
        actionSource: "manual",
      },
    );
    expect(plan.marking).toEqual({ contentBits: 0 });
    expect(plan.metadata?.contentBits).toBe(0);
  });

  it("gives mail an msip_labels header that our own reader (and Purview's format) reads back", () => {
    const plan = planLabel(
      effectiveWith(),
      { kind: "email", current: null },
      L.general,
      "Standard",
      testContext(),
      { actionSource: "default" },
    );
    const value = plan.mailHeaders!.set["msip_labels"];
    expect(value).toContain(`MSIP_Label_${L.general}_Enabled=true`);
    expect(value).toContain(`MSIP_Label_${L.general}_SiteId=${DEVELOPMENT_SITE_ID}`);
    const [record] = decodeMsipLabelsHeader(value);
    expect(record).toMatchObject({
      labelId: L.general,
      siteId: DEVELOPMENT_SITE_ID,
      method: "Standard",
      name: "General",
      contentBits: 0,
      enabled: true,
    });
    const removal = planLabel(
      effectiveWith(),
      { kind: "email", current: { labelId: L.general, method: "Standard" } },
      null,
      "Privileged",
      testContext(),
      {
        actionSource: "manual",
      },
    );
    expect(removal.mailHeaders).toEqual({ set: {}, remove: ["msip_labels"] });
    expect(removal.audit.type).toBe("label-removed");
  });

  it("au-epms profile: X-Protective-Marking with ORIGIN and a subject marking", () => {
    const tenant = defaultTenantPolicy();
    const marking = { sec: "OFFICIAL:Sensitive" as const, access: ["Legal-Privilege" as const] };
    tenant.labels = tenant.labels.map((l) => ({
      ...l,
      protectiveMarking: l.id === L.confidentialAllEmployees ? marking : { sec: "OFFICIAL" as const },
    }));
    tenant.policies[0].settings.markingProfile = "au-epms";
    const eff = resolveEffectivePolicy(tenantPolicySchema.parse(tenant), { id: "u", groups: [] });
    const plan = planLabel(
      eff,
      { kind: "email", current: null },
      L.confidentialAllEmployees,
      "Privileged",
      testContext(),
      { actionSource: "manual" },
    );
    expect(plan.mailHeaders!.set["X-Protective-Marking"]).toBe(
      "VER=2024.1, NS=gov.au, SEC=OFFICIAL:Sensitive, ACCESS=Legal-Privilege, ORIGIN=sam@contoso.com",
    );
    expect(plan.subjectMarking).toEqual(marking);
    const removal = planLabel(
      eff,
      { kind: "email", current: { labelId: L.general, method: "Privileged" } },
      null,
      "Privileged",
      testContext(),
      {
        actionSource: "manual",
      },
    );
    expect(removal.mailHeaders!.remove).toEqual(["msip_labels", "X-Protective-Marking"]);
    expect(removal.subjectMarking).toBeNull();
  });
});

describe("nz-gov profile", () => {
  it("writes the NZ header (NS=gov.nz, ORIGIN) and the NZ subject marking, never the Australian forms", () => {
    const plan = planLabel(
      nzEffective(),
      { kind: "email", current: null },
      L.highlyConfidentialAllEmployees,
      "Privileged",
      testContext(),
      { actionSource: "manual" },
    );
    expect(plan.mailHeaders!.set["X-Protective-Marking"]).toBe(
      "VER=1, NS=gov.nz, SEC=RESTRICTED, ENDORSEMENT=ACCOUNTABLE MATERIAL, ORIGIN=sam@contoso.com",
    );
    expect(plan.nzSubjectMarking).toEqual({
      classification: "RESTRICTED",
      endorsements: ["ACCOUNTABLE MATERIAL"],
    });
    expect(plan.subjectMarking).toBeUndefined();
  });

  it("removing the label removes the header and strips the subject marking", () => {
    const removal = planLabel(
      nzEffective(),
      { kind: "email", current: { labelId: L.general, method: "Privileged" } },
      null,
      "Privileged",
      testContext(),
      { actionSource: "manual" },
    );
    expect(removal.mailHeaders!.remove).toEqual(["msip_labels", "X-Protective-Marking"]);
    expect(removal.nzSubjectMarking).toBeNull();
  });

  it("a document plan carries no mail marking", () => {
    const plan = planLabel(
      nzEffective(),
      { kind: "file", current: null },
      L.general,
      "Privileged",
      testContext({ app: "Word" }),
      { actionSource: "manual" },
    );
    expect(plan.mailHeaders).toBeUndefined();
    expect(plan.nzSubjectMarking).toBeUndefined();
  });
});

describe("no sequence of requests ends in a downgrade without justification", () => {
  const policy = effectiveWith({ mandatoryMail: false, mandatoryDocuments: false });
  const index = new LabelIndex(policy.catalog);
  const ids = [null, ...policy.labels.map((l) => l.id), "99999999-9999-4999-8999-999999999999"];
  const justifications: Array<Justification | null> = [
    null,
    { reason: "Previous label was incorrect" },
    { reason: policy.settings.otherReasonText },
    { reason: policy.settings.otherReasonText, text: "explained" },
    { reason: "made up" },
  ];

  it("holds for random request sequences on mail and files", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<"email" | "file">("email", "file"),
        fc.array(
          fc.record({
            target: fc.constantFrom(...ids),
            justification: fc.constantFrom(...justifications),
            method: fc.constantFrom<"Standard" | "Privileged">("Standard", "Privileged"),
          }),
          { maxLength: 25 },
        ),
        (kind, requests) => {
          let state: ItemState = { kind, current: null };
          for (const r of requests) {
            const d = decideLabelChange(
              policy,
              state,
              { labelId: r.target, justification: r.justification, method: r.method },
              testContext(),
            );
            if (d.outcome !== "allow") continue;
            const from = state.current?.labelId ?? null;
            if (index.isDowngrade(from, r.target)) {
              // Every applied downgrade carries a valid justification, in the plan and in its audit event.
              expect(d.plan.justification).not.toBeNull();
              expect(d.plan.audit.justification).not.toBeNull();
              expect(d.plan.audit.downgrade).toBe(true);
            }
            state = { kind, current: r.target === null ? null : { labelId: r.target, method: r.method } };
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
