/**
 * Format and checksum rules of national identifiers, each on the compact value (separators
 * removed, letters upper-cased). Sources: the issuing agencies' published algorithms, as
 * summarised in docs/info-types.md.
 */
import { luhn, weightedSum } from "../../checksums";

/** Australian tax file number: 9 digits (8 for old ones), weighted sum divisible by 11. */
export function isTfn(v: string): boolean {
  if (v.length === 9) return weightedSum(v, [1, 4, 3, 7, 5, 8, 6, 9, 10], 11, "sum-zero");
  if (v.length === 8) return weightedSum(v, [10, 7, 8, 4, 6, 3, 5, 1], 11, "sum-zero");
  return false;
}

/** Medicare card: first digit 2–6, 9th digit = weighted sum of the first 8 mod 10, issue number 1–9. */
export function isMedicare(v: string): boolean {
  if (!/^[2-6][0-9]{8}[1-9][0-9]?$/.test(v)) return false;
  return weightedSum(v.slice(0, 9), [1, 3, 7, 9, 1, 3, 7, 9], 10, "remainder");
}

/** ABN: subtract 1 from the first digit; weighted sum divisible by 89. */
export function isAbn(v: string): boolean {
  if (!/^[1-9][0-9]{10}$/.test(v)) return false;
  const adjusted = String(Number(v[0]) - 1) + v.slice(1);
  return weightedSum(adjusted, [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19], 89, "sum-zero");
}

function irdCheck(base: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(base[i]) * weights[i];
  const r = sum % 11;
  return r === 0 ? 0 : 11 - r;
}

/** NZ IRD number: 8 or 9 digits in 10,000,000–150,000,000, two-pass mod 11 check digit. */
export function isIrd(v: string): boolean {
  if (!/^[0-9]{8,9}$/.test(v)) return false;
  const n = Number(v);
  if (n < 10_000_000 || n > 150_000_000) return false;
  const padded = v.length === 8 ? "0" + v : v;
  const base = padded.slice(0, 8);
  let check = irdCheck(base, [3, 2, 7, 6, 5, 4, 3, 2]);
  if (check === 10) check = irdCheck(base, [7, 4, 3, 2, 5, 2, 7, 6]);
  return check !== 10 && check === Number(padded[8]);
}

/** NHI letters: A–Z without I and O, numbered 1–24. */
const NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

/**
 * NZ National Health Index number: AAANNNC (before 2022: mod 11, check digit) or AAANNAC (from
 * 2022: mod 23, check letter); weights 7…2 over the first six characters.
 */
export function isNhi(v: string): boolean {
  const m = /^([A-HJ-NP-Z]{3})([0-9]{2})([0-9A-HJ-NP-Z])([0-9A-HJ-NP-Z])$/.exec(v);
  if (!m) return false;
  const letters = m[1];
  const value = (c: string): number => (/[0-9]/.test(c) ? Number(c) : NHI_LETTERS.indexOf(c) + 1);
  let sum = 0;
  for (let i = 0; i < 3; i++) sum += value(letters[i]) * (7 - i);
  const digits = m[2];
  sum += Number(digits[0]) * 4 + Number(digits[1]) * 3;
  const sixth = m[3];
  const last = m[4];
  if (/[0-9]/.test(sixth)) {
    if (!/[0-9]/.test(last)) return false;
    sum += Number(sixth) * 2;
    const r = sum % 11;
    if (r === 0) return false;
    return (11 - r) % 10 === Number(last);
  }
  if (/[0-9]/.test(last)) return false;
  sum += value(sixth) * 2;
  const r = sum % 23;
  if (r === 0) return false;
  return NHI_LETTERS[23 - r - 1] === last;
}

/** UK National Insurance number: valid prefix letters, six digits, suffix A–D (no checksum). */
export function isNino(v: string): boolean {
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$/.test(v)) return false;
  return !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].includes(v.slice(0, 2));
}

/** NHS number: 10 digits, weights 10…2, check = 11 − sum mod 11 (11 → 0, 10 invalid). */
export function isNhs(v: string): boolean {
  if (!/^[0-9]{10}$/.test(v)) return false;
  return weightedSum(v, [10, 9, 8, 7, 6, 5, 4, 3, 2], 11, "complement");
}

