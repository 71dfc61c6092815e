import isAbaRouting from "validator/lib/isAbaRouting";
import { SIT_IDS } from "../../../src/core/detect";
import { ABA_CANDIDATE, isAbaRoutingNumber } from "../../../src/core/detect/rules/abaRouting";
import { filler, found } from "./helpers";

const ABA = SIT_IDS.abaRouting;

describe("ABA routing number", () => {
  test.each([
    "021000021",
    "011000015",
    "026009593",
    "122105155",
    "322271627",
    "0210-0002-1",
    "02100002-1",
    "0210-00021",
  ])("%s is found: 65 alone, 75 with Keyword_ABA_Routing, 95 labelled by it", (number) => {
    expect(found(`Bank ${number}.`, ABA)).toEqual([[number, 65]]);
    expect(found(`Routing number is ${number}.`, ABA)).toEqual([[number, 75]]);
    expect(found(`ABA# for ${number}.`, ABA)).toEqual([[number, 75]]);
    expect(found(`${number} is the RTN`, ABA)).toEqual([[number, 75]]);
    expect(found(`Routing number: ${number}.`, ABA)).toEqual([[number, 95]]);
    expect(found(`ABA# ${number}.`, ABA)).toEqual([[number, 95]]);
    expect(found(`${number} (RTN)`, ABA)).toEqual([[number, 95]]);
    expect(found(`bank code ${number}`, ABA)).toEqual([[number, 95]]);
  });

  test.each([
    ["bad checksum", "021000022"],
    ["bad checksum, formatted", "0210-0002-2"],
    ["prefix 13 (reserved) with a passing checksum", "131000021"],
    ["prefix 90", "901000027"],
    ["ten digits", "0210000210"],
    ["hyphen in the wrong place", "021-000021"],
    ["dash-joined to more digits", "021000021-7"],
  ])("%s: %s is not a routing number", (_why, number) => {
    expect(found(`routing number ${number} `, ABA)).toEqual([]);
  });

  test("the keyword counts up to 300 characters away, not 301", () => {
    expect(found(`routing number${filler(300)}021000021`, ABA)).toEqual([["021000021", 75]]);
    expect(found(`routing number${filler(301)}021000021`, ABA)).toEqual([["021000021", 65]]);
  });

  test("'aba' inside a word is no keyword", () => {
    expect(found("abacus 021000021 database", ABA)).toEqual([["021000021", 65]]);
  });

  test("candidate and checksum accept exactly the nine digits validator's isAbaRouting accepts", () => {
    const disagreements: string[] = [];
    let seed = 12345;
    for (let prefix = 0; prefix < 100; prefix++)
      for (let i = 0; i < 300; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const digits = String(prefix).padStart(2, "0") + String(seed % 10_000_000).padStart(7, "0");
        const candidate = new RegExp(`^(?:${ABA_CANDIDATE.source})$`).test(digits);
        if ((candidate && isAbaRoutingNumber(digits)) !== isAbaRouting(digits)) disagreements.push(digits);
      }
    expect(disagreements).toEqual([]);
  });
});
