/**
 * Rules of an Australian EPMS marking a label will write: validation (dependencies, formats,
 * lengths), the document marking line, and the selectors a sender may add to a label's marking.
 */
import {
  EPMS_ACCESS,
  EPMS_CLASSIFICATIONS,
  EPMS_FREE_TEXT_MAX,
  EPMS_MAX_LENGTH,
  PRINTABLE,
  epmsRank as rank,
  renderEpmsHeader,
  type EpmsAccess,
  type EpmsClassification,
  type EpmsHeaderOptions,
  type ProtectiveMarking,
} from "./epmsFields";
import type { MarkingIssue } from "./types";

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

// ---------------------------------------------------------------------------------------------
// Selectors: caveats and information management markers a sender adds to a label's marking

/** What a label lets the sender add to its marking (as JanusSEAL and Titus offer, several fields). */
export interface EpmsSelectable {
  selectableCaveats?: string[];
  selectableAccess?: EpmsAccess[];
}

export interface EpmsChoice {
  value: string;
  /** False when the label's classification does not allow it (the reason says why). */
  allowed: boolean;
  reason?: string;
}

function caveatRequirement(caveat: string): EpmsClassification {
  return caveat === "SH:NATIONAL-CABINET" ? "OFFICIAL:Sensitive" : "PROTECTED";
}

/** The caveat and IMM selectors of a label's marking, each said to be allowed or why not. */
export function epmsSelectors(m: ProtectiveMarking & EpmsSelectable): {
  caveats: EpmsChoice[];
  access: EpmsChoice[];
} {
  const secRank = rank(m.sec);
  const choice = (value: string, needs: EpmsClassification): EpmsChoice =>
    secRank >= rank(needs)
      ? { value, allowed: true }
      : { value, allowed: false, reason: `${value} needs ${needs} or higher, not ${m.sec}` };
  return {
    caveats: (m.selectableCaveats ?? []).map((c) => choice(c, caveatRequirement(c))),
    access: (m.selectableAccess ?? []).map((a) => choice(a, "OFFICIAL:Sensitive")),
  };
}

/**
 * The marking a send writes: the label's own caveats and markers plus what the sender selected,
 * in the label's order then the selection's, each once. A selection the label does not offer, or
 * that breaks a rule of the standard, is refused with the reason (nothing is dropped silently).
 */
export function selectEpmsMarking(
  m: ProtectiveMarking & EpmsSelectable,
  chosen: { caveats?: string[]; access?: EpmsAccess[] },
): { ok: true; marking: ProtectiveMarking } | { ok: false; issues: MarkingIssue[] } {
  const issues: MarkingIssue[] = [];
  const offered = epmsSelectors(m);
  const pick = <T extends string>(field: "caveats" | "access", values: readonly T[], from: EpmsChoice[]) =>
    values.forEach((v, i) => {
      const choice = from.find((c) => c.value === v);
      const path = `${field}[${i}]`;
      if (!choice)
        issues.push({ path, rule: "not-offered", message: `${path}: ${v} is not offered by this label` });
      else if (!choice.allowed)
        issues.push({ path, rule: "not-allowed", message: `${path}: ${choice.reason}` });
    });
  pick("caveats", chosen.caveats ?? [], offered.caveats);
  pick("access", chosen.access ?? [], offered.access);
  if (issues.length > 0) return { ok: false, issues };
  const union = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] => [
    ...new Set([...(a ?? []), ...(b ?? [])]),
  ];
  const marking: ProtectiveMarking = { sec: m.sec };
  const caveats = union(m.caveats, chosen.caveats);
  const access = union(m.access, chosen.access);
  if (caveats.length > 0) marking.caveats = caveats;
  if (access.length > 0) marking.access = access;
  for (const k of ["expires", "downTo", "note"] as const) if (m[k] !== undefined) marking[k] = m[k];
  const problems = validateProtectiveMarking(marking);
  return problems.length > 0 ? { ok: false, issues: problems } : { ok: true, marking };
}

/** A label's selectors, checked when the policy is saved: valid caveat forms and IMM names, no repeats. */
export function validateEpmsSelectable(m: EpmsSelectable, path = ""): MarkingIssue[] {
  const issues: MarkingIssue[] = [];
  const at = (rel: string) => (path === "" ? rel : `${path}.${rel}`);
  (m.selectableCaveats ?? []).forEach((c, i) => {
    const where = at(`selectableCaveats[${i}]`);
    const problem = freeTextProblem(c) ?? caveatProblem(c);
    if (problem)
      issues.push({
        path: where,
        rule: "caveat-format",
        message: `${where}: caveat ${JSON.stringify(c)}: ${problem}`,
      });
    if (m.selectableCaveats!.indexOf(c) !== i)
      issues.push({ path: where, rule: "duplicate", message: `${where}: ${c} is offered twice` });
  });
  (m.selectableAccess ?? []).forEach((a, i) => {
    const where = at(`selectableAccess[${i}]`);
    if (!EPMS_ACCESS.includes(a))
      issues.push({
        path: where,
        rule: "access-value",
        message: `${where}: ${JSON.stringify(a)} is not ${EPMS_ACCESS.join(", ")}`,
      });
    if (m.selectableAccess!.indexOf(a) !== i)
      issues.push({ path: where, rule: "duplicate", message: `${where}: ${a} is offered twice` });
  });
  return issues;
}
