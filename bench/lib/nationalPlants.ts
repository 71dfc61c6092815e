/**
 * Planted national identifiers for the benchmark: valid numbers of each type, computed here from
 * the published check-digit rules (not with src/core's validators, so a validator bug shows as lost
 * recall), written with the label a form or letter would give them, in the language where they
 * are used (ASCII only, as the planted text is). And their decoys: numbers of the same shapes
 * that are nobody's identifier.
 */
import { SIT_IDS } from "../../src/core/detect";

type Random = () => number;

const int = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const digits = (random: Random, n: number): string =>
  Array.from({ length: n }, () => int(random, 0, 9)).join("");
const weighted = (s: string, weights: readonly number[]): number =>
  weights.reduce((sum, w, i) => sum + w * Number(s[i]), 0);

export interface NationalPlant {
  kind: string;
  sitId: string;
  before: string;
  value: string;
}

function tfn(random: Random): string {
  for (;;) {
    const body = digits(random, 8);
    const check = (((-weighted(body, [1, 4, 3, 7, 5, 8, 6, 9]) * 10) % 11) + 11) % 11;
    if (check === 10) continue;
    const v = body + check;
    return random() < 0.5 ? v : `${v.slice(0, 3)} ${v.slice(3, 6)} ${v.slice(6)}`;
  }
}

function medicare(random: Random): string {
  const body = String(int(random, 2, 6)) + digits(random, 7);
  const v = body + (weighted(body, [1, 3, 7, 9, 1, 3, 7, 9]) % 10) + int(random, 1, 9);
  return random() < 0.5 ? v : `${v.slice(0, 4)} ${v.slice(4, 9)} ${v.slice(9)}`;
}

function abn(random: Random): string {
  for (;;) {
    const tail = digits(random, 9);
    const s = weighted(tail, [3, 5, 7, 9, 11, 13, 15, 17, 19]);
    for (let d1 = 1; d1 <= 9; d1++)
      for (let d2 = 0; d2 <= 9; d2++)
        if (((d1 - 1) * 10 + d2 + s) % 89 === 0) {
          const v = `${d1}${d2}${tail}`;
          return random() < 0.5 ? v : `${v.slice(0, 2)} ${v.slice(2, 5)} ${v.slice(5, 8)} ${v.slice(8)}`;
        }
  }
}

function ird(random: Random): string {
  for (;;) {
    const base = String(int(random, 10_000_000, 14_999_999)).padStart(8, "0");
    const pass = (w: number[]) => {
      const r = weighted(base, w) % 11;
      return r === 0 ? 0 : 11 - r;
    };
    let check = pass([3, 2, 7, 6, 5, 4, 3, 2]);
    if (check === 10) check = pass([7, 4, 3, 2, 5, 2, 7, 6]);
    if (check === 10) continue;
    const v = (base + check).replace(/^0/, "");
    return random() < 0.5 ? v : `${v.slice(0, v.length - 6)}-${v.slice(-6, -3)}-${v.slice(-3)}`;
  }
}

const NHI = "ABCDEFGHJKLMNPQRSTUVWXYZ";

function nhi(random: Random): string {
  for (;;) {
    const letters = [0, 1, 2].map(() => pick(random, [...NHI])).join("");
    const nums = digits(random, 3);
    const s =
      [...letters].reduce((acc, c, i) => acc + (NHI.indexOf(c) + 1) * (7 - i), 0) + weighted(nums, [4, 3, 2]);
    const r = s % 11;
    if (r === 0) continue;
    return `${letters}${nums}${(11 - r) % 10}`;
  }
}

function nino(random: Random): string {
  const first = pick(random, [..."ABCEGHJKLMNOPRSTWXYZ"]);
  const second = pick(random, [..."ABCEGHJKLMNPRSTWXYZ"]);
  const prefix = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].includes(first + second) ? "AB" : first + second;
  const d = digits(random, 6);
  const suffix = pick(random, [..."ABCD"]);
  return random() < 0.5
    ? `${prefix}${d}${suffix}`
    : `${prefix} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${suffix}`;
}

