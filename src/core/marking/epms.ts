/**
 * Australian Government Email Protective Marking Standard (EPMS, Release 2024): the
 * `X-Protective-Marking` header, the `[SEC=…]` subject marking and the document marking line.
 * docs/reference/protective-markings.md §1 is the reference; its ABNF wins over the spec's regex table.
 *
 * Emit strictly (ABNF order, printable ASCII, `,` and `\` escaped); read tolerantly (folding
 * whitespace, any field order, case-insensitive names and classifications, other namespaces,
 * older versions with `DLM=` and retired levels). Every scan is linear in the input.
 */
import type { MarkingIssue } from "./types";

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
const rank = (c: string): number => RANK.get(c) ?? -1;

/** Comparison key that forgives case, spaces and hyphens: "OFFICIAL: Sensitive", "top secret". */
const looseKey = (s: string): string => s.toUpperCase().replace(/[\s-]/g, "");

const CURRENT_BY_KEY: ReadonlyMap<string, EpmsClassification> = new Map(
  EPMS_CLASSIFICATIONS.map((c) => [looseKey(c), c]),
);

/**
 * Retired levels (EPMS 2012 and earlier) mapped to the current level at or above them, so an old
 * inbound marking is never handled more loosely than it asked for.
 */
const LEGACY_SEC: ReadonlyMap<string, EpmsClassification> = new Map([
  ["UNCLASSIFIED", "OFFICIAL"],
  ["XINCONFIDENCE", "PROTECTED"],
  ["INCONFIDENCE", "PROTECTED"],
  ["RESTRICTED", "PROTECTED"],
  ["HIGHLYPROTECTED", "SECRET"],
  ["CONFIDENTIAL", "SECRET"],
]);

/** 2012 dissemination-limiting markers: all sensitive, some with today's ACCESS or CABINET. */
const LEGACY_DLM: ReadonlyMap<string, { sec: EpmsClassification; access?: EpmsAccess; caveat?: string }> =
  new Map([
    ["FOROFFICIALUSEONLY", { sec: "OFFICIAL:Sensitive" }],
    ["SENSITIVE", { sec: "OFFICIAL:Sensitive" }],
    ["SENSITIVE:PERSONAL", { sec: "OFFICIAL:Sensitive", access: "Personal-Privacy" }],
    ["SENSITIVE:LEGAL", { sec: "OFFICIAL:Sensitive", access: "Legal-Privilege" }],
    ["SENSITIVE:CABINET", { sec: "PROTECTED", caveat: "SH:CABINET" }],
  ]);

const ACCESS_BY_KEY: ReadonlyMap<string, EpmsAccess> = new Map(EPMS_ACCESS.map((a) => [looseKey(a), a]));

// ---------------------------------------------------------------------------------------------
// Rendering

const PRINTABLE = /^[\x20-\x7e]*$/;

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
  if (rank(m.sec) < 0) throw new EpmsError(`SEC=${JSON.stringify(m.sec)} is not an EPMS classification`);
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

// ---------------------------------------------------------------------------------------------
// Parsing

/** A failure explains itself only when asked: a subject can hold thousands of blocks that fail. */
type Parsed<T> = { ok: true; value: T } | { ok: false; error: () => string };

interface RawFields {
  single: Map<string, string>;
  caveats: string[];
  access: string[];
}

const SINGLE_FIELDS = new Set(["VER", "NS", "SEC", "EXPIRES", "DOWNTO", "NOTE", "ORIGIN", "DLM"]);

/** Splits on commas that are not escaped; the escapes stay in place for unescape(). */
function splitUnescaped(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x2c /* , */) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unescapeValue(value: string): string {
  if (value.indexOf("\\") < 0) return value;
  return value.replace(/\\([\\,])/g, "$1");
}

const preview = (s: string): string => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