/** Canadian SIN: 9 digits, Luhn; 0 (CRA-assigned) and 8 (business numbers) are not people's SINs. */
export function isSin(v: string): boolean {
  return /^[1-79][0-9]{8}$/.test(v) && luhn(v);
}

const DE_ID_ALPHABET = /^[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}[0-9]?$/;

/**
 * German identity card (Personalausweis, since 2010): a nine-character serial from a reduced
 * alphabet, starting with a letter; when the tenth character (the MRZ check digit) is present it
 * must match weights 7-3-1 mod 10.
 */
export function isPersonalausweis(v: string): boolean {
  if (!DE_ID_ALPHABET.test(v) || !/[0-9]/.test(v.slice(0, 9))) return false;
  if (v.length === 9) return true;
  const weights = [7, 3, 1, 7, 3, 1, 7, 3, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const c = v.charCodeAt(i);
    sum += (c <= 0x39 ? c - 0x30 : c - 55) * weights[i];
  }
  return sum % 10 === Number(v[9]);
}

/**
 * French NIR (INSEE, sécurité sociale): sex 1/2 (3/4/7/8 for temporary numbers), year, month
 * 01–12 or 20/30–42/50+ (unknown), department (2A/2B for Corsica), commune, order, then the key
 * 97 − (13-digit number mod 97).
 */
export function isInsee(v: string): boolean {
  const m = /^([1234578])([0-9]{2})([0-9]{2})([0-9]{2}|2A|2B)([0-9]{3})([0-9]{3})([0-9]{2})$/.exec(v);
  if (!m) return false;
  const month = Number(m[3]);
  if (month === 0 || (month > 12 && month !== 20 && !(month >= 30 && month <= 42) && month < 50))
    return false;
  // Corsica: the key is computed with 2A read as 19 and 2B as 18.
  const department = m[4] === "2A" ? "19" : m[4] === "2B" ? "18" : m[4];
  // 13 digits stay below 2^53, so Number is exact.
  const key = 97 - (Number(m[1] + m[2] + m[3] + department + m[5] + m[6]) % 97);
  return key === Number(m[7]);
}

const CF_ODD: Readonly<Record<string, number>> = (() => {
  const values = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
  ];
  const out: Record<string, number> = {};
  for (let i = 0; i < 10; i++) out[String(i)] = values[i];
  for (let i = 0; i < 26; i++) out[String.fromCharCode(65 + i)] = values[i];
  return out;
})();

/**
 * Italian codice fiscale: 6 letters, year, month letter, day (+40 for women), place, check
 * letter; digits may be replaced by the letters LMNPQRSTUV (omocodia). Check letter from the
 * official odd/even tables mod 26.
 */
export function isCodiceFiscale(v: string): boolean {
  const omo = "[0-9LMNPQRSTUV]";
  const shape = new RegExp(`^[A-Z]{6}${omo}{2}[ABCDEHLMPRST]${omo}{2}[A-Z]${omo}{3}[A-Z]$`);
  if (!shape.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = v[i];
    if (i % 2 === 0) sum += CF_ODD[c];
    else sum += /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26)) === v[15];
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

/** Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter): letter = number mod 23. */
export function isDniOrNie(v: string): boolean {
  const m = /^([0-9]{8}|[XYZ][0-9]{7})([A-Z])$/.exec(v);
  if (!m) return false;
  const digits = m[1].replace(/^[XYZ]/, (c) => String("XYZ".indexOf(c)));
  return DNI_LETTERS[Number(digits) % 23] === m[2];
}

/** Polish PESEL: 11 digits, a real birth date (month +20/+40/+60/+80 by century), weights 1-3-7-9. */
export function isPesel(v: string): boolean {
  if (!/^[0-9]{11}$/.test(v)) return false;
  const month = Number(v.slice(2, 4)) % 20;
  const day = Number(v.slice(4, 6));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return weightedSum(v, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3], 10, "complement");
}

/** Dutch BSN: 9 digits (8 with a leading zero dropped), the "11-test": 9…2 and −1, sum divisible by 11. */
export function isBsn(v: string): boolean {
  const padded = v.length === 8 ? "0" + v : v;
  if (!/^[0-9]{9}$/.test(padded) || /^0+$/.test(padded)) return false;
  return weightedSum(padded, [9, 8, 7, 6, 5, 4, 3, 2, -1], 11, "sum-zero");
}
