import { SIT_IDS } from "../catalog";
import { forEachMatch, standsAlone } from "../candidates";
import { mod97 } from "../checksums";
import { LETTER_OR_DIGIT, withLeftBoundary } from "../leftBoundary";
import type { SitRule } from "./rule";

/** Country code and check digits, followed by an IBAN character (directly or after one space). */
export const IBAN_CANDIDATE = withLeftBoundary(/[A-Z]{2}[0-9]{2}(?= ?[A-Z0-9])/g, LETTER_OR_DIGIT);

/**
 * Each country's BBAN, the part after its check digits, as runs of `n` digits, `a` letters or `c`
 * letters-or-digits. Choice: the reference says 68 countries without listing them; we take the 80
 * countries and formats validator 13.15's isIBAN checks (ISO 13616 registry plus DZ, IR, MA, MZ), since
 * a country it does not know can never pass the check. Written this compactly (and checked here rather
 * than by isIBAN, whose table of 80 regexes cost the Outlook event bundle 1 KB gzip) so the bundle
 * carries the formats once; test/core/detect/iban.test.ts holds them to validator's, country by
 * country and character class by character class.
 */
export const BBAN_FORMATS =
  "AD8n12c AE19n AL8n16c AT16n AZ4c20n BA16n BE12n BG4a6n8c BH4a14c BR23n1a1c BY4c20n CH5n12c CR18n " +
  "CY8n16c CZ20n DE18n DK14n DO4a20n DZ22n EE16n EG25n ES20n FI14n FO14n FR10n11c2n GB4a14n GE2c16n " +
  "GI4a15c GL14n GR7n16c GT24c HR17n HU24n IE4a14n IL19n IQ4a15n IR22n IS22n IT1a10n12c JO4a22n " +
  "KW4a22c KZ3n13c LB4n20c LC4a24c LI5n12c LT16n LU3n13c LV4a13c MA24n MC10n11c2n MD20c ME18n " +
  "MK3n10c2n MR23n MT4a5n18c MU4a19n3a MZ21n NL4a10n NO11n PK4c16n PL24n PS4a21c PT21n QA4a21c " +
  "RO4a16c RS18n SA2n18c SC4a20n3a SE20n SI15n SK20n SM1a10n12c SV4c20n TL19n TN20n TR5n17c UA6n19c " +
  "VA18n VG4a16n XK16n";

const RUN_CLASS: Readonly<Record<string, string>> = { n: "[0-9]", a: "[A-Z]", c: "[A-Z0-9]" };
const IBAN_FORMATS: Record<string, RegExp> = {};
const lengths: Record<string, number> = {};
for (const format of BBAN_FORMATS.split(" ")) {
  const country = format.slice(0, 2);
  let source = "^[A-Z]{2}[0-9]{2}";
  lengths[country] = 4;
  format.slice(2).replace(/(\d+)([nac])/g, (_run, count: string, kind: string) => {
    lengths[country] += Number(count);
    source += `${RUN_CLASS[kind]}{${count}}`;
    return "";
  });
  IBAN_FORMATS[country] = new RegExp(`${source}$`);
}

/** IBAN length per country: the length tells where an IBAN ends in running text. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.freeze(lengths);

/**
 * An IBAN in compact upper case (as readIban gives it): its country's format and the ISO 7064
 * mod-97 check digits hold — what validator's isIBAN checks.
 */
export function isIban(iban: string): boolean {
  const format = IBAN_FORMATS[iban.slice(0, 2)];
  return format !== undefined && format.test(iban) && mod97(iban.slice(4) + iban.slice(0, 4));
}

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
 * (isIban); no keywords are involved.
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
      if (!isIban(found.iban)) return true;
      readUntil = found.end;
      return emit(start, found.end, 85);
    });
  },
};