function nhs(random: Random): string {
  for (;;) {
    const body = digits(random, 9);
    const check = (11 - (weighted(body, [10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11)) % 11;
    if (check === 10) continue;
    const v = body + check;
    return random() < 0.5 ? v : `${v.slice(0, 3)} ${v.slice(3, 6)} ${v.slice(6)}`;
  }
}

function luhnCheck(partial: string): number {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function sin(random: Random): string {
  const body = pick(random, [..."12345679"]) + digits(random, 7);
  const v = body + luhnCheck(body);
  return random() < 0.5 ? v : `${v.slice(0, 3)} ${v.slice(3, 6)} ${v.slice(6)}`;
}

function personalausweis(random: Random): string {
  const alphabet = "CFGHJKLMNPRTVWXYZ";
  let serial = pick(random, [..."LMNPRTVWXY"]);
  for (let i = 0; i < 8; i++)
    serial += random() < 0.6 ? String(int(random, 0, 9)) : pick(random, [...alphabet]);
  if (!/[0-9]/.test(serial)) serial = serial.slice(0, 8) + "7";
  const value = (c: string) => (/[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  const check = [...serial].reduce((acc, c, i) => acc + value(c) * [7, 3, 1][i % 3], 0) % 10;
  return serial + check;
}

function insee(random: Random): string {
  const body =
    pick(random, ["1", "2"]) +
    digits(random, 2) +
    String(int(random, 1, 12)).padStart(2, "0") +
    String(int(random, 1, 95)).padStart(2, "0") +
    digits(random, 3) +
    digits(random, 3);
  const key = String(97 - (Number(body) % 97)).padStart(2, "0");
  return random() < 0.5
    ? body + key
    : `${body[0]} ${body.slice(1, 3)} ${body.slice(3, 5)} ${body.slice(5, 7)} ${body.slice(7, 10)} ${body.slice(10)} ${key}`;
}

const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

function codiceFiscale(random: Random): string {
  const L = () => String.fromCharCode(65 + int(random, 0, 25));
  const body =
    L() +
    L() +
    L() +
    L() +
    L() +
    L() +
    digits(random, 2) +
    pick(random, [..."ABCDEHLMPRST"]) +
    String(int(random, 1, 71)).padStart(2, "0") +
    L() +
    digits(random, 3);
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = body[i];
    const v = /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? CF_ODD[v] : v;
  }
  return body + String.fromCharCode(65 + (sum % 26));
}

function dni(random: Random): string {
  const letters = "TRWAGMYFPDXBNJZSQVHLCKE";
  if (random() < 0.3) {
    const prefix = int(random, 0, 2);
    const n = digits(random, 7);
    return `${"XYZ"[prefix]}${n}${letters[Number(String(prefix) + n) % 23]}`;
  }
  const n = digits(random, 8);
  return `${n}${random() < 0.3 ? "-" : ""}${letters[Number(n) % 23]}`;
}

function pesel(random: Random): string {
  const month = int(random, 1, 12) + pick(random, [0, 20]);
  const body =
    digits(random, 2) +
    String(month).padStart(2, "0") +
    String(int(random, 1, 28)).padStart(2, "0") +
    digits(random, 4);
  return body + ((10 - (weighted(body, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10);
}

function bsn(random: Random): string {
  for (;;) {
    const body = digits(random, 8);
    const s = weighted(body, [9, 8, 7, 6, 5, 4, 3, 2]);
    const check = s % 11;
    if (check > 9 || /^0+$/.test(body)) continue;
    const v = body + check;
    return random() < 0.6 ? v : `${v.slice(0, 4)}.${v.slice(4, 6)}.${v.slice(6)}`;
  }
}

const TYPES: Array<{ kind: string; sitId: string; labels: string[]; value: (r: Random) => string }> = [
  {
    kind: "au-tfn",
    sitId: SIT_IDS.auTaxFileNumber,
    labels: ["TFN: ", "Tax file number ", "tax file no. "],
    value: tfn,
  },
  {
    kind: "au-medicare",
    sitId: SIT_IDS.auMedicare,
    labels: ["Medicare card number ", "Medicare no: ", "Medicare "],
    value: medicare,
  },
  {
    kind: "au-abn",
    sitId: SIT_IDS.auBusinessNumber,
    labels: ["ABN ", "ABN: ", "Australian Business Number "],
    value: abn,
  },
  {
    kind: "nz-ird",
    sitId: SIT_IDS.nzInlandRevenue,
    labels: ["IRD number ", "IRD no. ", "Inland Revenue number: "],
    value: ird,
  },
  {
    kind: "nz-nhi",
    sitId: SIT_IDS.nzHealthNumber,
    labels: ["NHI ", "NHI number: ", "National Health Index "],
    value: nhi,
  },
  {
    kind: "uk-nino",
    sitId: SIT_IDS.ukNino,
    labels: ["National Insurance number ", "NI number: ", "NINO "],
    value: nino,
  },
  { kind: "uk-nhs", sitId: SIT_IDS.ukNhsNumber, labels: ["NHS number ", "NHS no: "], value: nhs },
  {
    kind: "ca-sin",
    sitId: SIT_IDS.caSin,
    labels: ["SIN: ", "Social Insurance Number ", "numero d'assurance sociale "],
    value: sin,
  },
  {
    kind: "de-id",
    sitId: SIT_IDS.deIdCard,
    labels: ["Personalausweis ", "Ausweisnummer: ", "Personalausweis-Nr. "],
    value: personalausweis,
  },
  {
    kind: "fr-insee",
    sitId: SIT_IDS.frInsee,
    labels: ["Securite sociale : ", "numero de securite sociale ", "NIR "],
    value: insee,
  },
  {
    kind: "it-cf",
    sitId: SIT_IDS.itFiscalCode,
    labels: ["Codice fiscale: ", "C.F. ", "codice fiscale "],
    value: codiceFiscale,
  },
  { kind: "es-dni", sitId: SIT_IDS.esDni, labels: ["DNI ", "NIE: ", "DNI: "], value: dni },
  {
    kind: "pl-pesel",
    sitId: SIT_IDS.plPesel,
    labels: ["PESEL ", "numer PESEL: ", "nr PESEL "],
    value: pesel,
  },
  { kind: "nl-bsn", sitId: SIT_IDS.nlBsn, labels: ["BSN ", "burgerservicenummer ", "BSN: "], value: bsn },
];

export function nationalPlant(random: Random): NationalPlant {
  const type = pick(random, TYPES);
  return { kind: type.kind, sitId: type.sitId, before: pick(random, type.labels), value: type.value(random) };
}

/** Same shapes, nobody's number: most fail the check digit; those that pass carry no label. */
export function nationalDecoy(random: Random): string {
  switch (int(random, 0, 5)) {
    case 0:
      return `ref ${digits(random, 3)} ${digits(random, 3)} ${digits(random, 3)}`;
    case 1:
      return `account ${digits(random, 11)}`;
    case 2:
      return `tel ${digits(random, 3)} ${digits(random, 3)} ${digits(random, 4)}`;
    case 3: {
      const letters = () => String.fromCharCode(65 + int(random, 0, 25));
      return `code ${letters()}${letters()}${digits(random, 6)}${letters()}`;
    }
    case 4:
      return `batch ${digits(random, 8)}${String.fromCharCode(65 + int(random, 0, 25))}`;
    default:
      return `serial ${digits(random, 4)}.${digits(random, 2)}.${digits(random, 3)}`;
  }
}
