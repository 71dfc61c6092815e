import { detectOptionsFor, detectSensitiveInfo, testInfoType } from "../../../src/core/detect";
import { decideRecommendation } from "../../../src/core/decide/recommend";
import { resolveEffectivePolicy } from "../../../src/core/policy/effective";
import { customInfoTypeSchema, type CustomInfoTypeInput } from "../../../src/core/policy/infoTypes";
import { validateTenantPolicy } from "../../../src/core/policy";
import { filler } from "./helpers";

const EMPLOYEE_ID = "6a0c39cd-8f37-4c59-9d1e-3d6bb2a6a001";

/** Contoso employee ids: E- and six digits, Luhn-checked; "employee" or "personnel" corroborates. */
const employeeType: CustomInfoTypeInput = {
  id: EMPLOYEE_ID,
  name: "Contoso employee id",
  proximity: 100,
  elements: [
    { id: "id", kind: "regex", pattern: "\\bE-\\d{6}\\b", checksum: { kind: "luhn" } },
    { id: "words", kind: "keywords", terms: ["employee", "personnel number"] },
    { id: "hr", kind: "keywords", terms: ["HR"], caseSensitive: true },
  ],
  patterns: [
    { confidence: 65, idMatch: "id" },
    { confidence: 85, idMatch: "id", matches: [{ ref: "words" }] },
    { confidence: 95, idMatch: "id", matches: [{ ref: "words" }, { ref: "hr" }] },
  ],
};
const employee = customInfoTypeSchema.parse(employeeType);

function run(type: CustomInfoTypeInput, text: string): Array<[string, number]> {
  const parsed = customInfoTypeSchema.parse(type);
  const { detections } = detectSensitiveInfo(text, { types: [parsed.id], customTypes: [parsed] });
  return (detections[0]?.instances ?? []).map((i) => [text.slice(i.start, i.end), i.confidence]);
}

