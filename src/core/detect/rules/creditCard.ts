import { SIT_IDS } from "../catalog";
import { EXPIRATION_DATE, KEYWORD_CC_NAME, KEYWORD_CC_VERIFICATION } from "../keywords";
import { isMajorBrandCard, luhnCardRule } from "./cards";
import type { SitRule } from "./rule";

/**
 * Credit card number: 85 when Keyword_cc_verification, Keyword_cc_name or an expiry date lies within
 * the proximity window; 65 for the number alone (docs/reference/label-policy.md §9).
 */
export const creditCardRule: SitRule = luhnCardRule(SIT_IDS.creditCard, isMajorBrandCard, (context) => {
  const verification = context.evidence(KEYWORD_CC_VERIFICATION);
  const brandName = context.evidence(KEYWORD_CC_NAME);
  const expiry = context.evidence(EXPIRATION_DATE);
  // The expiry-date regex is the cheapest of the three, the long keyword lists the dearest.
  return (start, end) =>
    expiry.near(start, end) || brandName.near(start, end) || verification.near(start, end);
});
