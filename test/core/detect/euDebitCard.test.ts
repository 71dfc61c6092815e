import { SIT_IDS } from "../../../src/core/detect";
import { filler, found } from "./helpers";

const EU_DEBIT = SIT_IDS.euDebitCard;
const CC = SIT_IDS.creditCard;

describe("EU debit card number", () => {
  test.each([
    ["Maestro", "6759649826438453"],
    ["Maestro 5018", "5018000000000009"],
    ["Visa", "4111111111111111"],
    ["Visa 19 digits", "4111 1111 1111 1111 110"],
    ["Mastercard", "5555-5555-5555-4444"],
  ])("%s %s: 65 alone", (_brand, number) => {
    expect(found(`ref ${number}.`, EU_DEBIT)).toEqual([[number, 65]]);
  });

  test.each([
    ["American Express (15 digits)", "378282246310005"],
    ["Diners Club (14 digits)", "30569309025904"],
    ["JCB (not an EU debit brand)", "3530111333300000"],
    ["Discover (not an EU debit brand)", "6011111111111117"],
    ["UnionPay (not an EU debit brand)", "6200000000000005"],
    ["Luhn-invalid", "6759649826438454"],
  ])("%s is no EU debit card", (_why, number) => {
    expect(found(`debit card ${number}.`, EU_DEBIT)).toEqual([]);
  });

  test.each(["debit card", "Maestro", "CVC", "expiry", "gültig bis", "card no.", "12/28"])(
    "evidence %j raises it to 85",
    (evidence) => {
      expect(found(`${evidence}: 6759 6498 2643 8453`, EU_DEBIT)).toEqual([["6759 6498 2643 8453", 85]]);
    },
  );

  test("relaxProximity: evidence anywhere in the text counts, even far beyond 300 characters", () => {
    expect(found(`Bancontact${filler(5000)}6759649826438453`, EU_DEBIT)).toEqual([["6759649826438453", 85]]);
  });

  test("a Visa number is both a credit card and an EU debit card, as in Purview", () => {
    const text = "4111111111111111";
    expect(found(text, CC)).toEqual([[text, 65]]);
    expect(found(text, EU_DEBIT)).toEqual([[text, 65]]);
  });
});
