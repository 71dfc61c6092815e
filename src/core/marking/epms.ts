/**
 * Australian Government Email Protective Marking Standard (EPMS, Release 2024): the
 * `X-Protective-Marking` header, the `[SEC=…]` subject marking and the document marking line.
 * docs/reference/protective-markings.md §1 is the reference; its ABNF wins over the spec's regex table.
 *
 * Emit strictly (ABNF order, printable ASCII, `,` and `\` escaped); read tolerantly (folding
 * whitespace, any field order, case-insensitive names and classifications, other namespaces,
 * older versions with `DLM=` and retired levels). Every scan is linear in the input.
 */
import {
  EPMS_ACCESS,
  EPMS_CLASSIFICATIONS,
  EpmsError,
  epmsLooseKey,
  epmsRank,
  renderEpmsSubjectSuffix,
  type EpmsAccess,
  type EpmsClassification,
  type EpmsHeader,
  type EpmsLegacy,
  type ParsedProtectiveMarking,
  type ProtectiveMarking,
} from "./epmsFields";
import { isNzNamespace } from "./nzTerms";

export * from "./epmsFields";
export * from "./epmsRules";

const rank = epmsRank;
const looseKey = epmsLooseKey;

// `@__PURE__` on the readers' tables: the minifier may drop them from bundles that only write
// markings (the Outlook event bundle's 40 KB budget).
const CURRENT_BY_KEY: ReadonlyMap<string, EpmsClassification> = /* @__PURE__ */ new Map(
  EPMS_CLASSIFICATIONS.map((c) => [looseKey(c), c]),
);

/**
 * Retired levels (EPMS 2012 and earlier) mapped to the current level at or above them, so an old
 * inbound marking is never handled more loosely than it asked for.
 */
const LEGACY_SEC: ReadonlyMap<string, EpmsClassification> = /* @__PURE__ */ new Map([
  ["UNCLASSIFIED", "OFFICIAL"],
  ["XINCONFIDENCE", "PROTECTED"],
  ["INCONFIDENCE", "PROTECTED"],
  ["RESTRICTED", "PROTECTED"],
  ["HIGHLYPROTECTED", "SECRET"],
  ["CONFIDENTIAL", "SECRET"],
]);

/** 2012 dissemination-limiting markers: all sensitive, some with today's ACCESS or CABINET. */
const LEGACY_DLM: ReadonlyMap<string, { sec: EpmsClassification; access?: EpmsAccess; caveat?: string }> =
  /* @__PURE__ */ new Map([
    ["FOROFFICIALUSEONLY", { sec: "OFFICIAL:Sensitive" }],
    ["SENSITIVE", { sec: "OFFICIAL:Sensitive" }],
    ["SENSITIVE:PERSONAL", { sec: "OFFICIAL:Sensitive", access: "Personal-Privacy" }],
    ["SENSITIVE:LEGAL", { sec: "OFFICIAL:Sensitive", access: "Legal-Privilege" }],
    ["SENSITIVE:CABINET", { sec: "PROTECTED", caveat: "SH:CABINET" }],
  ]);

const ACCESS_BY_KEY: ReadonlyMap<string, EpmsAccess> = /* @__PURE__ */ new Map(
  EPMS_ACCESS.map((a) => [looseKey(a), a]),
);

// ---------------------------------------------------------------------------------------------
// Parsing

/** A failure explains itself only when asked: a subject can hold thousands of blocks that fail. */
type Parsed<T> = { ok: true; value: T } | { ok: false; error: () => string };

interface RawFields {
  single: Map<string, string>;
  caveats: string[];
  access: string[];
}

const SINGLE_FIELDS = /* @__PURE__ */ new Set([
  "VER",
  "NS",
  "SEC",
  "EXPIRES",
  "DOWNTO",
  "NOTE",
  "ORIGIN",
  "DLM",
]);

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
  // IN-CONFIDENCE or RESTRICTED under NS=gov.nz are New Zealand levels, not retired Australian ones.
  const ns = fields.value.single.get("NS");
  if (ns !== undefined && isNzNamespace(ns))
    throw new EpmsError(
      `X-Protective-Marking ${preview(text.trim())}: NS=${ns} is a New Zealand marking (the nz-gov profile reads it), not an Australian one`,
    );
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
