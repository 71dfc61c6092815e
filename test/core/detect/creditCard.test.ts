import { detectSensitiveInfo, SIT_IDS } from "../../../src/core/detect";
import { filler, found } from "./helpers";

const CC = SIT_IDS.creditCard;

describe("credit card number", () => {
  test.each([
    ["Visa", "4111111111111111"],
    ["Visa", "4012888888881881"],
    ["Visa 19 digits", "4111111111111111110"],
    ["Mastercard", "5555555555554444"],
    ["Mastercard", "5105105105105100"],
    ["Mastercard 2-series", "2223003122003222"],
    ["American Express", "378282246310005"],
    ["American Express", "371449635398431"],
    ["Diners Club 14 digits", "30569309025904"],
    ["Diners Club 14 digits", "38520000023237"],
    ["Discover", "6011111111111117"],
    ["JCB", "3530111333300000"],
    ["JCB", "3566002020360505"],
    ["UnionPay", "6200000000000005"],
    ["Maestro", "6759649826438453"],
  ])("%s %s is found at 65 without evidence", (_brand, number) => {
    expect(found(`Reference ${number} noted.`, CC)).toEqual([[number, 65]]);
  });

  test.each([
    ["spaces", "4111 1111 1111 1111"],
    ["dashes", "4111-1111-1111-1111"],
    ["19 digits grouped", "4111 1111 1111 1111 110"],
    ["Amex 4-6-5", "3782 822463 10005"],
    ["Amex 4-6-5 dashes", "3782-822463-10005"],
    ["Diners 4-6-4", "3056 930902 5904"],
  ])("formatted with %s: %s", (_how, number) => {
    expect(found(`paid with ${number}.`, CC)).toEqual([[number, 65]]);
  });

  test.each([
    ["Luhn-invalid neighbour", "4111111111111112"],
    ["Luhn-invalid neighbour", "5555555555554445"],
    ["Luhn-invalid formatted", "4111 1111 1111 1112"],
    ["mixed separators", "4111 1111-1111 1111"],
    ["13 digits (below 14)", "4222222222222"],
    ["20 digits", "41111111111111111111"],
    ["no major brand (Luhn valid)", "9111111111111110"],
    ["no major brand (Luhn valid)", "7111111111111114"],
    ["Visa with 17 digits is fine, but Amex must be 15", "37828224631003"],
    ["Mastercard prefix with 19 digits", "5555555555554444000"],
  ])("%s %s is not a card", (_why, number) => {
    expect(found(`value ${number} here`, CC)).toEqual([]);
  });

  test.each([
    ["inside a longer digit run", "0004111111111111111100"],
    ["glued to letters", "ID4111111111111111X"],
    ["grouping carries on after", "4111 1111 1111 1111 1111"],
    ["grouping carries on before", "12 4111 1111 1111 1111"],
    ["dash-joined to another number", "4111111111111111-42"],
    ["dash-joined before", "7-4111111111111111"],
  ])("a valid number %s does not match: %s", (_why, text) => {
    expect(found(`x ${text} y`, CC)).toEqual([]);
  });

  test.each([
    ["Keyword_cc_name", "Visa"],
    ["Keyword_cc_name", "credit card"],
    ["Keyword_cc_name", "Card Number"],
    ["Keyword_cc_name", "CC#"],
    ["Keyword_cc_verification", "CVV2"],
    ["Keyword_cc_verification", "security code"],
    ["Func_expiration_date", "12/27"],
    ["Func_expiration_date", "03/2029"],
    ["Func_expiration_date", "3-29"],
  ])("%s evidence %j raises it to 85", (_dictionary, evidence) => {
    expect(found(`${evidence}: 4111 1111 1111 1111`, CC)).toEqual([["4111 1111 1111 1111", 85]]);
    expect(found(`4111 1111 1111 1111 (${evidence})`, CC)).toEqual([["4111 1111 1111 1111", 85]]);
  });

  test("a keyword inside another word is no evidence", () => {
    expect(found("television 4111111111111111 avisal", CC)).toEqual([["4111111111111111", 65]]);
  });

  test("dates that are not expiry dates are no evidence", () => {
    expect(found("on 13/27 and 01/02/2027 and 12/251, 12/27.5, v1.12/27: 4111111111111111", CC)).toEqual([
      ["4111111111111111", 65],
    ]);
  });

  test("an expiry date ending a sentence is evidence", () => {
    expect(found("4111111111111111 expires 12/27.", CC)).toEqual([["4111111111111111", 85]]);
  });

  test("evidence counts up to 300 characters away, not 301 (before)", () => {
    expect(found(`credit card${filler(300)}4111111111111111`, CC)).toEqual([["4111111111111111", 85]]);
    expect(found(`credit card${filler(301)}4111111111111111`, CC)).toEqual([["4111111111111111", 65]]);
  });

  test("evidence counts up to 300 characters away, not 301 (after)", () => {
    expect(found(`4111111111111111${filler(300)}cvv2`, CC)).toEqual([["4111111111111111", 85]]);
    expect(found(`4111111111111111${filler(301)}cvv2`, CC)).toEqual([["4111111111111111", 65]]);
  });

  test("each instance carries its own confidence; offsets index into the text", () => {
    const text = `Visa 4111111111111111${filler(400)}5555555555554444`;
    const card2 = text.indexOf("5555");
    expect(found(text, CC)).toEqual([
      ["4111111111111111", 85],
      ["5555555555554444", 65],
    ]);
    const [, second] = detectSensitiveInfo(text).detections[0].instances;
    expect(second).toEqual({ start: card2, end: card2 + 16, confidence: 65 });
  });
});