function readFields(text: string): Parsed<RawFields> {
  const out: RawFields = { single: new Map(), caveats: [], access: [] };
  for (const part of splitUnescaped(text)) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq < 0) return { ok: false, error: () => `${preview(part.trim())} is not FIELD=value` };
    const key = part.slice(0, eq).trim().toUpperCase();
    if (key === "") return { ok: false, error: () => `${preview(part.trim())} has no field name` };
    const value = unescapeValue(part.slice(eq + 1)).trim();
    if (key === "CAVEAT") out.caveats.push(value);
    else if (key === "ACCESS") out.access.push(value);
    else if (SINGLE_FIELDS.has(key)) {
      if (out.single.has(key)) return { ok: false, error: () => `${key} appears more than once` };
      out.single.set(key, value);
    }
    // Other names: a newer release's fields; ignoring them keeps today's fields readable.
  }
  return { ok: true, value: out };
}

function toMarking(raw: RawFields): Parsed<ParsedProtectiveMarking> {
  const secText = raw.single.get("SEC");
  const dlmText = raw.single.get("DLM");
  if (secText === undefined && dlmText === undefined)
    return { ok: false, error: () => "there is no SEC field" };
  const legacy: EpmsLegacy = {};
  const caveats: string[] = [];
  const access: EpmsAccess[] = [];
  let sec: EpmsClassification | undefined;
  if (secText !== undefined) {
    const key = looseKey(secText);
    sec = CURRENT_BY_KEY.get(key);
    if (!sec) {
      sec = LEGACY_SEC.get(key);
      if (!sec) return { ok: false, error: () => `SEC=${preview(secText)} is not a classification` };
      legacy.sec = secText;
    }
  }
  if (dlmText !== undefined) {
    legacy.dlm = dlmText;
    const dlm = LEGACY_DLM.get(looseKey(dlmText)) ?? { sec: "OFFICIAL:Sensitive" as const };
    if (sec === undefined || rank(dlm.sec) > rank(sec)) sec = dlm.sec;
    if (dlm.access) access.push(dlm.access);
    if (dlm.caveat) caveats.push(dlm.caveat);
  }
  for (const value of raw.caveats) if (!caveats.includes(value)) caveats.push(value);
  for (const value of raw.access) {
    const a = ACCESS_BY_KEY.get(looseKey(value));
    if (!a) return { ok: false, error: () => `ACCESS=${preview(value)} is not ${EPMS_ACCESS.join(", ")}` };
    if (!access.includes(a)) access.push(a);
  }
  const m: ParsedProtectiveMarking = { sec: sec as EpmsClassification };
  if (caveats.length > 0) m.caveats = caveats;
  if (access.length > 0) m.access = access;
  const expires = raw.single.get("EXPIRES");
  if (expires !== undefined) m.expires = expires;
  const downTo = raw.single.get("DOWNTO");
  if (downTo !== undefined) m.downTo = CURRENT_BY_KEY.get(looseKey(downTo)) ?? downTo;
  const note = raw.single.get("NOTE");
  if (note !== undefined) m.note = note;
  if (legacy.sec !== undefined || legacy.dlm !== undefined) m.legacy = legacy;
  return { ok: true, value: m };
}

const HEADER_NAME = /^\s*X-Protective-Marking\s*:/i;

/**
 * Reads an `X-Protective-Marking` value (the `X-Protective-Marking:` name may be included; folded
 * lines are fine). VER and NS are "" when absent; NS is lower-cased. Throws EpmsError when the value
 * is not a FIELD=value list with a classification.
 */
export function parseEpmsHeader(value: string): EpmsHeader {
  const text = value.replace(/[\r\n]/g, "").replace(HEADER_NAME, "");
  if (text.trim() === "") throw new EpmsError("X-Protective-Marking is empty");
  const fields = readFields(text);
  if (!fields.ok) throw new EpmsError(`X-Protective-Marking ${preview(text.trim())}: ${fields.error()}`);
  const marking = toMarking(fields.value);
  if (!marking.ok) throw new EpmsError(`X-Protective-Marking ${preview(text.trim())}: ${marking.error()}`);
  const single = fields.value.single;
  const { legacy, ...rest } = marking.value;
  const header: EpmsHeader = {
    ver: single.get("VER") ?? "",
    ns: (single.get("NS") ?? "").toLowerCase(),
    ...rest,
  };
  const origin = single.get("ORIGIN");
  if (origin !== undefined) header.origin = origin;
  if (legacy) header.legacy = legacy;
  return header;
}

