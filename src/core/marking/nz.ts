/**
 * The `nz-gov` marking profile: New Zealand Government protective markings (PSR classification
 * system; docs/protective-markings-nz.md). Mail carries the marking in the subject as
 * `[SEC=<CLASSIFICATION>(, ENDORSEMENT=<endorsement>)*]`, and — an organisation-defined extension,
 * NZ publishes no header syntax — in `X-Protective-Marking` with the EPMS grammar and NS=gov.nz.
 * The SEEMail trigger tokens (`[IN-CONFIDENCE]`, `[SENSITIVE]`, `[RESTRICTED]`) are read too. Never
 * read as Australian: parseEpmsHeader refuses NS=gov.nz, and this reader refuses any other NS.
 */
import { stripSubjectMarking } from "./epms";
import {
  isNzNamespace,
  NZ_CLASSIFICATIONS,
  NZ_ENDORSEMENTS,
  NZ_NAMESPACE,
  type NzClassification,
} from "./nzTerms";
import type { MarkingIssue } from "./types";

export interface NzMarking {
  classification: NzClassification;
  endorsements?: string[];
}

export type NzHeader = NzMarking & { ver: string; ns: string; origin?: string };

export interface NzHeaderOptions {
  /** `VER=` of our header extension. */
  version?: string;
  origin?: string;
  ns?: string;
}

export class NzMarkingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NzMarkingError";
  }
}

export const NZ_HEADER_VERSION = "1";
const PRINTABLE = /^[\x20-\x7e]+$/;
const RANK = new Map<string, number>(NZ_CLASSIFICATIONS.map((c, i) => [c, i]));
// `@__PURE__`: a bundle that only writes markings leaves the reader's table out.
const BY_KEY = /* @__PURE__ */ new Map<string, NzClassification>(NZ_CLASSIFICATIONS.map((c) => [key(c), c]));

/** "in confidence", "In-Confidence", "TOP-SECRET" all name one level. */
function key(s: string): string {
  return s.toUpperCase().replace(/[\s-]+/g, "");
}

export function nzClassification(text: string): NzClassification | undefined {
  return BY_KEY.get(key(text));
}

function value(field: string, v: string): string {
  if (!PRINTABLE.test(v))
    throw new NzMarkingError(`${field}=${JSON.stringify(v)}: only printable ASCII may appear in a marking`);
  if (/[,\\[\]]/.test(v))
    throw new NzMarkingError(`${field}=${JSON.stringify(v)}: commas, backslashes and brackets cannot appear`);
  return v;
}

function fields(m: NzMarking): string[] {
  if (!RANK.has(m.classification))
    throw new NzMarkingError(
      `SEC=${JSON.stringify(m.classification)} is not ${NZ_CLASSIFICATIONS.join(", ")}`,
    );
  return [
    `SEC=${m.classification}`,
    ...(m.endorsements ?? []).map((e) => `ENDORSEMENT=${value("ENDORSEMENT", e)}`),
  ];
}

export function renderNzSubjectSuffix(m: NzMarking): string {
  return `[${fields(m).join(", ")}]`;
}

export function renderNzHeader(m: NzMarking, options: NzHeaderOptions = {}): string {
  const parts = [
    `VER=${options.version ?? NZ_HEADER_VERSION}`,
    `NS=${options.ns ?? NZ_NAMESPACE}`,
    ...fields(m),
  ];
  if (options.origin !== undefined) parts.push(`ORIGIN=${value("ORIGIN", options.origin)}`);
  return parts.join(", ");
}

/** The line for the body's first line and documents' headers and footers: SENSITIVE // MEDICAL. */
export function renderNzBanner(m: NzMarking): string {
  return [m.classification, ...(m.endorsements ?? [])].join(" // ");
}

interface Read {
  marking: NzMarking;
  single: Map<string, string>;
}

function readFields(text: string): Read | string {
  const single = new Map<string, string>();
  const endorsements: string[] = [];
  for (const part of text.split(",")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq < 0) return `${JSON.stringify(part.trim())} is not FIELD=value`;
    const name = part.slice(0, eq).trim().toUpperCase();
    const v = part.slice(eq + 1).trim();
    if (name === "ENDORSEMENT") endorsements.push(v);
    else if (single.has(name)) return `${name} appears more than once`;
    else single.set(name, v);
  }
  const sec = single.get("SEC");
  if (sec === undefined) return "there is no SEC field";
  const classification = nzClassification(sec);
  if (!classification) return `SEC=${JSON.stringify(sec)} is not a New Zealand classification`;
  const marking: NzMarking = { classification };
  if (endorsements.length > 0) marking.endorsements = endorsements;
  return { marking, single };
}

