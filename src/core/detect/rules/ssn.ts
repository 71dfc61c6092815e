import { SIT_IDS } from "../catalog";
import { forEachMatch, standsAlone } from "../candidates";
import { KEYWORD_SSN } from "../keywords";
import { LETTER_OR_DIGIT, withLeftBoundary } from "../leftBoundary";
import { type Confidence, LABELLED } from "../types";
import type { SitRule } from "./rule";

/** ddd-dd-dddd or ddd dd dddd (one separator throughout), or nine digits in a row. */
export const SSN_CANDIDATE = withLeftBoundary(
  /(?:[0-9]{3}([- ])[0-9]{2}\1[0-9]{4}|[0-9]{9})(?![0-9A-Za-z])/g,
  LETTER_OR_DIGIT,
);

/**
 * Numbers the SSA voided after they were printed in public (Woolworth's wallet card 078-05-1120,
 * the 219-09-9999 advertisement). Choice: Microsoft does not document an exclusion list; these two
 * are the well-known ones and are never anyone's number.
 */
const VOIDED = new Set(["078051120", "219099999"]);

/** Post-2011 (randomized) rules: area 001–899 except 666, group 01–99, serial 0001–9999. */
export function isAssignableSsn(digits: string): boolean {
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  return area !== 0 && area !== 666 && area < 900 && group !== 0 && serial !== 0 && !VOIDED.has(digits);
}

/**
 * Pre-2011 "strong formatting". Choice: the area must be one the SSA had assigned before
 * randomization (001–733 and 750–772; 734–749 and 773–899 were first issued afterwards). The
 * monthly high-group table is not applied: it changed over time and Microsoft does not say it uses it.
 */
export function isPre2011Ssn(digits: string): boolean {
  if (!isAssignableSsn(digits)) return false;
  const area = Number(digits.slice(0, 3));
  return area <= 733 || (area >= 750 && area <= 772);
}

function ssnConfidence(digits: string, formatted: boolean): Confidence | undefined {
  if (isPre2011Ssn(digits)) return formatted ? 85 : 75;
  if (isAssignableSsn(digits)) return formatted ? 65 : 55;
  return undefined;
}

/**
 * U.S. SSN (docs/reference/label-policy.md §9): every level needs Keyword_ssn within the window — 85 pre-2011
 * formatted, 75 pre-2011 unformatted, 65 randomized formatted, 55 randomized unformatted — and a
 * number the keyword labels ("SSN: 123-45-6789") is 95 whatever its form. Without a keyword
 * nothing is reported; the keyword search runs last, only around numbers that pass the range rules.
 */
export const ssnRule: SitRule = {
  sitId: SIT_IDS.usSsn,
  candidatePattern: SSN_CANDIDATE,
  scan(context, emit) {
    const { text, scanEnd } = context;
    const keywords = context.evidence(KEYWORD_SSN);
    // Every level needs the keyword: without one anywhere there is nothing to look for.
    if (!keywords.anywhere()) return;
    forEachMatch(text, SSN_CANDIDATE, 0, scanEnd, (m, start) => {
      const end = start + m[0].length;
      const separator = m[1];
      if (!standsAlone(text, start, end, separator)) return true;
      const digits = separator === undefined ? m[0] : m[0].split(separator).join("");
      const confidence = ssnConfidence(digits, separator !== undefined);
      if (confidence === undefined || !keywords.near(start, end)) return true;
      return emit(start, end, keywords.labels(start, end) ? LABELLED : confidence);
    });
  },
};
