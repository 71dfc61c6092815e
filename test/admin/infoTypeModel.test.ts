/** The console's custom-type edits and how their issues are placed (pure, in Node). */
import { SIT_IDS } from "../../src/core/detect/catalog";
import { customInfoTypeSchema, type CustomInfoType } from "../../src/core/policy/infoTypes";
import { validateTenantPolicy } from "../../src/core/policy";
import {
  confidenceChoices,
  conditionTypeChoices,
  infoTypeName,
  newElement,
  newInfoType,
  newPattern,
  replaceElement,
  withInfoTypes,
} from "../../src/admin/model/infoTypeEdits";
import { countByOwner, describePath, ownerOf } from "../../src/admin/model/issues";
import { employeeIdType, EMPLOYEE_ID_TYPE } from "../support/customTypeFixtures";
import { tenantWith } from "../support/policyFixtures";

const employee: CustomInfoType = customInfoTypeSchema.parse(employeeIdType);

describe("custom type edits", () => {
  it("a new type validates as it is, with a name no other type has", () => {
    const first = newInfoType([], "0d814d60-469d-470c-8cb0-58434e2bf457");
    const second = newInfoType([first], "1d814d60-469d-470c-8cb0-58434e2bf457");
    expect([first.name, second.name]).toEqual(["Information type 1", "Information type 2"]);
    expect(validateTenantPolicy(withInfoTypes(tenantWith(), [first, second])).issues).toEqual([]);
  });

  it("new elements get ids not yet used; a new pattern sits above the highest level", () => {
    const elements = [...employee.elements, newElement("keywords", employee.elements)];
    expect(elements.map((e) => e.id)).toEqual(["id", "words", "keywords"]);
    expect(newElement("keywords", elements).id).toBe("keywords2");
    expect(newPattern(employee)).toMatchObject({ confidence: 95, idMatch: "id", matches: [], any: [] });
  });

  it("renaming an element renames the patterns' references to it", () => {
    const renamed = replaceElement(employee, 1, { ...employee.elements[1], id: "staff" });
    expect(renamed.patterns[1].matches).toEqual([{ ref: "staff", minCount: 1, uniqueResults: false }]);
    expect(validateTenantPolicy(withInfoTypes(tenantWith(), [renamed])).issues).toEqual([]);
  });

  it("conditions name built-in (national ones too) and custom types; a custom type offers its own levels", () => {
    const choices = conditionTypeChoices([employee]);
    expect(choices).toContainEqual({
      value: SIT_IDS.nzInlandRevenue,
      text: "New Zealand Inland Revenue number",
    });
    expect(choices.at(-1)).toEqual({ value: EMPLOYEE_ID_TYPE, text: "Contoso employee id (custom)" });
    expect(infoTypeName([employee], EMPLOYEE_ID_TYPE.toUpperCase())).toBe("Contoso employee id");
    expect(confidenceChoices([employee], EMPLOYEE_ID_TYPE).map((c) => c.value)).toEqual(["65", "85"]);
    expect(confidenceChoices([employee], SIT_IDS.creditCard).map((c) => c.value)).toEqual([
      "65",
      "75",
      "85",
      "95",
    ]);
  });
});

describe("issues of custom types", () => {
  it("belong to the type, count on its entry and are named by it", () => {
    const bad = {
      ...employee,
      elements: [{ ...employee.elements[0], pattern: "(a*)*b" }, employee.elements[1]],
    };
    const doc = withInfoTypes(tenantWith(), [bad as CustomInfoType]);
    const { issues } = validateTenantPolicy(doc);
    expect(issues.map((i) => i.path)).toEqual(["infoTypes[0].elements[0].pattern"]);
    expect(ownerOf(issues[0].path)).toEqual({ kind: "infoType", index: 0 });
    expect(countByOwner(issues)).toMatchObject({ infoTypes: 1, tenant: 0 });
    expect(describePath(issues[0].path, doc)).toBe("Contoso employee id › elements[0].pattern");
  });
});
