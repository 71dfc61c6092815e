/**
 * A label set outside Labelbridge is judged like a choice in the pane; the source decides how it
 * is recorded. At send, a change that needs a reason or is refused stops the mail.
 */
import {
  decideOutsideChange,
  decideSendUnlabeled,
  itemDecisionContext,
  localDateTime,
  outsideChangeSendBlock,
  reconcileLabel,
  type LabelChangeDecision,
  type SendDecision,
} from "../../../src/core/decide";
import { effectiveWith, L, testContext } from "../../support/policyFixtures";

const OTHER = "Other (explain) - Do not enter sensitive information";

function outside(from: string | null, to: string) {
  return reconcileLabel(
    {
      current: from === null ? null : { labelId: from, method: "Privileged" },
      records: [],
      source: from === null ? "none" : "msip_labels",
      native: to,
    },
    effectiveWith(),
  );
}

describe("decideOutsideChange", () => {
  const ctx = testContext();

  it("records a label chosen with Outlook's control as the person's (Privileged, manual)", () => {
    const d = decideOutsideChange(
      effectiveWith(),
      { kind: "email", label: outside(null, L.general) },
      "chosen",
      ctx,
    );
    expect(d.outcome).toBe("allow");
    if (d.outcome !== "allow") return;
    expect(d.plan.method).toBe("Privileged");
    expect(d.plan.audit).toMatchObject({ type: "label-applied", actionSource: "manual", labelId: L.general });
  });

  it("records a label a new mail came with as inherited (Standard), so a default may still replace it", () => {
    const d = decideOutsideChange(
      effectiveWith(),
      { kind: "email", label: outside(null, L.general) },
      "inherited",
      ctx,
    );
    expect(d.outcome).toBe("allow");
    if (d.outcome !== "allow") return;
    expect(d.plan.method).toBe("Standard");
    expect(d.plan.audit.actionSource).toBe("inherited");
  });

  it("asks for a reason for a downgrade made with Outlook's control, like in the pane", () => {
    const policy = effectiveWith({ justificationRequired: true });
    const label = outside(L.highlyConfidentialAllEmployees, L.general);
    const d = decideOutsideChange(policy, { kind: "email", label }, "chosen", ctx);
    expect(d).toMatchObject({ outcome: "justify", reason: "justification-required", otherReason: OTHER });
    const justified = decideOutsideChange(policy, { kind: "email", label }, "chosen", ctx, {
      reason: "Previous label was incorrect",
    });
    expect(justified).toMatchObject({ outcome: "allow", reason: "justified" });
  });

  it("refuses a downgrade the policy prevents", () => {
    const policy = effectiveWith({ preventDowngradeFrom: [L.highlyConfidentialAllEmployees] });
    const d = decideOutsideChange(
      policy,
      { kind: "email", label: outside(L.highlyConfidentialAllEmployees, L.general) },
      "chosen",
      ctx,
    );
    expect(d).toMatchObject({ outcome: "block", reason: "downgrade-prevented" });
  });

  it("decides nothing when no label was set outside", () => {
    const label = reconcileLabel(
      { current: { labelId: L.general, method: "Standard" }, records: [], source: "msip_labels" },
      effectiveWith(),
    );
    expect(decideOutsideChange(effectiveWith(), { kind: "email", label }, "chosen", ctx)).toMatchObject({
      outcome: "none",
      reason: "unchanged",
    });
  });
});

describe("outsideChangeSendBlock", () => {
  const justify: LabelChangeDecision = {
    outcome: "justify",
    reason: "justification-required",
    message: "Give a reason.",
    reasons: ["a"],
    otherReason: OTHER,
  };

  it("stops the mail at the justification dialog for a change that needs a reason", () => {
    expect(outsideChangeSendBlock(justify, L.general)).toEqual({
      outcome: "block",
      reason: "justification-required",
      message: "Give a reason.",
      findings: [
        {
          reason: "justification-required",
          message: "Give a reason.",
          fix: "justification",
          labelId: L.general,
        },
      ],
      fix: "justification",
      audit: [],
    });
  });

  it("stops it at the label picker for a refused change, and lets allowed ones through", () => {
    const block: LabelChangeDecision = { outcome: "block", reason: "downgrade-prevented", message: "No." };
    expect(outsideChangeSendBlock(block, L.general)).toMatchObject({ outcome: "block", fix: "label-picker" });
    expect(
      outsideChangeSendBlock({ outcome: "none", reason: "unchanged", message: "" }, L.general),
    ).toBeNull();
  });
});

describe("decideSendUnlabeled: the label send was to add could not be written", () => {
  const ctx = testContext();
  const checked: SendDecision = {
    outcome: "allow",
    reason: "ok",
    message: "Labeled automatically.",
    findings: [],
    audit: [{ ...testAudit(ctx) }],
  };

  it("blocks at the label picker when labels are mandatory and the mail is still unlabeled", () => {
    const d = decideSendUnlabeled(effectiveWith({ mandatoryMail: true }), checked, false);
    expect(d).toEqual({
      outcome: "block",
      reason: "mandatory-label-missing",
      message: "Select a sensitivity label before sending.",
      findings: [
        {
          reason: "mandatory-label-missing",
          message: "Select a sensitivity label before sending.",
          fix: "label-picker",
        },
      ],
      fix: "label-picker",
      audit: checked.audit,
    });
  });

  it("lets the mail go when it still carries a label, or labels are not mandatory", () => {
    expect(decideSendUnlabeled(effectiveWith({ mandatoryMail: true }), checked, true).outcome).toBe("allow");
    expect(decideSendUnlabeled(effectiveWith({ mandatoryMail: false }), checked, false).outcome).toBe(
      "allow",
    );
  });
});

describe("itemDecisionContext", () => {
  it("names the app, the item, the person and the sender, with local time for ${Event.DateTime}", () => {
    const now = new Date(2026, 10, 29, 9, 5);
    const ctx = itemDecisionContext(
      "Word",
      { name: "Plan.docx", location: "https://x/Plan.docx", user: { name: "Priya", principalName: "p@x" } },
      now,
      () => "id",
    );
    expect(ctx).toMatchObject({
      app: "Word",
      item: { name: "Plan.docx", location: "https://x/Plan.docx" },
      user: { name: "Priya", principalName: "p@x" },
      localDateTime: "2026-11-29 09:05",
    });
    expect(localDateTime(now)).toBe("2026-11-29 09:05");
  });
});

function testAudit(ctx: ReturnType<typeof testContext>) {
  return {
    id: ctx.newId(),
    type: "label-applied" as const,
    time: ctx.now.toISOString(),
    app: ctx.app,
    labelId: L.general,
    oldLabelId: null,
    method: "Standard" as const,
    actionSource: "automatic" as const,
    downgrade: false,
    justification: null,
    itemName: "x",
  };
}
