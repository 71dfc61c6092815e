import { SIT_IDS } from "../catalog";
import { forEachMatch, standsAlone } from "../candidates";
import { weightedSum } from "../checksums";
import { KEYWORD_ABA_ROUTING } from "../keywords";
import { LETTER_OR_DIGIT, withLeftBoundary } from "../leftBoundary";
import { LABELLED } from "../types";
import type { SitRule } from "./rule";

/**
 * Two digits in 00–12, 21–32, 61–72 or 80, two digits, optional hyphen, four digits, optional
 * hyphen, one digit (docs/reference/label-policy.md §9).
 */
export const ABA_CANDIDATE = withLeftBoundary(
  /(?:0[0-9]|1[0-2]|2[1-9]|3[0-2]|6[1-9]|7[0-2]|80)[0-9]{2}-?[0-9]{4}-?[0-9](?![0-9A-Za-z])/g,
  LETTER_OR_DIGIT,
);

/**
 * ABA routing number: 95 when Keyword_ABA_Routing labels it, 75 with the keyword in the window, 65
 * without. The checksum: weights 3-7-1, sum divisible by 10. (validator's isAbaRouting checks the
 * same sum and the same prefix ranges as ABA_CANDIDATE; test/core/detect holds the two equal.)
 */
const ABA_WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1];

export function isAbaRoutingNumber(digits: string): boolean {
  return weightedSum(digits, ABA_WEIGHTS, 10, "sum-zero");
}

export const abaRoutingRule: SitRule = {
  sitId: SIT_IDS.abaRouting,
  candidatePattern: ABA_CANDIDATE,
  scan(context, emit) {
    const { text, scanEnd } = context;
    const keywords = context.evidence(KEYWORD_ABA_ROUTING);
    forEachMatch(text, ABA_CANDIDATE, 0, scanEnd, (m, start) => {
      const end = start + m[0].length;
      if (!standsAlone(text, start, end, "-")) return true;
      const digits = m[0].length === 9 ? m[0] : m[0].replace(/-/g, "");
      if (!isAbaRoutingNumber(digits)) return true;
      // near() first: its window holds the label's, so the evidence is searched front to back.
      const confidence = !keywords.near(start, end) ? 65 : keywords.labels(start, end) ? LABELLED : 75;
      return emit(start, end, confidence);
    });
  },
};
