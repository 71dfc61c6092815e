/**
 * The checksums an admin can attach to a custom type's pattern (docs/custom-info-types.md), and
 * that the built-in national types build on. Each takes the characters of the match with
 * separators removed; letters count as A=10 … Z=35 where a scheme allows them.
 */

export type ChecksumSpec =
  | { kind: "luhn" }
  | { kind: "mod97" }
  | { kind: "mod11" }
  | { kind: "weighted"; weights: number[]; modulus: number; rule: "sum-zero" | "remainder" | "complement" }
  | { kind: "checkDigit"; weights: number[]; modulus: number; position: number; allowLetters: boolean };

/** Digits, or letters as 10–35; NaN for anything else. */
function valueOf(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x5a) return code - 55;
  if (code >= 0x61 && code <= 0x7a) return code - 87;
  return NaN;
}

/** Letters and digits of a match, upper-cased, separators dropped. */
export function compact(match: string): string {
  return match.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
}

export function luhn(digits: string): boolean {
  if (!/^[0-9]{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 0x30;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 7064 MOD 97-10 over the whole value (letters as 10–35): valid when the remainder is 1. */
export function mod97(value: string): boolean {
  let remainder = 0;
  for (const c of value) {
    const v = valueOf(c);
    if (Number.isNaN(v)) return false;
    remainder = (v > 9 ? remainder * 100 + v : remainder * 10 + v) % 97;
  }
  return value.length >= 2 && remainder === 1;
}

/**
 * Weighted sum of the characters. `sum-zero`: the weights cover every character, check digit
 * included, and the sum is a multiple of the modulus. `remainder`: the last character equals the
 * sum of the others mod the modulus. `complement`: it equals (modulus − sum mod modulus) mod modulus.
 * A `remainder`/`complement` result above 9 can never match a digit, so such a value is invalid.
 */
export function weightedSum(
  value: string,
  weights: readonly number[],
  modulus: number,
  rule: "sum-zero" | "remainder" | "complement",
): boolean {
  const body = rule === "sum-zero" ? value : value.slice(0, -1);
  if (body.length !== weights.length || value.length === 0) return false;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const v = valueOf(body[i]);
    if (Number.isNaN(v)) return false;
    sum += v * weights[i];
  }
  const mod = ((sum % modulus) + modulus) % modulus;
  if (rule === "sum-zero") return mod === 0;
  const check = rule === "remainder" ? mod : (modulus - mod) % modulus;
  return valueOf(value[value.length - 1]) === check;
}

/** The common mod 11: weights 2, 3, 4… from the right (check digit excluded), check = (11 − sum mod 11) mod 11. */
export function mod11(digits: string): boolean {
  if (!/^[0-9]{2,}$/.test(digits)) return false;
  const weights = Array.from({ length: digits.length - 1 }, (_, i) => digits.length - i);
  return weightedSum(digits, weights, 11, "complement");
}

/** Luhn and mod 11 read the digits of the match (a prefix like "E-" is not part of the number). */
export function checksumPasses(spec: ChecksumSpec, match: string): boolean {
  const value = compact(match);
  switch (spec.kind) {
    case "luhn":
      return luhn(value.replace(/[^0-9]/g, ""));
    case "mod97":
      return mod97(value);
    case "mod11":
      return mod11(value.replace(/[^0-9]/g, ""));
    case "weighted":
      return weightedSum(value, spec.weights, spec.modulus, spec.rule);
    case "checkDigit":
      return checkDigit(spec.allowLetters ? value : value.replace(/[^0-9]/g, ""), spec);
  }
}

/**
 * Purview's checksum validator (docs/custom-info-types.md): one weight per character, the
 * check character's included (0 when it takes no part); the weighted sum mod `modulus` must equal
 * the character at `position` (1-based).
 */
export function checkDigit(
  value: string,
  spec: { weights: readonly number[]; modulus: number; position: number },
): boolean {
  if (value.length !== spec.weights.length || spec.position < 1 || spec.position > value.length) return false;
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    const v = valueOf(value[i]);
    if (Number.isNaN(v)) return false;
    sum += v * spec.weights[i];
  }
  return ((sum % spec.modulus) + spec.modulus) % spec.modulus === valueOf(value[spec.position - 1]);
}
