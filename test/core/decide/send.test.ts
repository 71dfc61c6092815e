import {
  decideSend,
  decideSendWithoutPolicy,
  decideRecommendation,
  MANDATORY_MESSAGE,
  type MailSendState,
} from "../../../src/core/decide";
import { detectSensitiveInfo } from "../../../src/core/detect";
import type { PolicySettings } from "../../../src/core/policy";
import { effectiveWith, testContext, L } from "../../support/policyFixtures";

const CARD_TEXT = "Please charge the customer's Visa 4111 1111 1111 1111, expiry 12/28.";

function mailState(overrides: Partial<MailSendState> = {}): MailSendState {
  return { kind: "email", current: null, recipients: ["lee@contoso.com"], attachments: [], ...overrides };
}

function detections(text: string) {
  return detectSensitiveInfo(text).detections;
}

describe("send decisions", () => {
  const ctx = testContext();

  it("blocks an unlabeled mail when labeling is mandatory, with the policy message and a fix", () => {
    const d = decideSend(effectiveWith({ mandatoryMail: true }), mailState(), ctx);
    expect(d.outcome).toBe("block");
    expect(d.reason).toBe("mandatory-label-missing");
    expect(d.message).toBe(MANDATORY_MESSAGE);
    expect(d.message).toBe("Select a sensitivity label before sending.");
    expect(d.outcome !== "allow" && d.fix).toBe("label-picker");
    expect(d.audit).toEqual([
      expect.objectContaining({ type: "send-blocked", reason: "mandatory-label-missing", app: "Outlook" }),
    ]);
  });

  it("allows an unlabeled mail when labeling is not mandatory, and a labeled one when it is", () => {
    expect(decideSend(effectiveWith({ mandatoryMail: false }), mailState(), ctx).outcome).toBe("allow");
    const d = decideSend(
      effectiveWith({ mandatoryMail: true }),
      mailState({ current: { labelId: L.general, method: "Standard" } }),
      ctx,
    );
    expect(d).toMatchObject({ outcome: "allow", reason: "ok", findings: [], audit: [] });
  });

  it("labels the mail from its most sensitive attachment when inheritance is automatic", () => {
    const policy = effectiveWith({ attachmentInheritance: "automatic", mandatoryMail: true });
    const d = decideSend(
      policy,
      mailState({
        attachments: [
          { name: "a.docx", labelId: L.general },
          { name: "b.xlsx", labelId: L.confidentialAllEmployees },
          { name: "c.pdf", labelId: null },
        ],
      }),
      ctx,
    );
    expect(d.outcome).toBe("allow");
    if (d.outcome !== "allow") return;
    expect(d.plan?.labelId).toBe(L.confidentialAllEmployees);
    expect(d.plan?.method).toBe("Standard");
    expect(d.plan?.audit.actionSource).toBe("inherited");
    expect(d.audit).toHaveLength(1);
  });

  it("warns (send anyway allowed) when an attachment is labeled higher and inheritance is only recommended", () => {
    const policy = effectiveWith({ attachmentInheritance: "recommended", mandatoryMail: false });
    const d = decideSend(
      policy,
      mailState({
        current: { labelId: L.general, method: "Privileged" },
        attachments: [{ name: "b.xlsx", labelId: L.highlyConfidentialAllEmployees }],
      }),
      ctx,
    );
    expect(d).toMatchObject({ outcome: "warn", reason: "attachment-label-higher", fix: "label-picker" });
    expect(d.message).toContain("Highly Confidential \\ All Employees");
  });

  it("recommends from detected card numbers, and the recommendation never blocks", () => {
    const d = decideSend(
      effectiveWith({ mandatoryMail: false }),
      mailState({ detections: detections(CARD_TEXT) }),
      ctx,
    );
    expect(d).toMatchObject({ outcome: "warn", reason: "recommended-label", fix: "recommendation" });
    expect(d.findings[0].labelId).toBe(L.confidentialAllEmployees);
    expect(d.audit).toEqual([]);
  });

  it("does not nag again once the person dismissed the recommendation", () => {
    const d = decideSend(
      effectiveWith({ mandatoryMail: false }),
      mailState({ detections: detections(CARD_TEXT), dismissedRecommendation: L.confidentialAllEmployees }),
      ctx,
    );
    expect(d.outcome).toBe("allow");
  });

  it("applies an automatic label at send, which also satisfies mandatory labeling", () => {
    const cards = Array.from({ length: 10 }, () => "card 4111 1111 1111 1111 exp 01/29").join("\n");
    const d = decideSend(
      effectiveWith({ mandatoryMail: true }),
      mailState({ detections: detections(cards) }),
      ctx,
    );
    expect(d.outcome).toBe("allow");
    if (d.outcome === "allow") {
      expect(d.plan?.labelId).toBe(L.highlyConfidentialAllEmployees);
      expect(d.plan?.audit.actionSource).toBe("automatic");
    }
  });

  describe("recipient rules", () => {
    const rules = (action: "warn" | "justify" | "block"): Partial<PolicySettings> => ({
      mandatoryMail: false,
      recipientRules: [{ labelIds: [L.confidential], action, trustedDomains: ["contoso.com"] }],
    });
    const confidential = { labelId: L.confidentialAllEmployees, method: "Privileged" as const };

    it("let mail to trusted domains and their subdomains through", () => {
      const d = decideSend(
        effectiveWith(rules("block")),
        mailState({ current: confidential, recipients: ["a@contoso.com", "b@eu.contoso.com"] }),
        ctx,
      );
      expect(d.outcome).toBe("allow");
    });

    it("block, naming the outside recipients", () => {
      const d = decideSend(
        effectiveWith(rules("block")),
        mailState({
          current: confidential,
          recipients: ["a@contoso.com", "x@fabrikam.com", "y@notcontoso.com"],
        }),
        ctx,
      );
      expect(d.outcome).toBe("block");
      expect(d.reason).toBe("recipient-rule-block");
      expect(d.message).toContain("x@fabrikam.com, y@notcontoso.com");
    });

    it("justify until a valid justification is given", () => {
      const state = mailState({ current: confidential, recipients: ["x@fabrikam.com"] });
      expect(decideSend(effectiveWith(rules("justify")), state, ctx)).toMatchObject({
        outcome: "block",
        fix: "justification",
      });
      const justified = { ...state, recipientJustification: { reason: "Previous label no longer applies" } };
      expect(decideSend(effectiveWith(rules("justify")), justified, ctx).outcome).toBe("allow");
    });

    it("warn only", () => {
      const d = decideSend(
        effectiveWith(rules("warn")),
        mailState({ current: confidential, recipients: ["x@fabrikam.com"] }),
        ctx,
      );
      expect(d).toMatchObject({ outcome: "warn", reason: "recipient-rule-warn" });
    });

    it("are off before the advance phase", () => {
      const d = decideSend(
        effectiveWith(rules("block"), "deploy"),
        mailState({ current: confidential, recipients: ["x@fabrikam.com"] }),
        ctx,
      );
      expect(d.outcome).toBe("allow");
    });
  });

  it("keeps the Smart Alerts message within 500 characters", () => {
    const long = {
      labelIds: [L.general],
      action: "block" as const,
      trustedDomains: ["contoso.com"],
      message: "M".repeat(500),
    };
    const d = decideSend(
      effectiveWith({ mandatoryMail: false, recipientRules: [long] }),
      mailState({ current: { labelId: L.general, method: "Standard" }, recipients: ["x@fabrikam.com"] }),
      ctx,
    );
    expect(d.outcome).toBe("block");
    expect(d.message.length).toBeLessThanOrEqual(500);
  });

  it("follows the stated fallback when there is no policy at all", () => {
    expect(decideSendWithoutPolicy("allow", ctx, null)).toMatchObject({
      outcome: "allow",
      reason: "no-policy-allow",
      audit: [expect.objectContaining({ type: "policy-unavailable" })],
    });
    expect(decideSendWithoutPolicy("block", ctx, null)).toMatchObject({
      outcome: "block",
      reason: "no-policy-block",
    });
    expect(decideSendWithoutPolicy("block", ctx, L.general).outcome).toBe("allow");
  });
});

