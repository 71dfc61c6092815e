import { SIT_IDS } from "../catalog";
import { EXPIRATION_DATE, KEYWORD_EU_DEBIT_CARD } from "../keywords";
import { isEuDebitBrandCard, luhnCardRule } from "./cards";
import type { SitRule } from "./rule";

/**
 * EU debit card number: 85 with any card, security or expiry keyword or an expiry date; 65 for the
 * number alone. The entity carries relaxProximity; choice: we read it as "the evidence may be
 * anywhere in the scanned text", so no proximity window applies to this type.
 */
export const euDebitCardRule: SitRule = luhnCardRule(SIT_IDS.euDebitCard, isEuDebitBrandCard, (context) => {
  const keywords = context.evidence(KEYWORD_EU_DEBIT_CARD);
  const expiry = context.evidence(EXPIRATION_DATE);
  let supported: boolean | undefined;
  return () => (supported ??= expiry.anywhere() || keywords.anywhere());
});