// ---------------------------------------------------------------------------------------------
// Subject

interface SubjectBlock {
  /** Index just past the `]`. */
  end: number;
  /** Index of the last opener inside the block: `[SEC=A [SEC=B]` is read as `[SEC=B]`. */
  inner: number;
}

/** Whether code units a, b, c spell SEC or DLM in any case (bit 0x20 folds ASCII letters only). */
function isOpenerWord(a: number, b: number, c: number): boolean {
  a |= 0x20;
  b |= 0x20;
  c |= 0x20;
  // DLM= is the 2012 form; stripping it too means a relabelled old subject has one marking, not two.
  return (a === 0x73 && b === 0x65 && c === 0x63) || (a === 0x64 && b === 0x6c && c === 0x6d);
}

function isOpenerAt(s: string, i: number): boolean {
  return (
    s.charCodeAt(i) === 0x5b /* [ */ &&
    s.charCodeAt(i + 4) === 0x3d /* = */ &&
    isOpenerWord(s.charCodeAt(i + 1), s.charCodeAt(i + 2), s.charCodeAt(i + 3))
  );
}

/**
 * The blocks `\[SEC=.*?\]` matches (case-insensitively, also `[DLM=`), left to right, in one pass:
 * `.` does not cross a line feed, so an opener whose `]` comes after one does not match.
 */
function* subjectBlocks(s: string): Generator<SubjectBlock> {
  let i = 0;
  while (i < s.length) {
    let start = s.indexOf("[", i);
    while (start >= 0 && !isOpenerAt(s, start)) start = s.indexOf("[", start + 1);
    if (start < 0) return;
    let inner = start;
    let j = start + 5;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (c === 0x5d /* ] */ || c === 0x0a /* \n */) break;
      if (c === 0x5b && isOpenerAt(s, j)) inner = j;
      j++;
    }
    if (j >= s.length) return; // no "]" after this opener, so none after any later one either
    if (s.charCodeAt(j) === 0x5d) yield { end: j + 1, inner };
    i = j + 1;
  }
}

// JavaScript's \s, which is what ASD's `\s*?` means in practice for a subject line.
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Whether buf[0..len) ends with `[SEC=` or `[DLM=`, in any case. */
function endsWithOpener(buf: Uint16Array, len: number): boolean {
  return (
    len >= 5 &&
    buf[len - 5] === 0x5b &&
    buf[len - 1] === 0x3d &&
    isOpenerWord(buf[len - 4], buf[len - 3], buf[len - 2])
  );
}

/**
 * Removes markings as ASD's `\s*?\[SEC=.*?\]` does, but until none is left: one regex pass can
 * join the text around a removed block into a new one (`[SE[SEC=x]C=OFFICIAL]`), which would then
 * sit to the left of ours and win. Output is built on a stack, so every character is pushed and
 * popped at most once. `.` does not cross a line feed, as in .NET.
 */
