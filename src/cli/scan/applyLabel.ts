/**
 * `labelbridge label` and `unlabel` for one file (Office or PDF): a person's explicit choice (Privileged), decided by
 * decideLabelChange like every other labeling path, plus two command-line rules on top: replacing an
 * existing label needs `--relabel`, and lowering or removing one needs `--justification`, whatever
 * the policy's own justification setting.
 */
import type { AuditEvent } from "../../core/audit";
import { type Justification, type LabelPlan, decideLabelChange, labelWriteOf } from "../../core/decide";
import type { LabelRecord } from "../../core/metadata";
import { type EffectivePolicy, LabelIndex } from "../../core/policy";
import { familyOf, fileTypeOf } from "../formats/fileType";
import type { AtomicFs } from "../ooxml/atomic";
import { describeError } from "../ooxml/errors";
import { openOfficeFile, officeLabels, writeOfficeLabel } from "../ooxml/officeFile";
import { tenantLabel } from "../ooxml/labels";
import { DEFAULT_CONTENT_LIMITS } from "./content";
import { pdfReadModule, pdfWriteModule } from "./onDemand";
import type { LabelWriter } from "../protect/protectFile";
import { type ScannerIdentity, currentForDecision, decisionContext } from "./policyUse";

export type LabelOutcome =
  | {
      status: "changed" | "would-change";
      path: string;
      from: string | null;
      to: string | null;
      location: string;
      audit: AuditEvent | null;
    }
  | { status: "unchanged"; path: string; message: string }
  | { status: "refused"; path: string; reason: string; message: string }
  | { status: "failed"; path: string; code: string; message: string };

export interface LabelRequest {
  /** The label to apply; null removes our tenant's label. */
  labelId: string | null;
  relabel: boolean;
  justification: Justification | null;
  dryRun: boolean;
}

/** The outcome before any write, or the plan to write. */
type Decided = { outcome: LabelOutcome } | { plan: LabelPlan; from: string | null; to: string | null };

function decideChange(
  path: string,
  record: LabelRecord | null,
  request: LabelRequest,
  policy: EffectivePolicy,
  who: ScannerIdentity,
): Decided {
  const catalog = new LabelIndex(policy.catalog);
  const name = (id: string | null) => (id === null ? "no label" : `"${catalog.fullName(id)}"`);
  const current = currentForDecision(record);
  const from = current?.labelId ?? null;
  const target = request.labelId;
  if (from === target)
    return {
      outcome: {
        status: "unchanged",
        path,
        message: target === null ? "has no label" : `already labeled ${name(target)}`,
      },
    };
  if (from !== null && target !== null && !request.relabel)
    return {
      outcome: {
        status: "refused",
        path,
        reason: "relabel-required",
        message: `already labeled ${name(from)}; --relabel replaces it`,
      },
    };
  const lowering = target === null || catalog.isDowngrade(from, target);
  if (lowering && from !== null && !request.justification)
    return {
      outcome: {
        status: "refused",
        path,
        reason: "justification-required",
        message: `${target === null ? "removing" : "lowering"} ${name(from)}${target === null ? "" : ` to ${name(target)}`} needs --justification`,
      },
    };
  const ctx = decisionContext(path, who);
  const decision = decideLabelChange(
    policy,
    { kind: "file", current },
    { labelId: target, method: "Privileged", actionSource: "manual", justification: request.justification },
    ctx,
  );
  if (decision.outcome === "none")
    return { outcome: { status: "unchanged", path, message: decision.message } };
  if (decision.outcome !== "allow")
    return { outcome: { status: "refused", path, reason: decision.reason, message: decision.message } };
  const plan = decision.plan;
  if (plan.downgrade && !plan.justification && request.justification) {
    plan.justification = request.justification;
    plan.audit = { ...plan.audit, justification: { ...request.justification } };
  }
  return { plan, from, to: target };
}

function written(
  path: string,
  request: LabelRequest,
  d: { plan: LabelPlan; from: string | null; to: string | null },
  outcome: { changed: boolean; target: string },
): LabelOutcome {
  if (!outcome.changed) return { status: "unchanged", path, message: "the file already says so" };
  return {
    status: request.dryRun ? "would-change" : "changed",
    path,
    from: d.from,
    to: d.to,
    location: outcome.target,
    audit: request.dryRun ? null : { ...d.plan.audit, details: { path, location: outcome.target } },
  };
}

function failed(path: string, err: unknown): LabelOutcome {
  const e = describeError(err);
  return { status: "failed", path, code: e.code, message: e.message };
}

const NOT_LABELABLE =
  "only Word, Excel and PowerPoint files and PDFs (.docx .docm .xlsx .xlsm .pptx .pptm .pdf) carry a label";

/** An Office file's label (synchronous; {@link changeLabel} takes every labelable type). */
export function changeFileLabel(
  path: string,
  request: LabelRequest,
  policy: EffectivePolicy,
  who: ScannerIdentity,
  fsys?: AtomicFs,
  /** Writes the label; protectingWriter also encrypts (src/cli/protect/labelFlow.ts). */
  writer: LabelWriter = writeOfficeLabel,
): LabelOutcome {
  const type = fileTypeOf(path);
  if (!type || familyOf(type) !== "office")
    return { status: "failed", path, code: "not-labelable", message: NOT_LABELABLE };
  let file;
  try {
    file = openOfficeFile(path);
  } catch (err) {
    return failed(path, err);
  }
  try {
    const labels = officeLabels(file);
    const d = decideChange(path, tenantLabel(labels, policy.siteId), request, policy, who);
    if ("outcome" in d) return d.outcome;
    const outcome = writer(file, labels, policy.siteId, labelWriteOf(d.plan), {
      storage: policy.labelStorage,
      dryRun: request.dryRun,
      fs: fsys,
    });
    return written(path, request, d, outcome);
  } catch (err) {
    return failed(path, err);
  } finally {
    file.close();
  }
}

/**
 * Any file's label: Office files as {@link changeFileLabel} does, PDFs in their information
 * dictionary and XMP packet (docs/pdf-labels.md).
 */
export async function changeLabel(
  path: string,
  request: LabelRequest,
  policy: EffectivePolicy,
  who: ScannerIdentity,
  fsys?: AtomicFs,
): Promise<LabelOutcome> {
  const type = fileTypeOf(path);
  if (type === null || familyOf(type) !== "pdf") return changeFileLabel(path, request, policy, who, fsys);
  try {
    const file = await pdfReadModule().openPdfFile(path, DEFAULT_CONTENT_LIMITS.maxPdfBytes);
    if (file.labelError) return { status: "failed", path, ...file.labelError };
    const record = file.labels.effective.find((r) => r.siteId === policy.siteId) ?? null;
    const d = decideChange(path, record, request, policy, who);
    if ("outcome" in d) return d.outcome;
    const outcome = await pdfWriteModule().writePdfLabel(file, policy.siteId, labelWriteOf(d.plan), {
      dryRun: request.dryRun,
      fs: fsys,
    });
    return written(path, request, d, outcome);
  } catch (err) {
    return failed(path, err);
  }
}
