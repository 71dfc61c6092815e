/**
 * Australian EPMS (Release 2024): the fields, values and rendering of a protective marking —
 * what epms.ts (reading) and epmsRules.ts (validation, documents, selectors) share.
 * docs/reference/protective-markings.md §1 is the reference; its ABNF wins over the spec's regex table.
 */

export const EPMS_CLASSIFICATIONS = [
  "UNOFFICIAL",
  "OFFICIAL",
  "OFFICIAL:Sensitive",
  "PROTECTED",
  "SECRET",
  "TOP-SECRET",
] as const;
export type EpmsClassification = (typeof EPMS_CLASSIFICATIONS)[number];

export const EPMS_ACCESS = ["Personal-Privacy", "Legal-Privilege", "Legislative-Secrecy"] as const;
export type EpmsAccess = (typeof EPMS_ACCESS)[number];

export const EPMS_VERSION = "2024.1";
export const EPMS_NAMESPACE = "gov.au";
export const EPMS_MAX_LENGTH = 998;
export const EPMS_FREE_TEXT_MAX = 128;

export interface ProtectiveMarking {
  sec: EpmsClassification;
  caveats?: string[] /* "RI:AUSTEO" etc. */;
  access?: EpmsAccess[];
  expires?: string;
  downTo?: string;
  note?: string;
}

/** The words an older (2012-era) marking really carried, when parsing mapped them to current ones. */
export interface EpmsLegacy {
  sec?: string;
  dlm?: string;
}

export type ParsedProtectiveMarking = ProtectiveMarking & { legacy?: EpmsLegacy };
export type EpmsHeader = ProtectiveMarking & {
  ver: string;
  ns: string;
  origin?: string;
  legacy?: EpmsLegacy;
};

export interface EpmsHeaderOptions {
  /** `VER=`; Release 2024 is 2024.1, newer releases exist, so it is configurable. */
  version?: string;
  /** `ORIGIN=`, the author's email address (mandatory in the ABNF long form). */
  origin?: string;
  /** `NS=`; gov.au unless a gateway uses its own namespace. */
  ns?: string;
}

export class EpmsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EpmsError";
  }
}

const RANK: ReadonlyMap<string, number> = new Map(EPMS_CLASSIFICATIONS.map((c, i) => [c, i]));
/** Position of a classification, lowest first; -1 for anything else. */
export const epmsRank = (c: string): number => RANK.get(c) ?? -1;

/** Comparison key that forgives case, spaces and hyphens: "OFFICIAL: Sensitive", "top secret". */
export const epmsLooseKey = (s: string): string => s.toUpperCase().replace(/[\s-]/g, "");
// ---------------------------------------------------------------------------------------------
// Rendering

export const PRINTABLE = /^[\x20-\x7e]*$/;

function escapeValue(value: string): string {
  return value.replace(/[\\,]/g, "\\$&");
}

function checkedValue(field: string, value: string): string {
  // A CR or LF here would let a marking value inject a header of its own.
  if (!PRINTABLE.test(value)) {
    throw new EpmsError(
      `${field}=${JSON.stringify(value)}: only printable ASCII (32–126) may appear in a marking`,
    );
  }
  return value;
}

function markingFields(m: ProtectiveMarking): Array<[string, string]> {
  if (epmsRank(m.sec) < 0) throw new EpmsError(`SEC=${JSON.stringify(m.sec)} is not an EPMS classification`);
  const fields: Array<[string, string]> = [["SEC", m.sec]];
  for (const caveat of m.caveats ?? []) fields.push(["CAVEAT", caveat]);
  for (const access of m.access ?? []) fields.push(["ACCESS", access]);
  if (m.expires !== undefined) fields.push(["EXPIRES", m.expires]);
  if (m.downTo !== undefined) fields.push(["DOWNTO", m.downTo]);
  return fields;
}

function joinFields(fields: Array<[string, string]>): string {
  return fields.map(([k, v]) => `${k}=${escapeValue(checkedValue(k, v))}`).join(", ");
}

/**
 * The `X-Protective-Marking` header value, in ABNF order:
 * VER, NS, SEC, CAVEAT*, ACCESS*, EXPIRES, DOWNTO, NOTE, ORIGIN. Throws EpmsError on a value that
 * is not printable ASCII or an unknown classification.
 */
export function renderEpmsHeader(m: ProtectiveMarking, options: EpmsHeaderOptions = {}): string {
  const { version = EPMS_VERSION, origin, ns = EPMS_NAMESPACE } = options;
  const fields: Array<[string, string]> = [["VER", version], ["NS", ns], ...markingFields(m)];
  if (m.note !== undefined) fields.push(["NOTE", m.note]);
  if (origin !== undefined) fields.push(["ORIGIN", origin]);
  return joinFields(fields);
}

/** The subject form, e.g. `[SEC=OFFICIAL:Sensitive, ACCESS=Legal-Privilege]` (NOTE is header-only). */
export function renderEpmsSubjectSuffix(m: ProtectiveMarking): string {
  const fields = markingFields(m);
  for (const [k, v] of fields) {
    // A bracket would end the subject block early, and the rest would pile up at every relabel.
    if (/[[\]]/.test(v))
      throw new EpmsError(`${k}=${JSON.stringify(v)}: brackets cannot appear in a subject marking`);
  }
  return `[${joinFields(fields)}]`;
}
