/**
 * Seeded pseudo-random prose with sensitive numbers planted at known positions: the ground truth
 * for precision/recall and the workload for throughput benchmarks. Same seed, same text, on any
 * machine. ASCII only, so characters and bytes are the same count.
 *
 * Decoys (numbers that are not sensitive: years, amounts, phone numbers, dates, Luhn-invalid card
 * lookalikes, order numbers, random nine-digit ids) are mixed in; some of them will match a type by
 * chance (a random nine-digit id passes the ABA checksum about one time in ten), which is exactly
 * what precision should show.
 */
import { SIT_IDS } from "../../src/core/detect";
import { nationalDecoy, nationalPlant } from "./nationalPlants";

export interface PlantedItem {
  /** The kind of number planted (e.g. "visa", "ssn", "iban-DE"). */
  kind: string;
  /** Every sensitive information type whose definition this number meets. */
  sitIds: string[];
  start: number;
  end: number;
  value: string;
}

export interface PlantedText {
  text: string;
  planted: PlantedItem[];
}

export interface PlantOptions {
  seed: number;
  /** Length of the text in characters. */
  chars: number;
  /** Average prose characters between two planted numbers (default 2000). */
  plantEvery?: number;
  /** Average prose characters between two decoys (default 400). */
  decoyEvery?: number;
}

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "the of and to in is that for it as was with be by on not he this are or his from at which but have an " +
  "they you were her she there been one all we their has would when if so no will more out up into do any " +
  "your what some can time about only other new could them these than then first also after our two may " +
  "well over such where most through should because each just those people how too little state good very " +
  "make world still own see men work long get here between both life being under never day same another " +
  "know while last might us great old year off come since against go came right used take three report " +
  "meeting budget quarter customer project review invoice payment account team office contract policy " +
  "schedule update request approval delivery supplier summary draft agenda minutes figure market sales " +
  "service support travel expense notice client partner record label document message attached please"
).split(" ");

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function digits(random: Random, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += Math.floor(random() * 10);
  return out;
}

function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function sentence(random: Random): string {
  const count = int(random, 6, 18);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(pick(random, WORDS));
  const first = words[0];
  words[0] = first[0].toUpperCase() + first.slice(1);
  return words.join(" ") + (random() < 0.1 ? "?" : ".");
}

/** Luhn check digit for a partial number. */
function luhnComplete(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return partial + ((10 - (sum % 10)) % 10);
}

interface Brand {
  kind: string;
  prefixes: string[];
  lengths: number[];
  euDebit: boolean;
  groups?: number[];
}

const BRANDS: Brand[] = [
  { kind: "visa", prefixes: ["4"], lengths: [16, 16, 16, 19], euDebit: true },
  {
    kind: "mastercard",
    prefixes: ["51", "52", "53", "54", "55", "2221", "2500", "2720"],
    lengths: [16],
    euDebit: true,
  },
  {
    kind: "maestro",
    prefixes: ["5018", "5020", "6304", "6759", "6703"],
    lengths: [16, 18, 19],
    euDebit: true,
  },
  { kind: "amex", prefixes: ["34", "37"], lengths: [15], euDebit: false, groups: [4, 6, 5] },
  { kind: "diners", prefixes: ["300", "305", "36", "38"], lengths: [14], euDebit: false, groups: [4, 6, 4] },
  { kind: "discover", prefixes: ["6011", "65"], lengths: [16], euDebit: false },
  { kind: "jcb", prefixes: ["3528", "3589"], lengths: [16], euDebit: false },
];

function groupDigits(number: string, groups: number[], separator: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    parts.push(number.slice(at, at + size));
    at += size;
  }
  if (at < number.length) parts.push(number.slice(at));
  return parts.join(separator);
}

