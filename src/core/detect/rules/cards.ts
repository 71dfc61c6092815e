import { digitsOf, forEachMatch, standsAlone } from "../candidates";
import { luhn } from "../checksums";
import { LETTER_OR_DIGIT, withLeftBoundary } from "../leftBoundary";
import type { ScanContext, SitRule } from "./rule";

/**
 * Card-number candidates shared by the credit card and EU debit card types. Choice (the reference
 * says "formatted or not"): unformatted 14–19 digits; or groups with one separator used throughout
 * (space or dash): 4-4-4-4-n with a last group of 1–3 digits (17–19 digits), 4-4-4-4, 4-6-5
 * (American Express) and 4-6-4 (Diners Club). Every quantifier is bounded and no group is
 * quantified (the 17–19 form is its own alternative for that reason); the backreferences keep
 * "4111 1111-1111 1111" out.
 */
export const CARD_CANDIDATE = withLeftBoundary(
  /(?:[0-9]{14,19}|[0-9]{4}([ -])[0-9]{4}\1[0-9]{4}\1[0-9]{4}\1[0-9]{1,3}|[0-9]{4}([ -])[0-9]{4}\2[0-9]{4}\2[0-9]{4}|[0-9]{4}([ -])[0-9]{6}\3[0-9]{4,5})(?![0-9A-Za-z])/g,
  LETTER_OR_DIGIT,
);

/** Card candidates that stand alone and pass Luhn, in text order. */
interface LuhnCards {
  starts: number[];
  ends: number[];
  digits: string[];
}

function findLuhnCards(text: string, scanEnd: number): LuhnCards {
  const found: LuhnCards = { starts: [], ends: [], digits: [] };
  forEachMatch(text, CARD_CANDIDATE, 0, scanEnd, (m, start) => {
    const end = start + m[0].length;
    if (!standsAlone(text, start, end, m[1] ?? m[2] ?? m[3])) return true;
    const digits = digitsOf(m[0]);
    // One Luhn for the whole detector (the national types use it too): digits only, 14 to 19 here.
    if (!luhn(digits)) return true;
    found.starts.push(start);
    found.ends.push(end);
    found.digits.push(digits);
    return true;
  });
  return found;
}

/**
 * Visits each card candidate that stands alone, passes Luhn and is
 * accepted by `accept` (the type's brands). The candidate regex, boundary rules and Luhn run once
 * per detection call however many card types are asked for: both types see the same candidates.
 */
export function forEachLuhnCard(
  context: ScanContext,
  accept: (digits: string) => boolean,
  visit: (start: number, end: number) => boolean,
): void {
  const { starts, ends, digits } = context.shared(CARD_CANDIDATE, () =>
    findLuhnCards(context.text, context.scanEnd),
  );
  for (let i = 0; i < starts.length; i++) {
    if (accept(digits[i]) && !visit(starts[i], ends[i])) return;
  }
}

/**
 * A card-number type: each Luhn card of its brands at 85 where `supportIn` (set up once per scan,
 * before the first card) says evidence backs it, 65 for the number alone.
 */
export function luhnCardRule(
  sitId: string,
  accept: (digits: string) => boolean,
  supportIn: (context: ScanContext) => (start: number, end: number) => boolean,
): SitRule {
  return {
    sitId,
    candidatePattern: CARD_CANDIDATE,
    scan(context, emit) {
      const supported = supportIn(context);
      forEachLuhnCard(context, accept, (start, end) => emit(start, end, supported(start, end) ? 85 : 65));
    },
  };
}

function prefix(digits: string, length: number): number {
  return Number(digits.slice(0, length));
}

/**
 * Func_credit_card says "all major brands" without listing them. Choice: issuer prefixes (IIN
 * ranges) and lengths of Visa, Mastercard, American Express, Diners Club, Discover, JCB, UnionPay,
 * Maestro, Mir and RuPay, within the 14–19 digits the reference allows. Numbers outside every brand
 * (order numbers starting 1, 7, 9…) are not card numbers even when Luhn happens to pass.
 */
export function isMajorBrandCard(digits: string): boolean {
  const length = digits.length;
  switch (digits[0]) {
    case "2": {
      const p4 = prefix(digits, 4);
      if (p4 >= 2200 && p4 <= 2204) return length >= 16; // Mir
      return p4 >= 2221 && p4 <= 2720 && length === 16; // Mastercard 2-series
    }
    case "3": {
      const p2 = prefix(digits, 2);
      if (p2 === 34 || p2 === 37) return length === 15; // American Express
      const p3 = prefix(digits, 3);
      const p4 = prefix(digits, 4);
      if ((p3 >= 300 && p3 <= 305) || p4 === 3095 || p2 === 36 || p2 === 38 || p2 === 39) return true; // Diners Club
      return p4 >= 3528 && p4 <= 3589 && length >= 16; // JCB
    }
    case "4":
      return length >= 16; // Visa (13-digit Visa lies below the 14-digit minimum)
    case "5": {
      const p2 = prefix(digits, 2);
      if (p2 >= 51 && p2 <= 55) return length === 16; // Mastercard
      return true; // Maestro 50, 56–59
    }
    case "6":
      return true; // Discover, UnionPay 62, Maestro 6x, RuPay 60/65
    case "8": {
      const p2 = prefix(digits, 2);
      return (p2 === 81 || p2 === 82) && length >= 16; // UnionPay 81, RuPay 82
    }
    default:
      return false;
  }
}

/**
 * Func_eu_debit_card is unpublished beyond "16–19 digits, checksum". Choice: the brands that issue
 * debit cards in the EU — Visa (Debit, Electron, V PAY: 4), Mastercard and Debit Mastercard (51–55,
 * 2221–2720: 16 digits) and Maestro (50, 56–58, 63, 67: 5018, 5020, 5038, Dankort 5019, 5893, 6304,
 * 6390, Bancontact 6703, 6759, 676x, 6771, 6799). Discover, UnionPay, JCB, RuPay and American
 * Express are left out. A Visa or Mastercard number therefore is both a credit card and an EU debit
 * card, as in Purview.
 */
export function isEuDebitBrandCard(digits: string): boolean {
  const length = digits.length;
  if (length < 16) return false;
  switch (digits[0]) {
    case "2": {
      const p4 = prefix(digits, 4);
      return p4 >= 2221 && p4 <= 2720 && length === 16;
    }
    case "4":
      return true;
    case "5": {
      const p2 = prefix(digits, 2);
      if (p2 >= 51 && p2 <= 55) return length === 16;
      return p2 !== 59;
    }
    case "6": {
      const p2 = prefix(digits, 2);
      return p2 === 63 || p2 === 67;
    }
    default:
      return false;
  }
}
