import isIBAN from "validator/lib/isIBAN";
import { SIT_IDS } from "../catalog";
import { forEachMatch, standsAlone } from "../candidates";
import { LETTER_OR_DIGIT, withLeftBoundary } from "../leftBoundary";
import type { SitRule } from "./rule";

/** Country code and check digits, followed by an IBAN character (directly or after one space). */
export const IBAN_CANDIDATE = withLeftBoundary(/[A-Z]{2}[0-9]{2}(?= ?[A-Z0-9])/g, LETTER_OR_DIGIT);

/**
 * IBAN length per country. Choice: the reference says 68 countries without listing them; we take the
 * 80 countries whose BBAN format validator 13.15's isIBAN checks (ISO 13616 registry plus DZ, IR,
 * MA, MZ), since a country it does not know can never pass the check. The length tells where an
 * IBAN ends in running text.
 */
// prettier-ignore
export const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.freeze({
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29,
  BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, DZ: 26, EE: 20,
  EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27,
  GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IR: 26, IS: 26, IT: 27, JO: 30,
  KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MA: 28, MC: 27,
  MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, MZ: 25, NL: 18, NO: 15, PK: 24,
  PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19,
  SK: 24, SM: 27, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
});

function isIbanCharCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
}

/**
 * Reads the IBAN that starts at `start`: either compact ("DE89370400440532013000") or in the printed
 * form, groups of four separated by single spaces ("DE89 3704 0044 0532 0130 00"). Choice: upper case
 * only, spaces only (no dashes), as IBANs are printed and transmitted. At most 34 characters plus
 * eight spaces are read, so this is bounded per candidate.
 */
export function readIban(
  text: string,
  start: number,
  limit: number,
): { end: number; iban: string } | undefined {
  const length = IBAN_LENGTHS[text.slice(start, start + 2)];
  if (length === undefined) return undefined;
  const grouped = text.charCodeAt(start + 4) === 0x20;
  let iban = text.slice(start, start + 4);
  let pos = start + 4;
  while (iban.length < length) {
    if (grouped && iban.length % 4 === 0) {
      if (text.charCodeAt(pos) !== 0x20) return undefined;
      pos++;
    }
    if (pos >= limit || !isIbanCharCode(text.charCodeAt(pos))) return undefined;
    iban += text[pos];
    pos++;
  }
  return { end: pos, iban };
}

/**
 * IBAN (docs/reference/label-policy.md §9): 85 when the country format and the ISO 7064 mod-97 check digits hold
 * (validator's isIBAN does both); no keywords are involved.
 */
export const ibanRule: SitRule = {
  sitId: SIT_IDS.iban,
  candidatePattern: IBAN_CANDIDATE,
  scan(context, emit) {
    const { text, scanEnd } = context;
    let readUntil = 0;
    forEachMatch(text, IBAN_CANDIDATE, 0, scanEnd, (_m, start) => {
      // A group inside an IBAN just read ("... WEST 1234 ...") is not the start of another one.
      if (start < readUntil) return true;
      const found = readIban(text, start, scanEnd);
      if (found === undefined) return true;
      // A space-grouped IBAN may be followed by more text after a space; only letters or digits
      // glued to its last character make it part of something longer.
      if (!standsAlone(text, start, found.end, "\u0000")) return true;
      if (!isIBAN(found.iban)) return true;
      readUntil = found.end;
      return emit(start, found.end, 85);
    });
  },
};
