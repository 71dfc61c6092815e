/**
 * A received mail's label, read from its headers (scenario 3, "a received mail shows its label"):
 * our tenant's label from `msip_labels` (and the legacy per-attribute headers), other tenants'
 * labels, and the other classification headers a reader should see — EPMS `X-Protective-Marking`
 * (or a `[SEC=…]` subject when there is no header), legacy Exchange classifications, Titus, RFC 7444.
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

/** `rawHeaders` as `getAllInternetHeadersAsync` returns it; `subject` for the EPMS subject form. */
export function readReceivedLabel(rawHeaders: string, subject: string, siteId: string): ReadModeLabel {
  const problems: string[] = [];
  const fields = safe<HeaderField[]>(problems, "headers", () => parseHeaderBlock(rawHeaders), []);
  const records = safe<LabelRecord[]>(problems, "msip_labels", () => decodeMailHeaderFields(fields), []);
  const site = siteId.toLowerCase();
  const ours = records.find((r) => r.siteId === site && r.enabled) ?? null;
  const otherMarkings: Array<{ kind: string; text: string }> = [];

  const pm = fields.find((f) => f.name.toLowerCase() === "x-protective-marking");
  if (pm) {
    const header = safe(problems, "X-Protective-Marking", () => parseEpmsHeader(pm.value), null);
    if (header) otherMarkings.push({ kind: "X-Protective-Marking", text: renderEpmsSubjectSuffix(header) });
  } else {
    const fromSubject = safe(problems, "subject marking", () => parseEpmsSubject(subject), null);
    if (fromSubject) otherMarkings.push({ kind: "subject", text: renderEpmsSubjectSuffix(fromSubject) });
  }
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
