/**
 * A custom information type the admin defined recommends a label in the task pane (the fake Outlook
 * host, the pane's controller and its engine chunk), loading the custom-type engine only for a
 * policy that has custom types.
 */
import { checkRecommendation as checkWithoutLoading } from "../../../src/addin/flows/recommend";
import { EMPLOYEE_ID_TYPE, EMPLOYEE_TEXT, effectiveWithEmployeeIds } from "../../support/customTypeFixtures";
import { pane, ourLabel } from "./paneHarness";
import { effectiveWith } from "../../support/policyFixtures";
import { composeFake, hostOf, L, testContext } from "./setup";

// Jest cannot run the native import() that fetches the engine's chunk (webpack does, and the
// browser suite loads the real chunk): only that fetch is replaced, by the same module.
jest.mock("../../../src/addin/taskpane/customInfoTypes", () => {
  const actual = jest.requireActual("../../../src/addin/taskpane/customInfoTypes");
  return {
    customInfoTypesReady: (policy: unknown) =>
      actual.customInfoTypesReady(policy, async () =>
        jest.requireActual("../../../src/core/detect/custom/compile"),
      ),
  };
});

const policy = effectiveWithEmployeeIds({ mandatoryMail: false, defaultMailLabel: "none" });

describe("custom information types in the task pane", () => {
  it("without the engine a condition's custom type is reported, not skipped in silence", async () => {
    // First in this file: nothing has loaded the custom-type engine yet, as in the Outlook event
    // bundle, which leaves it out.
    const fake = composeFake(policy, { labelsEnabled: false, body: `<p>${EMPLOYEE_TEXT}</p>` });
    const reported: Array<[string, string]> = [];
    const outcome = await checkWithoutLoading(
      {
        host: hostOf(fake),
        policy,
        kind: "email",
        ctx: testContext(),
        audit: { enqueue: async () => undefined },
        report: (what, error) => reported.push([what, (error as Error).message]),
      },
      null,
      { maxChars: 10_000, dismissed: null },
    );
    expect(outcome!.decision.outcome).toBe("none");
    expect(outcome!.unsupportedTypes).toEqual([EMPLOYEE_ID_TYPE]);
    expect(reported).toEqual([
      ["recommendation", `information types not evaluated here: ${EMPLOYEE_ID_TYPE}`],
    ]);
  });

  it("the pane loads the engine for a policy with custom types and recommends the condition's label by the type's name", async () => {
    const fake = composeFake(policy, { labelsEnabled: false, body: `<p>${EMPLOYEE_TEXT}</p>` });
    const { controller, received, settle } = await pane(fake, policy);
    const rec = controller.getState().recommendation!;
    expect(rec.labelId).toBe(L.highlyConfidentialAllEmployees);
    expect(rec.condition).toMatchObject({
      sitId: EMPLOYEE_ID_TYPE,
      sitName: "Contoso employee id",
      confidence: 85,
    });
    await controller.acceptRecommendation();
    await settle();
    expect(ourLabel(fake)).toBe(L.highlyConfidentialAllEmployees);
    expect(received.map((e) => [e.type, e.actionSource ?? null])).toEqual([
      ["label-applied", "recommended"],
      ["recommendation-accepted", null],
    ]);
  });

  it("an automatic condition on a custom type labels the mail when the pane opens", async () => {
    const automatic = effectiveWithEmployeeIds(
      { mandatoryMail: false, defaultMailLabel: "none" },
      "automatic",
    );
    const fake = composeFake(automatic, { labelsEnabled: false, body: `<p>${EMPLOYEE_TEXT}</p>` });
    const { controller } = await pane(fake, automatic);
    expect(ourLabel(fake)).toBe(L.highlyConfidentialAllEmployees);
    expect(controller.getState().notice?.text).toContain("Contoso employee id found");
  });

  it("text without an employee id recommends nothing", async () => {
    const fake = composeFake(policy, { labelsEnabled: false, body: "<p>employee E-123456 (fails Luhn)</p>" });
    const { controller } = await pane(fake, policy);
    expect(controller.getState().recommendation).toBeNull();
  });
});

describe("the custom-type engine's chunk", () => {
  it("is fetched only for a policy with custom types, once, and again after a failed fetch", async () => {
    await jest.isolateModulesAsync(async () => {
      const { customInfoTypesReady } = jest.requireActual(
        "../../../src/addin/taskpane/customInfoTypes",
      ) as typeof import("../../../src/addin/taskpane/customInfoTypes");
      const compile = jest.requireActual("../../../src/core/detect/custom/compile");
      let fetches = 0;
      const offline = async () => {
        fetches++;
        throw new Error("chunk load failed");
      };
      const online = async () => {
        fetches++;
        return compile;
      };
      await customInfoTypesReady(effectiveWith(), offline);
      expect(fetches).toBe(0);
      await expect(customInfoTypesReady(policy, offline)).rejects.toThrow("chunk load failed");
      await customInfoTypesReady(policy, online);
      await customInfoTypesReady(policy, online);
      expect(fetches).toBe(2);
    });
  });
});