function cardNumber(random: Random): { kind: string; value: string; sitIds: string[] } {
  const brand = pick(random, BRANDS);
  const prefix = pick(random, brand.prefixes);
  const length = pick(random, brand.lengths);
  const number = luhnComplete(prefix + digits(random, length - prefix.length - 1));
  const style = random();
  const groups = brand.groups ?? [4, 4, 4, 4];
  const value = style < 0.4 ? number : groupDigits(number, groups, style < 0.7 ? " " : "-");
  const sitIds: string[] = [SIT_IDS.creditCard];
  if (brand.euDebit && length >= 16) sitIds.push(SIT_IDS.euDebitCard);
  return { kind: brand.kind, value, sitIds };
}

/** Pre-2011 areas only, so every planted SSN can reach the high levels with its keyword. */
function ssn(random: Random): string {
  let area: number;
  do area = int(random, 1, 772);
  while (area === 666 || (area >= 734 && area <= 749));
  const parts = [
    String(area).padStart(3, "0"),
    String(int(random, 1, 99)).padStart(2, "0"),
    String(int(random, 1, 9999)).padStart(4, "0"),
  ];
  const style = random();
  return style < 0.5 ? parts.join("-") : style < 0.7 ? parts.join(" ") : parts.join("");
}

function mod97(numeric: string): number {
  let remainder = 0;
  for (let i = 0; i < numeric.length; i += 7)
    remainder = Number(String(remainder) + numeric.slice(i, i + 7)) % 97;
  return remainder;
}