/** Reads an NZ `X-Protective-Marking`; throws NzMarkingError for any other namespace or a bad value. */
export function parseNzHeader(header: string): NzHeader {
  const text = header.replace(/[\r\n]/g, "").replace(/^\s*X-Protective-Marking\s*:/i, "");
  // The namespace first: an Australian marking is refused as such, whatever its level.
  const ns = (/(?:^|,)\s*NS\s*=\s*([^,]*)/i.exec(text)?.[1] ?? "").trim();
  if (!isNzNamespace(ns))
    throw new NzMarkingError(
      `X-Protective-Marking: NS=${ns || "(none)"} is not a New Zealand namespace (gov.nz or govt.nz)`,
    );
  const read = readFields(text);
  if (typeof read === "string") throw new NzMarkingError(`X-Protective-Marking: ${read}`);
  const out: NzHeader = { ...read.marking, ver: read.single.get("VER") ?? "", ns: ns.toLowerCase() };
  const origin = read.single.get("ORIGIN");
  if (origin !== undefined) out.origin = origin;
  return out;
}

const SEEMAIL_TOKENS = new Map<string, NzClassification>([
  ["INCONFIDENCE", "IN-CONFIDENCE"],
  ["SENSITIVE", "SENSITIVE"],
  ["RESTRICTED", "RESTRICTED"],
]);

/** The subject's marking: the leftmost `[SEC=…]` block with an NZ level, else a SEEMail token; or null. */
export function parseNzSubject(subject: string): NzMarking | null {
  const blocks = /\[([^\]\n]*)\]/g;
  let token: NzMarking | null = null;
  for (let m = blocks.exec(subject); m !== null; m = blocks.exec(subject)) {
    const inner = m[1];
    if (/^\s*SEC\s*=/i.test(inner)) {
      const read = readFields(inner);
      if (typeof read !== "string") return read.marking;
    } else if (token === null) {
      const level = SEEMAIL_TOKENS.get(key(inner));
      if (level) token = { classification: level };
    }
  }
  return token;
}

/** The subject without SEEMail trigger tokens (and the space before each): a `[SEC=…]` block replaces them. */
function stripSeemailTokens(subject: string): string {
  return subject.replace(/\s*\[([^\]\n]*)\]/g, (block, inner: string) =>
    SEEMAIL_TOKENS.has(key(inner)) ? "" : block,
  );
}

/**
 * The subject with every marking removed — `[SEC=…]` blocks and SEEMail tokens — and `m` appended
 * (null: removed only), so it carries exactly one.
 */
export function applyNzSubjectMarking(subject: string, m: NzMarking | null): string {
  const rest = stripSubjectMarking(stripSeemailTokens(subject)).trim();
  if (m === null) return rest;
  const suffix = renderNzSubjectSuffix(m);
  return rest === "" ? suffix : `${rest} ${suffix}`;
}

/**
 * A label's NZ marking: a known classification; endorsements from the policy-and-privacy list at
 * IN-CONFIDENCE and SENSITIVE, free text (accountable material, releasability) from RESTRICTED up.
 */
export function validateNzMarking(m: NzMarking, path = ""): MarkingIssue[] {
  const issues: MarkingIssue[] = [];
  const at = (rel: string) => (path === "" ? rel : `${path}.${rel}`);
  const rank = RANK.get(m.classification);
  if (rank === undefined)
    issues.push({
      path: at("classification"),
      rule: "classification",
      message: `${at("classification")}: ${JSON.stringify(m.classification)} is not ${NZ_CLASSIFICATIONS.join(", ")}`,
    });
  (m.endorsements ?? []).forEach((e, i) => {
    const where = at(`endorsements[${i}]`);
    try {
      value("ENDORSEMENT", e);
    } catch (error) {
      issues.push({
        path: where,
        rule: "endorsement-text",
        message: `${where}: ${(error as Error).message}`,
      });
      return;
    }
    if (rank !== undefined && rank === 0)
      issues.push({
        path: where,
        rule: "endorsement-needs-classification",
        message: `${where}: UNCLASSIFIED carries no endorsement`,
      });
    else if (rank !== undefined && rank <= 2 && !(NZ_ENDORSEMENTS as readonly string[]).includes(e))
      issues.push({
        path: where,
        rule: "endorsement-value",
        message: `${where}: ${JSON.stringify(e)} is not one of ${NZ_ENDORSEMENTS.join(", ")}`,
      });
  });
  return issues;
}
