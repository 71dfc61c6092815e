import { forEachMatch, standsAlone } from "../../../src/core/detect/candidates";
import { Evidence } from "../../../src/core/detect/evidence";
import { keywordMatcher } from "../../../src/core/detect/keywords";
import { isEuDebitBrandCard, isMajorBrandCard } from "../../../src/core/detect/rules/cards";

describe("forEachMatch", () => {
  test("reports absolute offsets inside [from, to) and stops when told", () => {
    const seen: number[] = [];
    const all = forEachMatch("a1 b2 c3 d4", /[a-z][0-9]/g, 3, 11, (_m, start) => {
      seen.push(start);
      return seen.length < 2;
    });
    expect(seen).toEqual([3, 6]);
    expect(all).toBe(false);
  });

  test("steps over empty matches instead of looping", () => {
    const seen: string[] = [];
    expect(forEachMatch("xx-x", /x*/g, 0, 4, (m) => (seen.push(m[0]), true))).toBe(true);
    expect(seen).toEqual(["xx", "x"]);
  });
});

describe("standsAlone", () => {
  test.each([
    ["123", 0, 3, undefined, true],
    [" 123 ", 1, 4, undefined, true],
    ["a123", 1, 4, undefined, false],
    ["123b", 0, 3, undefined, false],
    ["9-123", 2, 5, undefined, false],
    ["123-9", 0, 3, undefined, false],
    ["x-123", 2, 5, undefined, true],
    ["9 123", 2, 5, " ", false],
    ["9 123", 2, 5, undefined, true],
    ["123 9", 0, 3, " ", false],
    ["123.9", 0, 3, undefined, true],
  ])("%j [%d, %d) separator %j → %s", (text, start, end, separator, expected) => {
    expect(standsAlone(text, start, end, separator)).toBe(expected);
  });
});

describe("Evidence", () => {
  const text = "key ......... key";
  const key = () => new Evidence(text, text.length, keywordMatcher("k", ["key"]));

  test("near counts the characters between evidence and match", () => {
    // "key" spans [0,3) and [14,17); a match at [8,9) is 5 characters from both.
    expect(key().near(8, 9, 5)).toBe(true);
    expect(key().near(8, 9, 4)).toBe(false);
    expect(key().near(0, 1, 0)).toBe(true);
    expect(key().near(20, 21, 3)).toBe(true);
    expect(key().near(21, 22, 3)).toBe(false);
  });

  test("answers stay right whatever order windows are asked in", () => {
    const long = `key${".".repeat(1000)}key${".".repeat(1000)}key`;
    const forward = new Evidence(long, long.length, keywordMatcher("k", ["key"]));
    const queries: Array<[number, number]> = [
      [400, 401],
      [1003, 1004],
      [1750, 1751],
      [2600, 2601],
      [10, 11],
      [1500, 1501],
    ];
    const expected = [false, true, true, false, true, false];
    expect(queries.map(([s, e]) => forward.near(s, e, 300))).toEqual(expected);
    const fresh = queries.map(([s, e]) =>
      new Evidence(long, long.length, keywordMatcher("k", ["key"])).near(s, e, 300),
    );
    expect(fresh).toEqual(expected);
  });

  test("windows searched one after another find a keyword straddling their edge", () => {
    const words = `${".".repeat(1000)}soc sec${".".repeat(100)}`;
    const evidence = new Evidence(words, words.length, keywordMatcher("k", ["soc sec"]));
    expect(evidence.near(0, 1, 998)).toBe(false); // 999 characters between
    expect(evidence.near(0, 1, 999)).toBe(true);
    expect(evidence.near(1020, 1021, 12)).toBe(false); // 13 characters between
    expect(evidence.near(1020, 1021, 13)).toBe(true);
  });

  test("a keyword glued to a word is no evidence", () => {
    const words = `${".".repeat(500)}xsoc sec`;
    expect(new Evidence(words, words.length, keywordMatcher("k", ["soc sec"])).near(495, 496, 20)).toBe(
      false,
    );
  });

  test("only the scanned part is searched", () => {
    // "key" at [14,17) is 4 characters from [9,10) but lies beyond a scan end of 10.
    expect(new Evidence(text, 17, keywordMatcher("k", ["key"])).near(9, 10, 5)).toBe(true);
    expect(new Evidence(text, 10, keywordMatcher("k", ["key"])).near(9, 10, 5)).toBe(false);
    expect(new Evidence(text, 10, keywordMatcher("k", ["key"])).anywhere()).toBe(true);
    expect(new Evidence(text.slice(3), 10, keywordMatcher("k", ["key"])).anywhere()).toBe(false);
  });

  test("anywhere reuses what near already found", () => {
    const evidence = key();
    expect(evidence.near(2, 3, 0)).toBe(true);
    expect(evidence.anywhere()).toBe(true);
  });
});

describe("keywordMatcher", () => {
  test("matches case-insensitively on word boundaries, longest first, any whitespace for a space", () => {
    const { pattern } = keywordMatcher("t", ["ssn", "ssn#", "soc sec"]);
    expect("SSN# x Soc\u00a0Sec ssns assn".match(pattern)).toEqual(["SSN#", "Soc\u00a0Sec"]);
  });

  test("rejects an empty dictionary or keyword", () => {
    expect(() => keywordMatcher("t", [])).toThrow(RangeError);
    expect(() => keywordMatcher("t", ["ssn", ""])).toThrow(RangeError);
  });

  test("escapes regex characters in keywords", () => {
    const { pattern } = keywordMatcher("t", ["card no.", "a+b"]);
    expect("card no. card nox a+b aab".match(pattern)).toEqual(["card no.", "a+b"]);
  });
});

describe("card brands", () => {
  test.each([
    ["2200000000000000", true, false], // Mir
    ["2204000000000000000", true, false], // Mir, 19 digits
    ["2205000000000000", false, false],
    ["2221000000000000", true, true], // Mastercard 2-series
    ["2720000000000000", true, true],
    ["27200000000000000", false, false], // 2-series must be 16
    ["2721000000000000", false, false],
    ["340000000000000", true, false], // Amex 15
    ["3400000000000000", false, false], // Amex 16
    ["30950000000000", true, false], // Diners 3095
    ["36000000000000", true, false],
    ["35280000000000000", true, false], // JCB 17
    ["352800000000000", false, false], // JCB 15
    ["35900000000000000", false, false],
    ["41111111111111", false, false], // Visa 14
    ["4111111111111111", true, true],
    ["5100000000000000", true, true],
    ["51000000000000000", false, false], // Mastercard 17
    ["50180000000000", true, false], // Maestro 14: credit card yes, EU debit needs 16
    ["5018000000000000000", true, true],
    ["6000000000000000", true, false], // RuPay 60
    ["6011111111111117", true, false], // Discover
    ["6200000000000005", true, false], // UnionPay
    ["6304000000000000", true, true], // Maestro
    ["6759649826438453", true, true], // Maestro UK
    ["5893000000000000", true, true], // Maestro
    ["5900000000000000", true, false],
    ["8100000000000000", true, false], // UnionPay 81
    ["820000000000000", false, false], // RuPay 15
    ["8300000000000000", false, false],
    ["1000000000000000", false, false],
    ["9000000000000000", false, false],
  ])("%s: major brand %s, EU debit brand %s", (digits, major, euDebit) => {
    expect(isMajorBrandCard(digits)).toBe(major);
    expect(isEuDebitBrandCard(digits)).toBe(euDebit);
  });
});
