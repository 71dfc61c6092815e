import { SIT_IDS } from "../../../src/core/detect";
import { BBAN_FORMATS, IBAN_LENGTHS, isIban } from "../../../src/core/detect/rules/iban";
import isIBAN, { locales } from "validator/lib/isIBAN";
import { found } from "./helpers";

const IBAN = SIT_IDS.iban;

describe("IBAN", () => {
  test.each([
    ["Germany", "DE89 3704 0044 0532 0130 00"],
    ["Germany, compact", "DE89370400440532013000"],
    ["United Kingdom", "GB82 WEST 1234 5698 7654 32"],
    ["France", "FR14 2004 1010 0505 0001 3M02 606"],
    ["Netherlands", "NL91ABNA0417164300"],
    ["Belgium (16, whole groups)", "BE68 5390 0754 7034"],
    ["Switzerland", "CH93 0076 2011 6238 5295 7"],
    ["Norway (15, shortest)", "NO93 8601 1117 947"],
    ["Spain", "ES91 2100 0418 4502 0005 1332"],
    ["Italy", "IT60X0542811101000000123456"],
    ["Malta (31)", "MT84 MALT 0110 0001 2345 MTLC AST0 01S"],
    ["Poland", "PL61 1090 1014 0000 0712 1981 2874"],
    ["Austria", "AT61 1904 3002 3457 3201"],
  ])("%s %s is found at 85", (_country, iban) => {
    expect(found(`Pay to ${iban}, thanks.`, IBAN)).toEqual([[iban, 85]]);
  });

  test.each([
    ["bad check digits", "DE88 3704 0044 0532 0130 00"],
    ["bad check digits, compact", "GB83WEST12345698765432"],
    ["one character short", "DE89 3704 0044 0532 0130 0"],
    ["one character long, compact", "DE893704004405320130001"],
    ["irregular grouping", "DE89 37040044 0532 0130 00"],
    ["lower case", "de89370400440532013000"],
    ["unknown country", "ZZ89370400440532013000"],
    ["glued to a letter", "XDE89370400440532013000"],
    ["country format broken (letters where digits belong)", "DE89 3704 0044 0532 0130 0A"],
  ])("%s: %s is not an IBAN", (_why, text) => {
    expect(found(`Pay to ${text}, thanks.`, IBAN)).toEqual([]);
  });

  test("a grouped IBAN followed by more text after a space is still found", () => {
    expect(found("BE68 5390 0754 7034 1234 was the old one", IBAN)).toEqual([["BE68 5390 0754 7034", 85]]);
  });

  test("groups inside a printed IBAN that look like IBAN starts are not read again", () => {
    expect(found("CY48 0020 0128 AB12 CD34 EF56 GH78", IBAN)).toEqual([
      ["CY48 0020 0128 AB12 CD34 EF56 GH78", 85],
    ]);
  });

  test("several IBANs in one text, with offsets", () => {
    const text = "A: DE89370400440532013000; B: GB82 WEST 1234 5698 7654 32.";
    expect(found(text, IBAN)).toEqual([
      ["DE89370400440532013000", 85],
      ["GB82 WEST 1234 5698 7654 32", 85],
    ]);
  });

  test("the length table covers exactly the countries validator checks", () => {
    expect(Object.keys(IBAN_LENGTHS).sort()).toEqual([...locales].sort());
  });

  /** `body` with check digits that make its mod-97 remainder 1. */
  function withCheckDigits(country: string, bban: string): string {
    const digits = (bban + country + "00").replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    let remainder = 0;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
    return `${country}${String(98 - remainder).padStart(2, "0")}${bban}`;
  }

  test("the country formats are validator's, character by character", () => {
    let compared = 0;
    const disagreements: string[] = [];
    for (const country of locales) {
      const length = IBAN_LENGTHS[country] - 4;
      // Our format's BBAN (digits as 0, letters as A); validator must take it too.
      const format = BBAN_FORMATS.split(" ").find((f) => f.startsWith(country)) ?? "";
      const bban = format
        .slice(2)
        .replace(/(\d+)([nac])/g, (_run, count: string, kind: string) =>
          (kind === "n" ? "0" : "A").repeat(Number(count)),
        );
      expect(bban).toHaveLength(length);
      expect([country, isIBAN(withCheckDigits(country, bban))]).toEqual([country, true]);
      // Every character class at every position, one length short and long, and broken check digits.
      const variants: string[] = [bban.slice(1), `${bban}0`, `${bban}A`];
      for (let i = 0; i < length; i++)
        for (const c of ["0", "9", "A", "Z"]) variants.push(bban.slice(0, i) + c + bban.slice(i + 1));
      for (const variant of variants) {
        const iban = withCheckDigits(country, variant);
        const broken = `${iban.slice(0, 2)}${iban[2] === "9" ? "0" : "9"}${iban.slice(3)}`;
        for (const candidate of [iban, broken]) {
          if (isIban(candidate) !== isIBAN(candidate)) disagreements.push(candidate);
          compared++;
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThan(80 * 4 * 14);
  });
});
