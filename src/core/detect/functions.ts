/**
 * Purview's built-in functions (`Func_…`) that custom types and imported rule packages may use as
 * elements: each finds the numbers of a built-in type that pass its format and checksum, whatever
 * the keywords; and the date functions rule packages use as evidence.
 */
import { SIT_IDS } from "./catalog";
import { forEachMatch } from "./candidates";
import type { Evidence } from "./evidence";
import { EXPIRATION_DATE } from "./keywords";
import { LETTER_OR_DIGIT, withLeftBoundary } from "./leftBoundary";
import type { ScanContext, SitRule } from "./rules/rule";

export const FUNCTION_SIT_IDS = {
  Func_credit_card: SIT_IDS.creditCard,
  Func_ssn: SIT_IDS.usSsn,
  Func_iban: SIT_IDS.iban,
  Func_aba_routing: SIT_IDS.abaRouting,
  Func_eu_debit_card: SIT_IDS.euDebitCard,
  Func_australian_tax_file_number: SIT_IDS.auTaxFileNumber,
  Func_australian_medical_account_number: SIT_IDS.auMedicare,
  Func_australian_business_number: SIT_IDS.auBusinessNumber,
  Func_new_zealand_inland_revenue_number: SIT_IDS.nzInlandRevenue,
  Func_new_zealand_ministry_of_health_number: SIT_IDS.nzHealthNumber,
  Func_uk_nino: SIT_IDS.ukNino,
  Func_uk_nhs_number: SIT_IDS.ukNhsNumber,
  Func_canadian_sin: SIT_IDS.caSin,
  Func_german_id_card_with_check: SIT_IDS.deIdCard,
  Func_french_insee: SIT_IDS.frInsee,
  Func_fr_insee: SIT_IDS.frInsee,
  Func_italy_eu_national_id_card: SIT_IDS.itFiscalCode,
  Func_spain_eu_DL_and_NI_number_citizen: SIT_IDS.esDni,
  Func_spain_eu_DL_and_NI_number_foreigner: SIT_IDS.esDni,
  Func_pesel_identification_number: SIT_IDS.plPesel,
  Func_netherlands_bsn: SIT_IDS.nlBsn,
} as const;

const MONTHS =
  "jan|january|januari|januar|janvier|feb|february|februari|februar|février|fevrier|mar|march|maart|märz|marz|mars|" +
  "apr|april|avril|may|mei|mai|jun|june|juni|juin|jul|july|juli|juillet|aug|august|augustus|août|aout|" +
  "sep|sept|september|septembre|oct|october|oktober|octobre|nov|november|novembre|dec|december|dezember|décembre|decembre";

/** Day, month, year: 31-12-2024, 1.2.24, 3/11/2025, "12 januari 2020", "3 March 2024". */
const EU_DATE = withLeftBoundary(
  new RegExp(
    `(?:(?:0?[1-9]|[12][0-9]|3[01])([./-])(?:0?[1-9]|1[0-2])\\1(?:[0-9]{4}|[0-9]{2})|(?:0?[1-9]|[12][0-9]|3[01]) (?:${MONTHS})\\.? [0-9]{4})(?![0-9A-Za-z])`,
    "gi",
  ),
  LETTER_OR_DIGIT,
);
/** Month, day, year: 12/31/2024, 1-2-24, "March 3, 2024". */
const US_DATE = withLeftBoundary(
  new RegExp(
    `(?:(?:0?[1-9]|1[0-2])([/-])(?:0?[1-9]|[12][0-9]|3[01])\\1(?:[0-9]{4}|[0-9]{2})|(?:${MONTHS})\\.? (?:0?[1-9]|[12][0-9]|3[01]),? [0-9]{4})(?![0-9A-Za-z])`,
    "gi",
  ),
  LETTER_OR_DIGIT,
);

const DATE_PATTERNS = {
  Func_eu_date: EU_DATE,
  Func_eu_date2: EU_DATE,
  Func_us_date: US_DATE,
  Func_expiration_date: EXPIRATION_DATE.pattern,
} as const;

export const FUNCTION_NAMES = [
  ...(Object.keys(FUNCTION_SIT_IDS) as Array<keyof typeof FUNCTION_SIT_IDS>),
  ...(Object.keys(DATE_PATTERNS) as Array<keyof typeof DATE_PATTERNS>),
] as [string, ...string[]];

export type FunctionName = keyof typeof FUNCTION_SIT_IDS | keyof typeof DATE_PATTERNS;

/** Evidence that is everywhere: a built-in rule run with it reports every valid number. */
const EVERYWHERE = { near: () => true, labels: () => true, anywhere: () => true } as unknown as Evidence;

/**
 * Calls `visit(start, end)` for every occurrence the function finds in [0, scanEnd) of `text`;
 * `ruleFor` is passed in (detect.ts owns the rule table, which imports this module's users).
 */
export function forEachFunctionMatch(
  name: FunctionName,
  text: string,
  scanEnd: number,
  ruleFor: (sitId: string) => SitRule | undefined,
  visit: (start: number, end: number) => boolean,
): void {
  if (name in DATE_PATTERNS) {
    const pattern = DATE_PATTERNS[name as keyof typeof DATE_PATTERNS];
    forEachMatch(text, pattern, 0, scanEnd, (m, start) => visit(start, start + m[0].length));
    return;
  }
  const rule = ruleFor(FUNCTION_SIT_IDS[name as keyof typeof FUNCTION_SIT_IDS]);
  if (!rule) return;
  const shared = new Map<object, unknown>();
  const context: ScanContext = {
    text,
    scanEnd,
    evidence: () => EVERYWHERE,
    shared<T>(key: object, compute: () => T): T {
      if (!shared.has(key)) shared.set(key, compute());
      return shared.get(key) as T;
    },
  };
  rule.scan(context, (start, end) => visit(start, end));
}