describe("custom information types", () => {
  test("each pattern's evidence raises the confidence; the checksum drops lookalikes", () => {
    // 123455 passes Luhn, 123456 does not.
    expect(run(employeeType, "Badge E-123455 issued.")).toEqual([["E-123455", 65]]);
    expect(run(employeeType, "Employee E-123455 issued.")).toEqual([["E-123455", 85]]);
    expect(run(employeeType, "HR: employee E-123455 issued.")).toEqual([["E-123455", 95]]);
    expect(run(employeeType, "hr: employee E-123455 issued.")).toEqual([["E-123455", 85]]);
    expect(run(employeeType, "Employee E-123456 issued.")).toEqual([]);
  });

  test("evidence counts within the type's proximity window only", () => {
    expect(run(employeeType, `employee${filler(100)}E-123455`)).toEqual([["E-123455", 85]]);
    expect(run(employeeType, `employee${filler(101)}E-123455`)).toEqual([["E-123455", 65]]);
    const ownWindow = {
      ...employeeType,
      patterns: [{ confidence: 85, idMatch: "id", matches: [{ ref: "words" }], proximity: 20 }],
    };
    expect(run(ownWindow, `employee${filler(30)}E-123455`)).toEqual([]);
  });

  test("Any: between minMatches and maxMatches of the group; minCount with uniqueResults", () => {
    const type: CustomInfoTypeInput = {
      id: "6a0c39cd-8f37-4c59-9d1e-3d6bb2a6a002",
      name: "Project code",
      elements: [
        { id: "code", kind: "regex", pattern: "PRJ-[0-9]{4}" },
        { id: "a", kind: "keywords", terms: ["budget"] },
        { id: "b", kind: "keywords", terms: ["deadline"] },
        { id: "c", kind: "keywords", terms: ["secret"] },
        { id: "names", kind: "keywords", terms: ["falcon", "osprey", "kestrel"] },
      ],
      patterns: [
        {
          confidence: 75,
          idMatch: "code",
          any: [{ minMatches: 2, maxMatches: 2, matches: [{ ref: "a" }, { ref: "b" }, { ref: "c" }] }],
        },
        { confidence: 85, idMatch: "code", matches: [{ ref: "names", minCount: 2, uniqueResults: true }] },
      ],
    };
    expect(run(type, "PRJ-1234 budget deadline")).toEqual([["PRJ-1234", 75]]);
    expect(run(type, "PRJ-1234 budget")).toEqual([]);
    expect(run(type, "PRJ-1234 budget deadline secret")).toEqual([]);
    expect(run(type, "PRJ-1234 falcon falcon")).toEqual([]);
    expect(run(type, "PRJ-1234 falcon Osprey")).toEqual([["PRJ-1234", 85]]);
  });

  test("keyword-only types match prose without digits; word style respects word boundaries", () => {
    const type: CustomInfoTypeInput = {
      id: "5da58d7a-25f1-4205-93d0-beb10054c504",
      name: "Project Obsidian",
      elements: [{ id: "k", kind: "keywords", terms: ["Project Obsidian"] }],
      patterns: [{ confidence: 65, idMatch: "k" }],
    };
    expect(run(type, "The PROJECT   OBSIDIAN plan and project obsidians.")).toEqual([]);
    expect(run(type, "The project obsidian plan.")).toEqual([["project obsidian", 65]]);
  });

  test("a Purview function as primary element: Func_netherlands_bsn with Dutch keywords", () => {
    const type: CustomInfoTypeInput = {
      id: "33716ade-046c-425b-88e7-03e2b973d775",
      name: "BSN (edited)",
      proximity: 50,
      elements: [
        { id: "Func_netherlands_bsn", kind: "function", name: "Func_netherlands_bsn" },
        { id: "kw", kind: "keywords", terms: ["burgerservicenummer", "sofinummer"] },
      ],
      patterns: [{ confidence: 85, idMatch: "Func_netherlands_bsn", matches: [{ ref: "kw" }] }],
    };
    expect(run(type, "Het sofinummer is 111222333, niet 111222334.")).toEqual([["111222333", 85]]);
  });

  test("testInfoType shows matches with confidence, or why the type cannot be saved", () => {
    const ok = testInfoType(employeeType, "HR file: employee E-123455 and E-000018.");
    expect(ok).toEqual({
      ok: true,
      truncated: false,
      matches: [
        { start: 18, end: 26, text: "E-123455", confidence: 95 },
        { start: 31, end: 39, text: "E-000018", confidence: 95 },
      ],
    });
    const evil = testInfoType(
      {
        ...employeeType,
        elements: [{ id: "id", kind: "regex", pattern: "(a*)*b" }, ...employeeType.elements!.slice(1)],
      },
      "aaaa",
    );
    expect(evil.ok).toBe(false);
    if (!evil.ok)
      expect(evil.issues[0]).toMatchObject({
        path: ".elements[0].pattern",
        rule: "unsafe-pattern",
        message: expect.stringMatching(
          /^info type 'Contoso employee id': pattern "\(a\*\)\*b" of element 'id' cannot be used: a repeated part can match nothing/,
        ),
      });
    const dangling = testInfoType({ ...employeeType, patterns: [{ confidence: 70, idMatch: "nope" }] }, "x");
    expect(dangling.ok || dangling.issues[0].message).toContain(
      "refers to element 'nope', which is not defined",
    );
  });

  test("an evil pattern from an admin runs in linear time when it is not refused", () => {
    const type: CustomInfoTypeInput = {
      id: "6a0c39cd-8f37-4c59-9d1e-3d6bb2a6a003",
      name: "Evil",
      elements: [{ id: "r", kind: "regex", pattern: "(a|aa)+b" }],
      patterns: [{ confidence: 75, idMatch: "r" }],
    };
    expect(run(type, "a".repeat(200_000))).toEqual([]);
    expect(run(type, "x aab y")).toEqual([["aab", 75]]);
  });
});

