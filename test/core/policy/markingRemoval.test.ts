/** The policy setting that names other tools' markings, and how a document plan carries it. */
import { decideLabelChange } from "../../../src/core/decide";
import { policySettingsSchema } from "../../../src/core/policy";
import { effectiveWith, L, testContext } from "../../support/policyFixtures";

describe("externalMarkingRemoval", () => {
  it("is optional, and refuses a pattern that is not a regular expression, naming where", () => {
    expect(policySettingsSchema.parse({}).externalMarkingRemoval).toBeUndefined();
    const bad = policySettingsSchema.safeParse({ externalMarkingRemoval: { textPatterns: ["(unclosed"] } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({
      path: ["externalMarkingRemoval", "textPatterns", 0],
      message: "is not a valid regular expression",
    });
  });

  it("travels in a document's label plan, not in a mail's", () => {
    const removal = { wordShapeNames: ["TITUS1"], textPatterns: ["^INTERNAL USE$"] };
    const policy = effectiveWith({ externalMarkingRemoval: removal });
    const ctx = testContext();
    const file = decideLabelChange(policy, { kind: "file", current: null }, { labelId: L.general }, ctx);
    const mail = decideLabelChange(policy, { kind: "email", current: null }, { labelId: L.general }, ctx);
    expect(file.outcome === "allow" && file.plan.markingRemoval).toEqual(removal);
    expect(mail.outcome === "allow" && mail.plan.markingRemoval).toBeUndefined();
  });
});