function stripMarkings(subject: string, cutUnterminated: boolean): string {
  const buf = new Uint16Array(subject.length);
  let len = 0;
  /** Earliest opener in the current line with no "]" after it yet, or -1. */
  let open = -1;
  /** `open` of each earlier line, so trimming a line feed away can join the lines again. */
  const lines: number[] = [];
  const trim = (): void => {
    while (len > 0 && isSpace(buf[len - 1])) {
      len--;
      if (buf[len] === 0x0a) open = lines.pop() ?? -1;
    }
  };
  for (let i = 0; i < subject.length; i++) {
    const c = subject.charCodeAt(i);
    if (c === 0x5d /* ] */ && open >= 0) {
      len = open;
      open = -1;
      trim();
      continue;
    }
    buf[len++] = c;
    if (c === 0x0a) {
      lines.push(open);
      open = -1;
    } else if (open < 0 && endsWithOpener(buf, len)) {
      open = len - 5;
    }
  }
  if (cutUnterminated) {
    // Trimming here, not after, so a line feed trimmed away rejoins its line's pending opener;
    // then a marking cut short (`… [SEC=OFFICIAL`) goes, or it would swallow the one we append.
    trim();
    while (open >= 0) {
      len = open;
      open = -1;
      trim();
    }
  }
  const chunks: string[] = [];
  for (let i = 0; i < len; i += 8192) {
    // apply, not spread: spreading a typed array goes through its iterator and is several times slower.
    chunks.push(
      String.fromCharCode.apply(null, buf.subarray(i, Math.min(len, i + 8192)) as unknown as number[]),
    );
  }
  return chunks.join("");
}

/**
 * The subject without its markings: every `[SEC=…]` (or 2012 `[DLM=…]`) block and the whitespace
 * before it, as ASD's `\s*?\[SEC=.*?\]` removes them, repeated until none is left.
 */
export function stripSubjectMarking(subject: string): string {
  return stripMarkings(subject, false);
}

/**
 * Puts `m` at the end of the subject after removing every existing marking (and a marking cut
 * short at the end), so the subject carries exactly one and it is `m`; whitespace left at either
 * end is trimmed. `null` removes markings only. Throws EpmsError when `m` cannot go into a subject.
 */
export function applySubjectMarking(subject: string, m: ProtectiveMarking | null): string {
  if (m === null) return stripMarkings(subject, false).trim();
  const suffix = renderEpmsSubjectSuffix(m);
  const rest = stripMarkings(subject, true).replace(/^\s+/, "");
  return rest === "" ? suffix : `${rest} ${suffix}`;
}

/**
 * Whether a `[SEC=…]` block's first value could be a classification at all: a subject full of
 * `[SEC=]` must not cost a full parse per block.
 */
function mayBeMarking(content: string): boolean {
  if ((content.charCodeAt(0) | 0x20) === 0x64 /* d: DLM= */) return true;
  const comma = content.indexOf(",");
  const key = looseKey(content.slice(4, comma < 0 ? content.length : comma));
  return CURRENT_BY_KEY.has(key) || LEGACY_SEC.has(key);
}

