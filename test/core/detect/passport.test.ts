import { SIT_IDS } from "../../../src/core/detect";
import { filler, found } from "./helpers";

const PASSPORT = SIT_IDS.usUkPassport;

describe("U.S. / U.K. passport number", () => {
  test.each([
    ["letter + 8 digits", "Passport number of the holder: A12345678", "A12345678"],
    ["9 digits", "UK passport, the holder's, 123456789", "123456789"],
    ["passport#", "passport# is 987654321", "987654321"],
  ])("%s with a number keyword → 75", (_case, text, number) => {
    expect(found(text, PASSPORT)).toEqual([[number, 75]]);
  });

  test("number keyword and passport date keyword → 85", () => {
    expect(found("Passport No. is C03005988, date of issue 12 Jan 2019", PASSPORT)).toEqual([
      ["C03005988", 85],
    ]);
    expect(found("Date of expiry: 2030. British passport is 925076473", PASSPORT)).toEqual([
      ["925076473", 85],
    ]);
  });

  test.each([
    ["Passport number: A12345678", "A12345678"],
    ["UK passport 123456789", "123456789"],
    ["passport# 987654321", "987654321"],
    ["Passport No: C03005988, date of issue 12 Jan 2019", "C03005988"],
  ])("labelled by a number keyword: %j → 95", (text, number) => {
    expect(found(text, PASSPORT)).toEqual([[number, 95]]);
  });

  test("the date keyword alone is not enough", () => {
    expect(found("date of issue 2019, A12345678", PASSPORT)).toEqual([]);
  });

  test("no keyword, no passport", () => {
    expect(found("Ticket A12345678 and 123456789", PASSPORT)).toEqual([]);
  });

  test.each([
    ["lower-case letter", "a12345678"],
    ["two letters", "AB1234567"],
    ["ten characters", "A123456789"],
    ["eight digits", "12345678"],
    ["dash-joined to more digits", "A12345678-1"],
  ])("%s: %s is not a passport number", (_why, value) => {
    expect(found(`passport number ${value} `, PASSPORT)).toEqual([]);
  });

  test("a number between two keywords 304 characters away from each is not near either", () => {
    expect(found(`passport number${filler(304)}A12345678${filler(304)}passport number`, PASSPORT)).toEqual(
      [],
    );
  });

  test("keywords count up to 300 characters away, not 301", () => {
    expect(found(`passport number${filler(300)}A12345678`, PASSPORT)).toEqual([["A12345678", 75]]);
    expect(found(`passport number${filler(301)}A12345678`, PASSPORT)).toEqual([]);
    expect(found(`passport number is A12345678${filler(300)}date of expiry`, PASSPORT)).toEqual([
      ["A12345678", 85],
    ]);
    expect(found(`passport number is A12345678${filler(301)}date of expiry`, PASSPORT)).toEqual([
      ["A12345678", 75],
    ]);
  });
});
