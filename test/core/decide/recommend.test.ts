import { decideRecommendation } from "../../../src/core/decide/recommend";
import { detectOptionsFor, detectSensitiveInfo } from "../../../src/core/detect";
import { EMPLOYEE_TEXT, effectiveWithEmployeeIds } from "../../support/customTypeFixtures";
import { effectiveWith, testContext, L } from "../../support/policyFixtures";

describe("the recommendation names the information type that was found", () => {
  it("a custom type by its own name, not its GUID", () => {
    const policy = effectiveWithEmployeeIds();
    const { detections } = detectSensitiveInfo(EMPLOYEE_TEXT, detectOptionsFor(policy));
    const d = decideRecommendation(policy, { kind: "email", current: null }, detections, testContext());
    expect(d.outcome).toBe("recommend");
    if (d.outcome !== "recommend") return;
    expect(d.recommendation.labelId).toBe(L.highlyConfidentialAllEmployees);
    expect(d.recommendation.condition).toMatchObject({
      sitName: "Contoso employee id",
      count: 1,
      confidence: 85,
    });
  });

  it("an automatic label's message says the custom type's name", () => {
    const policy = effectiveWithEmployeeIds({}, "automatic");
    const { detections } = detectSensitiveInfo(EMPLOYEE_TEXT, detectOptionsFor(policy));
    const d = decideRecommendation(policy, { kind: "file", current: null }, detections, testContext());
    expect(d.outcome).toBe("apply");
    expect(d.message).toBe(
      'Labeled "Highly Confidential \\ All Employees" automatically: Contoso employee id found.',
    );
  });

  it("a built-in type by its catalog name, also when the condition spells the GUID in capitals", () => {
    const policy = effectiveWith();
    const labels = policy.labels.map((l) => ({
      ...l,
      conditions: l.conditions.map((c) => ({ ...c, sitId: c.sitId.toUpperCase() })),
    }));
    const text = "Please charge Visa 4111 1111 1111 1111, expiry 12/28.";
    const { detections } = detectSensitiveInfo(text);
    const d = decideRecommendation(
      { ...policy, labels },
      { kind: "email", current: null },
      detections,
      testContext(),
    );
    expect(d.outcome).toBe("recommend");
    if (d.outcome !== "recommend") return;
    expect(d.recommendation.condition).toMatchObject({
      sitName: "Credit Card Number",
      count: 1,
      confidence: 85,
    });
  });
});
