/**
 * A received mail's label, read from its headers (scenario 3, "a received mail shows its label"):
 * our tenant's label from `msip_labels` (and the legacy per-attribute headers), other tenants'
 * labels, and the other classification headers a reader should see — `X-Protective-Marking`
 * (Australian EPMS or New Zealand's, or a `[SEC=…]` subject when there is no header), legacy Exchange classifications, Titus, RFC 7444.
 */
import {
  decodeMailHeaderFields,
  parseHeaderBlock,
  readExchangeClassification,
  readSioLabel,
  readTitusMetadata,
  type HeaderField,
  type LabelRecord,
} from "../../core/metadata";
import { parseEpmsHeader, parseEpmsSubject, renderEpmsSubjectSuffix } from "../../core/marking/epms";
import { parseNzHeader, parseNzSubject, renderNzSubjectSuffix } from "../../core/marking/nz";
import { isNzNamespace } from "../../core/marking/nzTerms";
import type { MarkingProfile } from "../../core/policy/model";
import type { LabelState } from "./types";

export interface ReadModeLabel extends LabelState {
  /** Problems met while reading (a malformed header is reported, not fatal). */
  problems: string[];
}

function safe<T>(problems: string[], what: string, read: () => T, fallback: T): T {
  try {
    return read();
  } catch (error) {
    problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    return fallback;
  }
}

/**
 * The protective marking a reader should see: `X-Protective-Marking` read by its namespace (NS=gov.nz
 * or govt.nz: New Zealand's form; any other: Australian EPMS), or, without that header, the
 * subject's `[SEC=…]` read in the policy's profile — a subject names no namespace, and New
 * Zealand's IN-CONFIDENCE read as Australian would be the retired level mapped to PROTECTED.
 */
function readProtectiveMarking(
  fields: readonly HeaderField[],
  subject: string,
  markingProfile: MarkingProfile | undefined,
  problems: string[],
): { kind: string; text: string } | null {
  const pm = fields.find((f) => f.name.toLowerCase() === "x-protective-marking");
  if (pm) {
    const text = safe(problems, "X-Protective-Marking", () => headerText(pm.value), null);
    return text === null ? null : { kind: "X-Protective-Marking", text };
  }
  const text = safe(problems, "subject marking", () => subjectText(subject, markingProfile), null);
  return text === null ? null : { kind: "subject", text };
}

function headerText(value: string): string {
  const ns = /(?:^|,)\s*NS\s*=\s*([^,]*)/i.exec(value)?.[1]?.trim() ?? "";
  return isNzNamespace(ns)
    ? renderNzSubjectSuffix(parseNzHeader(value))
    : renderEpmsSubjectSuffix(parseEpmsHeader(value));
}

function subjectText(subject: string, markingProfile: MarkingProfile | undefined): string | null {
  if (markingProfile === "nz-gov") {
    const nz = parseNzSubject(subject);
    return nz && renderNzSubjectSuffix(nz);
  }
  const au = parseEpmsSubject(subject);
  return au && renderEpmsSubjectSuffix(au);
}

/** `rawHeaders` as `getAllInternetHeadersAsync` returns it; `subject` for the subject marking's form. */
export function readReceivedLabel(
  rawHeaders: string,
  subject: string,
  siteId: string,
  markingProfile?: MarkingProfile,
): ReadModeLabel {
  const problems: string[] = [];
  const fields = safe<HeaderField[]>(problems, "headers", () => parseHeaderBlock(rawHeaders), []);
  const records = safe<LabelRecord[]>(problems, "msip_labels", () => decodeMailHeaderFields(fields), []);
  const site = siteId.toLowerCase();
  const ours = records.find((r) => r.siteId === site && r.enabled) ?? null;
  const otherMarkings: Array<{ kind: string; text: string }> = [];

  const protective = readProtectiveMarking(fields, subject, markingProfile, problems);
  if (protective) otherMarkings.push(protective);
  const exchange = safe(problems, "Exchange classification", () => readExchangeClassification(fields), null);
  if (exchange && (exchange.classification || exchange.description))
    otherMarkings.push({
      kind: "X-Microsoft-Classification",
      text: [exchange.classification, exchange.description].filter(Boolean).join(" — "),
    });
  const titus = safe(problems, "Titus", () => readTitusMetadata(fields), []);
  if (titus.length > 0) otherMarkings.push({ kind: "Titus", text: titus.map((t) => t.name).join(", ") });
  const sio = safe(problems, "SIO-Label", () => readSioLabel(fields), null);
  if (sio?.marking) otherMarkings.push({ kind: "SIO-Label", text: sio.marking });

  return {
    current: ours ? { labelId: ours.labelId, method: ours.method } : null,
    records,
    source: ours ? "msip_labels" : "none",
    otherMarkings,
    problems,
  };
}
