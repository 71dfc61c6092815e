import { SIT_IDS } from "../catalog";
import { forEachMatch, standsAlone } from "../candidates";
import { PROXIMITY_CHARS, regionsAround } from "../evidence";
import { KEYWORD_PASSPORT_DATE, KEYWORD_PASSPORT_NUMBER } from "../keywords";
import type { SitRule } from "./rule";

/**
 * One letter or digit, then eight digits. Choice: the letter must be upper case, as passports print
 * it; "x12345678" in running text is rarely a passport number.
 */
export const PASSPORT_CANDIDATE = /(?<![0-9A-Za-z])[A-Z0-9][0-9]{8}(?![0-9A-Za-z])/g;

const CANDIDATE_LENGTH = 9;

/**
 * U.S. / U.K. passport number (label-policy.md §9): 75 with a passport-number keyword in the
 * window, 85 when a passport date keyword ("date of issue", "date of expiry") is in the window too.
 * No keyword, no detection — so, as for SSNs, only the text around keywords is searched.
 */
export const passportRule: SitRule = {
  sitId: SIT_IDS.usUkPassport,
  candidatePattern: PASSPORT_CANDIDATE,
  scan(context, emit) {
    const { text, scanEnd } = context;
    const numberKeywords = context.evidence(KEYWORD_PASSPORT_NUMBER);
    const dateKeywords = context.evidence(KEYWORD_PASSPORT_DATE);
    const regions = regionsAround(numberKeywords.all(), PROXIMITY_CHARS + CANDIDATE_LENGTH, scanEnd);
    for (const region of regions) {
      const more = forEachMatch(text, PASSPORT_CANDIDATE, region.start, region.end, (m, start) => {
        const end = start + CANDIDATE_LENGTH;
        if (!standsAlone(text, start, end)) return true;
        if (!numberKeywords.near(start, end)) return true;
        return emit(start, end, dateKeywords.near(start, end) ? 85 : 75);
      });
      if (!more) return;
    }
  },
};
