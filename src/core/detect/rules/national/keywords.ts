/**
 * Keywords of the national identifiers, in the languages where each is used. Our own short lists,
 * not Microsoft's: a term that names another country's number ("social security" in Purview's
 * Canadian list) would label that number as this one, so each list names only its own.
 */
import { keywordMatcher } from "../../keywords";

export const KEYWORD_AU_TFN = keywordMatcher("Keyword_australia_tax_file_number", [
  "tax file number",
  "tax file no",
  "tfn",
  "tfn#",
]);

export const KEYWORD_AU_MEDICARE = keywordMatcher("Keyword_australia_medicare", [
  "medicare",
  "medicare number",
  "medicare no",
  "medicare card",
  "medicare card number",
]);

export const KEYWORD_AU_ABN = keywordMatcher("Keyword_australia_business_number", [
  "abn",
  "abn#",
  "australian business number",
  "australian business no",
]);

export const KEYWORD_NZ_IRD = keywordMatcher("Keyword_new_zealand_inland_revenue_number", [
  "ird",
  "ird number",
  "ird no",
  "ird#",
  "inland revenue number",
  "inland revenue no",
  "te tari taake",
]);

export const KEYWORD_NZ_NHI = keywordMatcher("Keyword_nz_nhi", [
  "nhi",
  "nhi number",
  "nhi no",
  "national health index",
  "national health index number",
]);

export const KEYWORD_UK_NINO = keywordMatcher("Keyword_uk_nino", [
  "national insurance number",
  "national insurance no",
  "ni number",
  "ni no",
  "nino",
  "nat ins no",
]);

export const KEYWORD_UK_NHS = keywordMatcher("Keyword_uk_nhs_number", [
  "nhs number",
  "nhs no",
  "nhs#",
  "national health service number",
]);

export const KEYWORD_CA_SIN = keywordMatcher("Keyword_sin", [
  "sin",
  "sin#",
  "sin number",
  "social insurance number",
  "social insurance no",
  "numéro d'assurance sociale",
  "numero d'assurance sociale",
  "nas",
]);

export const KEYWORD_DE_ID_CARD = keywordMatcher("Keyword_germany_id_card", [
  "personalausweis",
  "personalausweisnummer",
  "personalausweis-nr",
  "personalausweis nr",
  "ausweisnummer",
  "ausweis-nr",
  "ausweis nr",
  "identity card number",
]);

export const KEYWORD_FR_INSEE = keywordMatcher("Keyword_fr_insee", [
  "numéro de sécurité sociale",
  "numero de securite sociale",
  "n° de sécurité sociale",
  "sécurité sociale",
  "securite sociale",
  "numéro insee",
  "insee",
  "nir",
  "carte vitale",
]);

export const KEYWORD_IT_FISCAL_CODE = keywordMatcher("Keyword_italy_fiscal_code", [
  "codice fiscale",
  "cod. fiscale",
  "cod fiscale",
  "c.f.",
  "tessera sanitaria",
  "fiscal code",
]);

export const KEYWORD_ES_DNI = keywordMatcher("Keyword_spain_dni", [
  "dni",
  "d.n.i.",
  "nie",
  "n.i.e.",
  "nif",
  "documento nacional de identidad",
  "número de identidad de extranjero",
  "numero de identidad de extranjero",
]);

export const KEYWORD_PL_PESEL = keywordMatcher("Keyword_pesel_identification_number", [
  "pesel",
  "numer pesel",
  "nr pesel",
  "numer ewidencyjny",
]);

export const KEYWORD_NL_BSN = keywordMatcher("Keyword_netherlands_bsn", [
  "bsn",
  "bsn-nummer",
  "bsn nummer",
  "burgerservicenummer",
  "sofinummer",
  "sofi-nummer",
  "citizen service number",
]);
