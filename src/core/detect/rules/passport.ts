import { SIT_IDS } from "../catalog";
import { forEachMatch, standsAlone } from "../candidates";
import { KEYWORD_PASSPORT_DATE, KEYWORD_PASSPORT_NUMBER } from "../keywords";
import { LETTER_OR_DIGIT, withLeftBoundary } from "../leftBoundary";
import { LABELLED } from "../types";
import type { SitRule } from "./rule";

/**
 * One letter or digit, then eight digits. Choice: the letter must be upper case, as passports print
 * it; "x12345678" in running text is rarely a passport number.
 */
export const PASSPORT_CANDIDATE = withLeftBoundary(/[A-Z0-9][0-9]{8}(?![0-9A-Za-z])/g, LETTER_OR_DIGIT);

/**
 * U.S. / U.K. passport number (docs/reference/label-policy.md §9): 75 with a passport-number keyword in the
 * window, 85 when a passport date keyword ("date of issue", "date of expiry") is in the window too.
 * A number the number keyword labels ("Passport No: C03005988") is 95. No number keyword, no
 * detection. There is no checksum.
 */
export const passportRule: SitRule = {
  sitId: SIT_IDS.usUkPassport,
  candidatePattern: PASSPORT_CANDIDATE,
  scan(context, emit) {
    const { text, scanEnd } = context;
    const numberKeywords = context.evidence(KEYWORD_PASSPORT_NUMBER);
    const dateKeywords = context.evidence(KEYWORD_PASSPORT_DATE);
    if (!numberKeywords.anywhere()) return; // no number keyword, no passport number
    forEachMatch(text, PASSPORT_CANDIDATE, 0, scanEnd, (m, start) => {
      const end = start + m[0].length;
      if (!standsAlone(text, start, end) || !numberKeywords.near(start, end)) return true;
      if (numberKeywords.labels(start, end)) return emit(start, end, LABELLED);
      return emit(start, end, dateKeywords.near(start, end) ? 85 : 75);
    });
  },
};