function ibanCheckDigits(country: string, bban: string): string {
  const numeric = (bban + country + "00").replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return String(98 - mod97(numeric)).padStart(2, "0");
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** BBAN layouts: "d" digit, "a" upper-case letter. */
const IBAN_LAYOUTS: Record<string, string> = {
  DE: "d".repeat(18),
  AT: "d".repeat(16),
  BE: "d".repeat(12),
  ES: "d".repeat(20),
  PL: "d".repeat(24),
  NL: "aaaa" + "d".repeat(10),
  GB: "aaaa" + "d".repeat(14),
  CH: "d".repeat(17),
  IT: "a" + "d".repeat(22),
  FR: "d".repeat(23),
};

function iban(random: Random): { kind: string; value: string } {
  const country = pick(random, Object.keys(IBAN_LAYOUTS));
  let bban = "";
  for (const slot of IBAN_LAYOUTS[country])
    bban += slot === "d" ? digits(random, 1) : pick(random, [...LETTERS]);
  const compact = country + ibanCheckDigits(country, bban) + bban;
  const value = random() < 0.5 ? compact : compact.replace(/(.{4})(?!$)/g, "$1 ");
  return { kind: `iban-${country}`, value };
}

const ABA_PREFIXES = [
  ...Array.from({ length: 13 }, (_, i) => i),
  ...Array.from({ length: 12 }, (_, i) => 21 + i),
  ...Array.from({ length: 12 }, (_, i) => 61 + i),
  80,
];

function abaRouting(random: Random): string {
  const first8 = String(pick(random, ABA_PREFIXES)).padStart(2, "0") + digits(random, 6);
  const weights = [3, 7, 1, 3, 7, 1, 3, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(first8[i]) * weights[i];
  const number = first8 + ((10 - (sum % 10)) % 10);
  return random() < 0.7 ? number : `${number.slice(0, 4)}-${number.slice(4, 8)}-${number[8]}`;
}

function passport(random: Random): string {
  return (random() < 0.5 ? pick(random, [...LETTERS]) : digits(random, 1)) + digits(random, 8);
}

interface Plant {
  kind: string;
  sitIds: string[];
  before: string;
  value: string;
  after: string;
}

/** Share of plants that are national identifiers (bench/lib/nationalPlants.ts), the rest as before. */
const NATIONAL_SHARE = 0.4;

function plant(random: Random): Plant {
  if (random() < NATIONAL_SHARE) {
    const p = nationalPlant(random);
    return { kind: p.kind, sitIds: [p.sitId], before: p.before, value: p.value, after: "." };
  }
  const roll = random();
  if (roll < 0.3) {
    const card = cardNumber(random);
    const before = pick(random, ["Card number ", "Please charge ", "Visa card ", "Reference ", "paid with "]);
    const after =
      random() < 0.3 ? ` exp ${String(int(random, 1, 12)).padStart(2, "0")}/${int(random, 26, 31)}.` : ".";
    return { ...card, before, after };
  }
  if (roll < 0.5) {
    const before = pick(random, ["SSN: ", "Social Security Number ", "employee SSN# ", "Soc Sec "]);
    return { kind: "ssn", sitIds: [SIT_IDS.usSsn], before, value: ssn(random), after: "." };
  }
  if (roll < 0.7) {
    const found = iban(random);
    return { kind: found.kind, sitIds: [SIT_IDS.iban], before: "IBAN ", value: found.value, after: "." };
  }
  if (roll < 0.85) {
    const before = pick(random, ["Routing number ", "ABA ", "RTN: ", "bank code "]);
    return { kind: "aba", sitIds: [SIT_IDS.abaRouting], before, value: abaRouting(random), after: "." };
  }
  const before = pick(random, ["Passport number ", "passport# ", "UK passport "]);
  const after =
    random() < 0.5 ? `, date of issue ${int(random, 1, 28)} March ${int(random, 2015, 2024)}.` : ".";
  return { kind: "passport", sitIds: [SIT_IDS.usUkPassport], before, value: passport(random), after };
}

function decoy(random: Random): string {
  switch (int(random, 0, 8)) {
    case 0:
      return `in ${int(random, 1990, 2030)}`;
    case 1:
      return `$${int(random, 1, 999)},${digits(random, 3)}.${digits(random, 2)}`;
    case 2:
      return `call (${digits(random, 3)}) ${digits(random, 3)}-${digits(random, 4)}`;
    case 3:
      return `on ${int(random, 1, 12)}/${int(random, 1, 28)}/${int(random, 2000, 2030)}`;
    case 4: {
      // A 16-digit card lookalike that fails Luhn.
      const valid = luhnComplete("4" + digits(random, 14));
      const wrong = valid.slice(0, 15) + ((Number(valid[15]) + int(random, 1, 9)) % 10);
      return `ticket ${wrong}`;
    }
    case 5:
      return `order ${digits(random, 4)}-${digits(random, 4)}`;
    case 6:
      return `id ${digits(random, 9)}`;
    case 7:
      return nationalDecoy(random);
    default:
      return `room ${int(random, 1, 999)}`;
  }
}

/**
 * Builds `chars` characters of prose with numbers planted roughly every `plantEvery` characters.
 * Returns the text and, for every planted number, its exact offsets and the types it belongs to.
 */
export function plantedText(options: PlantOptions): PlantedText {
  const random = seededRandom(options.seed);
  const plantEvery = options.plantEvery ?? 2000;
  const decoyEvery = options.decoyEvery ?? 400;
  const parts: string[] = [];
  const planted: PlantedItem[] = [];
  let length = 0;
  let nextPlant = int(random, 0, plantEvery * 2);
  let nextDecoy = int(random, 0, decoyEvery * 2);
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  while (length < options.chars) {
    push(sentence(random));
    if (length >= nextDecoy) {
      push(` The ${pick(random, WORDS)} ${decoy(random)} ${pick(random, WORDS)}.`);
      nextDecoy = length + int(random, 0, decoyEvery * 2);
    }
    if (length >= nextPlant) {
      const p = plant(random);
      push(" " + p.before);
      planted.push({
        kind: p.kind,
        sitIds: p.sitIds,
        start: length,
        end: length + p.value.length,
        value: p.value,
      });
      push(p.value + p.after);
      nextPlant = length + int(random, 0, plantEvery * 2);
    }
    push(random() < 0.08 ? "\n\n" : " ");
  }
  const text = parts.join("").slice(0, options.chars);
  // A plant cut by the final slice is no longer in the text.
  return { text, planted: planted.filter((item) => item.end < text.length) };
}