/** The subject's marking — the leftmost block that reads as one — or null. */
export function parseEpmsSubject(subject: string): ParsedProtectiveMarking | null {
  for (const block of subjectBlocks(subject)) {
    const content = subject.slice(block.inner + 1, block.end - 1);
    if (!mayBeMarking(content)) continue;
    const fields = readFields(content);
    if (!fields.ok) continue;
    const marking = toMarking(fields.value);
    if (!marking.ok) continue;
    // NOTE belongs to the header; a subject that carries one is read without it.
    const { note: _note, ...m } = marking.value;
    return m;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Validation

const EXPIRES_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/;
const RI_VALUE = /^(AGAO|AUSTEO|REL [A-Z]{3}(\/[A-Z]{3})*)$/;
const SH_VALUE =
  /^(DELICATE-SOURCE|DELICATE SOURCE|ORCON|EXCLUSIVE-FOR .+|CABINET|NATIONAL-CABINET|ACCOUNTABLE-MATERIAL)$/;

function freeTextProblem(value: unknown): string | null {
  if (typeof value !== "string") return "must be text";
  if (value.length < 1 || value.length > EPMS_FREE_TEXT_MAX) {
    return `must be 1–${EPMS_FREE_TEXT_MAX} characters, is ${value.length}`;
  }
  if (!PRINTABLE.test(value)) return "may only contain printable ASCII (32–126)";
  if (value !== value.trim())
    return "must not start or end with a space (readers trim it as folding whitespace)";
  return null;
}

function caveatProblem(caveat: string): string | null {
  const colon = caveat.indexOf(":");
  const type = colon < 0 ? caveat : caveat.slice(0, colon);
  const value = colon < 0 ? "" : caveat.slice(colon + 1);
  switch (type) {
    case "C":
    case "FG":
      return value.trim() === "" ? `${type}: needs a value` : null;
    case "RI":
      return RI_VALUE.test(value)
        ? null
        : `RI: must be AGAO, AUSTEO or REL <ISO 3166 alpha-3 codes joined by "/">`;
    case "SH":
      return SH_VALUE.test(value)
        ? null
        : "SH: must be DELICATE-SOURCE, ORCON, EXCLUSIVE-FOR <name>, CABINET, NATIONAL-CABINET or ACCOUNTABLE-MATERIAL";
    default:
      return `must be <type>:<value> with type C, FG, RI or SH`;
  }
}

/**
 * Dependency and format rules of a marking a label will write. Issue paths are relative to `path`
 * (`sec`, `caveats[0]`, …; the whole marking is `path` itself). `options` are what the header will
 * carry besides the marking, for the 998-character limit.
 */
export function validateProtectiveMarking(
  m: ProtectiveMarking,
  path = "",
  options: EpmsHeaderOptions = {},
): MarkingIssue[] {
  const issues: MarkingIssue[] = [];
  const issue = (rel: string, rule: string, detail: string): void => {
    const at = path === "" ? rel : rel === "" ? path : `${path}.${rel}`;
    issues.push({ path: at, rule, message: at === "" ? detail : `${at}: ${detail}` });
  };
  const secRank = rank(m.sec);
  if (secRank < 0) {
    issue("sec", "classification", `${JSON.stringify(m.sec)} is not ${EPMS_CLASSIFICATIONS.join(", ")}`);
  }

  (m.access ?? []).forEach((access, i) => {
    if (!EPMS_ACCESS.includes(access)) {
      issue(`access[${i}]`, "access-value", `${JSON.stringify(access)} is not ${EPMS_ACCESS.join(", ")}`);
    } else if (secRank >= 0 && secRank < rank("OFFICIAL:Sensitive")) {
      issue(
        `access[${i}]`,
        "access-needs-sensitive",
        `ACCESS=${access} needs OFFICIAL:Sensitive or higher, not ${m.sec}`,
      );
    }
    if (m.access?.indexOf(access) !== i) issue(`access[${i}]`, "duplicate", `ACCESS=${access} appears twice`);
  });

  (m.caveats ?? []).forEach((caveat, i) => {
    const text = freeTextProblem(caveat);
    if (text) {
      issue(`caveats[${i}]`, "free-text", `caveat ${text}`);
      return;
    }
    if (/[[\]]/.test(caveat)) {
      issue(
        `caveats[${i}]`,
        "subject-bracket",
        `caveat ${JSON.stringify(caveat)} contains a bracket, which would end the subject marking`,
      );
    }
    const format = caveatProblem(caveat);
    if (format) issue(`caveats[${i}]`, "caveat-format", `caveat ${JSON.stringify(caveat)}: ${format}`);
    const nationalCabinet = caveat === "SH:NATIONAL-CABINET";
    const needed = nationalCabinet ? "OFFICIAL:Sensitive" : "PROTECTED";
    if (secRank >= 0 && secRank < rank(needed)) {
      issue(
        `caveats[${i}]`,
        "caveat-needs-classification",
        `CAVEAT=${caveat} needs ${needed} or higher, not ${m.sec}`,
      );
    }
    if (m.caveats?.indexOf(caveat) !== i)
      issue(`caveats[${i}]`, "duplicate", `CAVEAT=${caveat} appears twice`);
  });

  if (m.expires !== undefined) {
    const text = freeTextProblem(m.expires);
    if (text) issue("expires", "free-text", `EXPIRES ${text}`);
    else if (/[[\]]/.test(m.expires)) {
      issue("expires", "subject-bracket", `EXPIRES contains a bracket, which would end the subject marking`);
    } else if (/^\d{4}-/.test(m.expires) && !EXPIRES_DATE.test(m.expires)) {
      issue(
        "expires",
        "expires-date",
        `EXPIRES=${m.expires} looks like a date but is not YYYY-MM-DD[THH:MM:SS[.f][Z|±HH:MM]]`,
      );
    }
    if (m.downTo === undefined)
      issue("expires", "expires-needs-downto", "EXPIRES must be followed by DOWNTO");
  }
  if (m.downTo !== undefined) {
    if (m.expires === undefined)
      issue("downTo", "downto-needs-expires", "DOWNTO is only allowed after EXPIRES");
    const downRank = rank(m.downTo);
    if (downRank < 0) {
      issue(
        "downTo",
        "classification",
        `DOWNTO=${JSON.stringify(m.downTo)} is not ${EPMS_CLASSIFICATIONS.join(", ")}`,
      );
    } else if (secRank >= 0 && downRank >= secRank) {
      issue("downTo", "downto-lower", `DOWNTO=${m.downTo} must be lower than SEC=${m.sec}`);
    }
  }
  if (m.note !== undefined) {
    const text = freeTextProblem(m.note);
    if (text) issue("note", "free-text", `NOTE ${text}`);
  }

  if (issues.length === 0) {
    try {
      const length = renderEpmsHeader(m, options).length;
      if (length > EPMS_MAX_LENGTH) {
        issue(
          "",
          "max-length",
          `the protective marking is ${length} characters; the limit is ${EPMS_MAX_LENGTH}`,
        );
      }
    } catch (e) {
      // Only VER, NS or ORIGIN from `options` can still be unprintable here.
      issue("", "header-value", (e as Error).message);
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Documents

const DOCUMENT_SEC: Readonly<Record<EpmsClassification, string>> = {
  UNOFFICIAL: "UNOFFICIAL",
  OFFICIAL: "OFFICIAL",
  "OFFICIAL:Sensitive": "OFFICIAL: Sensitive",
  PROTECTED: "PROTECTED",
  SECRET: "SECRET",
  "TOP-SECRET": "TOP SECRET",
};

const DOCUMENT_ACCESS: Readonly<Record<EpmsAccess, string>> = {
  "Personal-Privacy": "PERSONAL PRIVACY",
  "Legal-Privilege": "LEGAL PRIVILEGE",
  "Legislative-Secrecy": "LEGISLATIVE SECRECY",
};

function documentCaveat(caveat: string): string {
  const colon = caveat.indexOf(":");
  if (colon < 0) return caveat;
  const type = caveat.slice(0, colon);
  const value = caveat.slice(colon + 1);
  if (type === "SH") {
    // Only the keyword's hyphen is a mail-syntax artefact; a name after EXCLUSIVE-FOR is kept as is.
    return value.replace(/^(DELICATE|NATIONAL|EXCLUSIVE|ACCOUNTABLE)-/, "$1 ");
  }
  return type === "RI" || type === "C" || type === "FG" ? value : caveat;
}

/**
 * The line for a document's header and footer (PSPF: centred, top and bottom): the classification
 * as written in documents, then caveats, then access markers, in the order the marking lists them,
 * joined by `//` — e.g. `OFFICIAL: Sensitive//LEGAL PRIVILEGE`, `SECRET//AUSTEO//CABINET`.
 */
export function renderDocumentMarking(m: ProtectiveMarking): string {
  const parts = [DOCUMENT_SEC[m.sec] ?? m.sec];
  for (const caveat of m.caveats ?? []) parts.push(documentCaveat(caveat));
  for (const access of m.access ?? []) parts.push(DOCUMENT_ACCESS[access] ?? access);
  return parts.join("//");
}
