import { SIT_IDS } from "../../../src/core/detect";
import { isAssignableSsn, isPre2011Ssn } from "../../../src/core/detect/rules/ssn";
import { filler, found } from "./helpers";

const SSN = SIT_IDS.usSsn;

describe("U.S. social security number", () => {
  // Purview's levels, with the keyword in the window but not labelling the number.
  test.each([
    ["pre-2011, dashes", "SSN on file, 123-45-6789", "123-45-6789", 85],
    ["pre-2011, spaces", "social security number on file: 123 45 6789", "123 45 6789", 85],
    ["pre-2011, area 772", "SSN# for 772-10-0001", "772-10-0001", 85],
    ["pre-2011, unformatted", "SSN is 123456789", "123456789", 75],
    ["randomized area 773, formatted", "SS# is 773-12-3456", "773-12-3456", 65],
    ["randomized area 740, formatted", "Soc Sec is 740-12-3456", "740-12-3456", 65],
    ["randomized area 899, unformatted", "ssn: it is 899123456", "899123456", 55],
  ])("%s: %j → %s at %d", (_case, text, number, confidence) => {
    expect(found(text, SSN)).toEqual([[number, confidence]]);
  });

  // A number its keyword labels is 95 whatever its form: above every Purview level, so a
  // condition that matched it before still does.
  test.each([
    ["SSN 123-45-6789", "123-45-6789"],
    ["social security number: 123 45 6789", "123 45 6789"],
    ["SSN# 772-10-0001", "772-10-0001"],
    ["SSN 123456789", "123456789"],
    ["SS# 773-12-3456", "773-12-3456"],
    ["Soc Sec 740-12-3456", "740-12-3456"],
    ["ssn: 899123456", "899123456"],
    ["899123456 (SSN)", "899123456"],
  ])("labelled: %j → %s at 95", (text, number) => {
    expect(found(text, SSN)).toEqual([[number, 95]]);
  });

  test("a keyword of another type next to the number is no label: Purview's level stays", () => {
    expect(found("SSN on file. Passport number 123-45-6789", SSN)).toEqual([["123-45-6789", 85]]);
  });

  test.each([
    ["area 000", "000-12-3456"],
    ["area 666", "666-12-3456"],
    ["area 900", "900-12-3456"],
    ["area 987 (advertising range)", "987-65-4321"],
    ["area 999, unformatted", "999123456"],
    ["group 00", "123-00-4567"],
    ["serial 0000", "123-45-0000"],
    ["voided Woolworth number", "078-05-1120"],
    ["mixed separators", "123-45 6789"],
    ["inside a longer number", "9123-45-67890"],
    ["dash-joined to more digits", "123-45-6789-1"],
    ["ten digits", "1234567890"],
    ["glued to letters", "A123456789"],
  ])("%s is not an SSN even next to a keyword: %s", (_case, number) => {
    expect(found(`SSN: ${number} `, SSN)).toEqual([]);
  });

  test("no keyword, no SSN at any confidence", () => {
    expect(found("Employee 123-45-6789 and 123456789 on file.", SSN)).toEqual([]);
  });

  test("Keyword_ssn counts up to 300 characters away, not 301, on either side", () => {
    expect(found(`SSN${filler(300)}123-45-6789`, SSN)).toEqual([["123-45-6789", 85]]);
    expect(found(`SSN${filler(301)}123-45-6789`, SSN)).toEqual([]);
    expect(found(`123456789${filler(300)}SSN`, SSN)).toEqual([["123456789", 75]]);
    expect(found(`123456789${filler(301)}SSN`, SSN)).toEqual([]);
  });

  test("numbers far from any keyword are skipped while those near one are found", () => {
    const text = `123-45-6789${filler(2000)}SSN 234-56-7890${filler(2000)}345-67-8901`;
    expect(found(text, SSN)).toEqual([["234-56-7890", 95]]);
  });

  test("range rules", () => {
    expect(isAssignableSsn("773123456")).toBe(true);
    expect(isPre2011Ssn("773123456")).toBe(false);
    expect(isPre2011Ssn("733123456")).toBe(true);
    expect(isPre2011Ssn("734123456")).toBe(false);
    expect(isPre2011Ssn("749123456")).toBe(false);
    expect(isPre2011Ssn("750123456")).toBe(true);
    expect(isAssignableSsn("899999999")).toBe(true);
    expect(isAssignableSsn("219099999")).toBe(false);
  });
});
