import type { EvidenceMatcher } from "./evidence";
import { LETTER_OR_DIGIT, notAfterDigitAndDot, withLeftBoundary } from "./leftBoundary";

/**
 * Keyword dictionaries named after Microsoft's (docs/reference/label-policy.md §9). Each is a small, deliberate
 * subset of Microsoft's list — the common English terms plus a few European ones — not a copy of it.
 * Matching is case-insensitive, on word boundaries, and a space in a keyword matches any one
 * whitespace character (Word and PDF text often carry non-breaking spaces).
 */

export function keywordMatcher(name: string, keywords: readonly string[]): EvidenceMatcher {
  // Longest first, so "ssn#" wins over "ssn" at the same position.
  const alternatives = [...new Set(keywords.map((k) => k.toLowerCase()))]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&").replace(/ /g, "\\s"));
  if (alternatives.length === 0 || alternatives.includes("")) throw new RangeError(`${name}: empty keyword`);
  return {
    name,
    pattern: withLeftBoundary(
      new RegExp(`(?:${alternatives.join("|")})(?![A-Za-z0-9])`, "gi"),
      LETTER_OR_DIGIT,
    ),
    maxLength: Math.max(...keywords.map((k) => Math.max(k.length, k.toLowerCase().length))),
  };
}

export const KEYWORD_CC_VERIFICATION = keywordMatcher("Keyword_cc_verification", [
  "card verification",
  "card identification number",
  "cvn",
  "cid",
  "cvc2",
  "cvv2",
  "pin block",
  "security code",
  "security number",
  "security no",
  "issue number",
  "issue no",
  "cryptogramme",
  "numéro de sécurité",
  "numero de securite",
  "kreditkartenprüfnummer",
  "kreditkartenprufnummer",
  "prüfziffer",
  "prufziffer",
  "sicherheitscode",
  "sicherheitsnummer",
  "codice di verifica",
  "código de segurança",
  "codigo de seguranca",
]);

export const KEYWORD_CC_NAME = keywordMatcher("Keyword_cc_name", [
  "amex",
  "american express",
  "visa",
  "mastercard",
  "master card",
  "diners club",
  "discover card",
  "jcb",
  "credit card",
  "credit cards",
  "creditcard",
  "card number",
  "card numbers",
  "cardnumber",
  "card no",
  "card num",
  "cc#",
  "ccn",
  "cardholder",
  "card holder",
  "debit card",
  "bank card",
  "expiration date",
  "exp date",
  "expiry date",
  "carte de crédit",
  "carte bancaire",
  "numéro de carte",
  "kreditkarte",
  "kreditkartennummer",
  "tarjeta de crédito",
  "tarjeta de credito",
  "carta di credito",
]);

export const KEYWORD_SSN = keywordMatcher("Keyword_ssn", [
  "social security number",
  "social security #",
  "social security#",
  "social security no",
  "soc sec",
  "ssa number",
  "ssn",
  "ssns",
  "ssn#",
  "ss#",
  "ssid",
]);

export const KEYWORD_ABA_ROUTING = keywordMatcher("Keyword_ABA_Routing", [
  "aba number",
  "aba#",
  "aba",
  "abarouting#",
  "abaroutingnumber",
  "american bank association routing",
  "bank routing#",
  // Not in Microsoft's list: international payment forms ask for the US routing number so.
  "bank code",
  "routing code",
  "bankroutingnumber",
  "routing #",
  "routing no",
  "routing number",
  "routing transit number",
  "routing#",
  "rtn",
]);

/** Keywords_eu_passport_number and Keywords_uk_eu_passport_number together: either one counts. */
export const KEYWORD_PASSPORT_NUMBER = keywordMatcher("Keywords_eu_passport_number", [
  "passport#",
  "passport #",
  "passportid",
  "passports",
  "passportno",
  "passport no",
  "passportnumber",
  "passport number",
  "passportnumbers",
  "passport numbers",
  "british passport",
  "uk passport",
]);

export const KEYWORD_PASSPORT_DATE = keywordMatcher("Keywords_eu_passport_date", [
  "date of issue",
  "date of expiry",
]);

/** Keyword_eu_debit_card, Keyword_card_terms_dict, Keyword_card_security_terms_dict, Keyword_card_expiration_terms_dict: any one counts. */
export const KEYWORD_EU_DEBIT_CARD = keywordMatcher("Keyword_eu_debit_card+card_terms", [
  // Keyword_eu_debit_card
  "account number",
  "card number",
  "card no.",
  "security number",
  "cc#",
  // Keyword_card_terms_dict
  "debit card",
  "debit cards",
  "debitcard",
  "credit card",
  "bank card",
  "atm card",
  "cardholder",
  "card holder",
  "maestro",
  "visa",
  "visa electron",
  "mastercard",
  "v pay",
  "vpay",
  "bancontact",
  "carte bancaire",
  "carte bleue",
  "kreditkarte",
  "karteninhaber",
  "kartennummer",
  "tarjeta de debito",
  "tarjeta de débito",
  "carta di credito",
  "numero carta",
  "numéro de carte",
  "bankkaart",
  "debetkaart",
  // Keyword_card_security_terms_dict
  "card verification",
  "card identification number",
  "security code",
  "cvc",
  "cvc2",
  "cvv",
  "cvv2",
  "cvn",
  "pin block",
  "sicherheitscode",
  "prüfziffer",
  "cryptogramme",
  "codice di sicurezza",
  // Keyword_card_expiration_terms_dict
  "expiration",
  "expiry",
  "expires",
  "exp date",
  "gültig bis",
  "gultig bis",
  "ablauf",
  "scadenza",
  "vencimiento",
  "vervaldatum",
  "date de validité",
  "validade",
]);

/**
 * Func_expiration_date. Choice (Microsoft does not publish the function): a month 1–12 (leading zero
 * optional), "/" or "-", then a two-digit year or a year 2000–2099; not part of a longer date or
 * number ("01/02/2027", "1.12/27" and "12/27.5" are not expiry dates; "12/27." ending a sentence is).
 */
export const EXPIRATION_DATE: EvidenceMatcher = {
  name: "Func_expiration_date",
  maxLength: 7,
  pattern: withLeftBoundary(
    /(?:0?[1-9]|1[0-2])[/-](?:20[0-9]{2}|[0-9]{2})(?![0-9/-])(?!\.[0-9])/g,
    "0-9/-",
    notAfterDigitAndDot,
  ),
};