describe("recommendations", () => {
  const ctx = testContext({ app: "Word" });
  const state = { kind: "file" as const, current: null };

  it("names the condition that chose the label", () => {
    const d = decideRecommendation(effectiveWith(), state, detections(CARD_TEXT), ctx);
    expect(d.outcome).toBe("recommend");
    if (d.outcome !== "recommend") return;
    expect(d.recommendation).toMatchObject({
      labelId: L.confidentialAllEmployees,
      mode: "recommend",
      condition: {
        sitId: "50842eb7-edc8-4019-85dd-5a5c1f2bb085",
        count: 1,
        confidence: 85,
        minCount: 1,
        minConfidence: 85,
      },
    });
    expect(d.message).toContain("credit card");
  });

  it("never recommends below or at the current label", () => {
    const high = {
      kind: "file" as const,
      current: { labelId: L.highlyConfidentialAllEmployees, method: "Standard" as const },
    };
    expect(decideRecommendation(effectiveWith(), high, detections(CARD_TEXT), ctx)).toMatchObject({
      outcome: "none",
      reason: "already-labeled",
    });
  });

  it("turns an automatic match into a recommendation when a person chose the label", () => {
    const cards = Array.from({ length: 10 }, () => "visa 4111 1111 1111 1111 expiry 01/29").join("\n");
    const manual = { kind: "file" as const, current: { labelId: L.general, method: "Privileged" as const } };
    expect(decideRecommendation(effectiveWith(), manual, detections(cards), ctx).outcome).toBe("recommend");
    const standard = { kind: "file" as const, current: { labelId: L.general, method: "Standard" as const } };
    expect(decideRecommendation(effectiveWith(), standard, detections(cards), ctx).outcome).toBe("apply");
  });

  it("is off before the advance phase and in mail when mail recommendations are off", () => {
    expect(decideRecommendation(effectiveWith({}, "deploy"), state, detections(CARD_TEXT), ctx).outcome).toBe(
      "none",
    );
    const mail = { kind: "email" as const, current: null };
    expect(
      decideRecommendation(effectiveWith({ mailRecommendations: false }), mail, detections(CARD_TEXT), ctx)
        .outcome,
    ).toBe("none");
  });

  it("the scanner may treat recommended labeling as automatic", () => {
    const d = decideRecommendation(
      effectiveWith(),
      state,
      detections(CARD_TEXT),
      testContext({ app: "Scanner" }),
      {
        treatRecommendedAsAutomatic: true,
      },
    );
    expect(d.outcome).toBe("apply");
    if (d.outcome === "apply") {
      expect(d.plan.metadata?.contentBits).toBe(0);
      expect(d.plan.marking.contentBits).toBe(0);
    }
  });
});
