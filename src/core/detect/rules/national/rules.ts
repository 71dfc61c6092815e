/**
 * The national identifiers of Australia, New Zealand, the UK, Canada and the largest EU states
 * (docs/info-types.md). Each is a bounded candidate regex, the boundary rules every number
 * follows, the identifier's own format and checksum, then keyword evidence: 95 when its keyword
 * labels the number, the Purview "high" level when the keyword is within the proximity window,
 * and — only for types whose checksum is strong enough for Purview to report them alone — a lower
 * level without any keyword.
 */
import { SIT_IDS } from "../../catalog";
import { forEachMatch, standsAlone } from "../../candidates";
import { compact } from "../../checksums";
import type { EvidenceMatcher } from "../../evidence";
import { LETTER_OR_DIGIT, withLeftBoundary } from "../../leftBoundary";
import { type Confidence, LABELLED } from "../../types";
import type { SitRule } from "../rule";
import * as k from "./keywords";
import * as v from "./validators";

export interface NationalSpec {
  sitId: string;
  /** Bounded, global; group 1 (when present) is the one separator used throughout. */
  candidate: RegExp;
  valid(compact: string): boolean;
  keywords: EvidenceMatcher;
  /** Keyword within the proximity window. */
  withKeyword: Confidence;
  /** No keyword at all; undefined: not reported (Purview requires the keyword). */
  alone?: Confidence;
}

const NOT_COMPACT = /[^0-9A-Z]/;

const bounded = (source: string): RegExp =>
  withLeftBoundary(new RegExp(`(?:${source})(?![0-9A-Za-z])`, "g"), LETTER_OR_DIGIT);

/** Finds the numbers that pass the format and checksum, whatever the evidence (Purview's Func_…). */
export function forEachValid(
  spec: NationalSpec,
  text: string,
  scanEnd: number,
  visit: (start: number, end: number) => boolean,
): void {
  forEachMatch(text, spec.candidate, 0, scanEnd, (m, start) => {
    const end = start + m[0].length;
    if (!standsAlone(text, start, end, m[1] || undefined)) return true;
    // Most candidates are already compact; compact() allocates, so only separated ones pay for it.
    const value = NOT_COMPACT.test(m[0]) ? compact(m[0]) : m[0];
    if (!spec.valid(value)) return true;
    return visit(start, end);
  });
}

export function nationalRule(spec: NationalSpec): SitRule {
  return {
    sitId: spec.sitId,
    candidatePattern: spec.candidate,
    scan(context, emit) {
      const keywords = context.evidence(spec.keywords);
      // A type reported only with its keyword has nothing to find in text without one (most text).
      if (spec.alone === undefined && !keywords.anywhere()) return;
      forEachValid(spec, context.text, context.scanEnd, (start, end) => {
        // near() first: its window holds the label's, so the evidence is searched front to back.
        const confidence = !keywords.near(start, end)
          ? spec.alone
          : keywords.labels(start, end)
            ? LABELLED
            : spec.withKeyword;
        return confidence === undefined || emit(start, end, confidence);
      });
    },
  };
}

export const NATIONAL_SPECS: readonly NationalSpec[] = [
  {
    sitId: SIT_IDS.auTaxFileNumber,
    candidate: bounded("[0-9]{3}([ -]?)[0-9]{3}\\1[0-9]{2,3}"),
    valid: v.isTfn,
    keywords: k.KEYWORD_AU_TFN,
    withKeyword: 85,
  },
  {
    sitId: SIT_IDS.auMedicare,
    candidate: bounded("[2-6][0-9]{3}( ?)[0-9]{5}\\1[0-9]{1,2}"),
    valid: v.isMedicare,
    keywords: k.KEYWORD_AU_MEDICARE,
    withKeyword: 85,
  },
  {
    sitId: SIT_IDS.auBusinessNumber,
    candidate: bounded("[1-9][0-9]( ?)[0-9]{3}\\1[0-9]{3}\\1[0-9]{3}"),
    valid: v.isAbn,
    keywords: k.KEYWORD_AU_ABN,
    withKeyword: 85,
    alone: 75,
  },
  {
    sitId: SIT_IDS.nzInlandRevenue,
    candidate: bounded("[0-9]{2,3}([ -]?)[0-9]{3}\\1[0-9]{3}"),
    valid: v.isIrd,
    keywords: k.KEYWORD_NZ_IRD,
    withKeyword: 85,
  },
  {
    sitId: SIT_IDS.nzHealthNumber,
    candidate: bounded("[A-HJ-NP-Z]{3} ?[0-9]{2}[0-9A-HJ-NP-Z]{2}"),
    valid: v.isNhi,
    keywords: k.KEYWORD_NZ_NHI,
    withKeyword: 85,
    alone: 75,
  },
  {
    sitId: SIT_IDS.ukNino,
    candidate: bounded("[A-Z]{2}([ -]?)[0-9]{2}\\1[0-9]{2}\\1[0-9]{2}\\1[A-D]"),
    valid: v.isNino,
    keywords: k.KEYWORD_UK_NINO,
    withKeyword: 85,
    alone: 75,
  },
  {
    sitId: SIT_IDS.ukNhsNumber,
    candidate: bounded("[0-9]{3}([ -]?)[0-9]{3}\\1[0-9]{4}"),
    valid: v.isNhs,
    keywords: k.KEYWORD_UK_NHS,
    withKeyword: 85,
  },
  {
    sitId: SIT_IDS.caSin,
    candidate: bounded("[0-9]{3}([ -]?)[0-9]{3}\\1[0-9]{3}"),
    valid: v.isSin,
    keywords: k.KEYWORD_CA_SIN,
    withKeyword: 85,
  },
  {
    sitId: SIT_IDS.deIdCard,
    candidate: bounded("[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}[0-9]?"),
    valid: v.isPersonalausweis,
    keywords: k.KEYWORD_DE_ID_CARD,
    withKeyword: 75,
  },
  {
    sitId: SIT_IDS.frInsee,
    candidate: bounded("[1-478] ?[0-9]{2} ?[0-9]{2} ?(?:[0-9]{2}|2[AB]) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}"),
    valid: v.isInsee,
    keywords: k.KEYWORD_FR_INSEE,
    withKeyword: 85,
    alone: 75,
  },
  {
    sitId: SIT_IDS.itFiscalCode,
    candidate: bounded(
      "[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]",
    ),
    valid: v.isCodiceFiscale,
    keywords: k.KEYWORD_IT_FISCAL_CODE,
    withKeyword: 85,
    alone: 75,
  },
  {
    sitId: SIT_IDS.esDni,
    candidate: bounded("(?:[0-9]{8}|[XYZ][0-9]{7})-?[A-Z]"),
    valid: v.isDniOrNie,
    keywords: k.KEYWORD_ES_DNI,
    withKeyword: 85,
    alone: 75,
  },
  {
    sitId: SIT_IDS.plPesel,
    candidate: bounded("[0-9]{11}"),
    valid: v.isPesel,
    keywords: k.KEYWORD_PL_PESEL,
    withKeyword: 85,
  },
  {
    sitId: SIT_IDS.nlBsn,
    candidate: bounded("[0-9]{4}([ .]?)[0-9]{2}\\1[0-9]{3}"),
    valid: v.isBsn,
    keywords: k.KEYWORD_NL_BSN,
    withKeyword: 85,
  },
];

export const NATIONAL_RULES: readonly SitRule[] = NATIONAL_SPECS.map(nationalRule);