describe("custom types in the policy", () => {
  const label = (id: string, sensitivity: number, conditions: unknown[] = []) => ({
    id,
    name: `L${sensitivity}`,
    displayName: `Label ${sensitivity}`,
    tooltip: "t",
    sensitivity,
    conditions,
  });
  const tenant = (infoTypes: unknown[], sitId = EMPLOYEE_ID) => ({
    siteId: "11111111-1111-4111-8111-111111111111",
    name: "Contoso",
    labels: [
      label("22222222-2222-4222-8222-222222222222", 10),
      label("33333333-3333-4333-8333-333333333333", 20, [
        { mode: "recommend", sitId, minCount: 1, minConfidence: 85 },
      ]),
    ],
    policies: [
      {
        id: "44444444-4444-4444-8444-444444444444",
        name: "All",
        scope: { everyone: true },
        priority: 1,
        phase: "advance",
        labels: ["22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333"],
      },
    ],
    infoTypes,
  });

  test("a condition naming a custom type recommends its label through detectOptionsFor", () => {
    const result = validateTenantPolicy(tenant([employeeType]));
    expect(result.issues).toEqual([]);
    if (!result.ok) return;
    const policy = resolveEffectivePolicy(result.value, { id: "u", groups: [] });
    expect(policy.infoTypes.map((t) => t.id)).toEqual([EMPLOYEE_ID]);
    const options = detectOptionsFor(policy);
    expect(options.types).toEqual([EMPLOYEE_ID]);
    const { detections } = detectSensitiveInfo("Employee E-123455 joined.", options);
    const decision = decideRecommendation(policy, { kind: "email", current: null }, detections, {
      user: { id: "u", upn: "u@contoso.com" },
      now: new Date("2026-12-01T00:00:00Z"),
      application: "Outlook",
    } as never);
    expect(decision.outcome).toBe("recommend");
    if (decision.outcome === "recommend")
      expect(decision.recommendation.labelId).toBe("33333333-3333-4333-8333-333333333333");
  });

  test("saving refuses a catastrophic pattern naming the type, the pattern and why", () => {
    const evil = {
      ...employeeType,
      elements: [{ id: "id", kind: "regex", pattern: "(x+x+)+y?" }, ...employeeType.elements!.slice(1)],
    };
    const ok = validateTenantPolicy(tenant([evil]));
    expect(ok.ok).toBe(true); // unbounded but not refused: it runs on the linear engine
    const refused = validateTenantPolicy(
      tenant([
        {
          ...evil,
          elements: [{ id: "id", kind: "regex", pattern: "(\\d?)*-" }, ...employeeType.elements!.slice(1)],
        },
      ]),
    );
    expect(refused.ok).toBe(false);
    expect(refused.issues).toEqual([
      {
        path: "infoTypes[0].elements[0].pattern",
        rule: "unsafe-pattern",
        message: expect.stringContaining(
          `info type 'Contoso employee id': pattern "(\\\\d?)*-" of element 'id' cannot be used: a repeated part can match nothing`,
        ),
      },
    ]);
  });

  test("a condition naming an unknown type, or a custom type reusing a built-in id, is refused", () => {
    const unknown = validateTenantPolicy(tenant([], EMPLOYEE_ID));
    expect(unknown.issues.map((i) => [i.path, i.rule])).toEqual([
      ["labels[1].conditions[0].sitId", "unknown-info-type"],
    ]);
    const clash = validateTenantPolicy(
      tenant([{ ...employeeType, id: "50842eb7-edc8-4019-85dd-5a5c1f2bb085" }]),
    );
    expect(clash.issues.map((i) => i.rule)).toContain("built-in-id");
  });
});

test("the compiled type is cached per policy object", () => {
  expect(
    detectSensitiveInfo("employee E-123455", { customTypes: [employee] }).detections.map((d) => d.name),
  ).toEqual(["Contoso employee id"]);
});

test("a runtime without the custom-type engine (the Outlook event bundle) reports custom types as unsupported", () => {
  jest.isolateModules(() => {
    type Detect = typeof import("../../../src/core/detect/detect");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bare: Detect = require("../../../src/core/detect/detect");
    const result = bare.detectSensitiveInfo("employee E-123455", { customTypes: [employee] });
    expect(result.detections).toEqual([]);
    expect(result.unsupportedTypes).toEqual([EMPLOYEE_ID]);
  });
});
