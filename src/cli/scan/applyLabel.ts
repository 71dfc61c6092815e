/**
 * `labelbridge label` and `unlabel` for one file (Office or PDF): a person's explicit choice
 * (Privileged), decided by decideLabelChange like every other labeling path. The policy's answer
 * comes first (a change it blocks, such as a prevented downgrade, is refused before anything is
 * asked); then one command-line rule on top: replacing an existing label needs `--relabel`; then
 * `--justification`, only when the policy asks for one.
 */
import { lstatSync, realpathSync, statSync } from "node:fs";
import type { AuditEvent } from "../../core/audit";
import { type Justification, type LabelPlan, decideLabelChange, labelWriteOf } from "../../core/decide";
import type { LabelRecord } from "../../core/metadata";
import { type EffectivePolicy, LabelIndex } from "../../core/policy";
import { familyOf, fileTypeOf } from "../formats/fileType";
import type { AtomicFs } from "../ooxml/atomic";
import { describeError } from "../ooxml/errors";
import { openOfficeFile, officeLabels, writeOfficeLabel } from "../ooxml/officeFile";
import { tenantLabel } from "../ooxml/labels";
import type { LabelWriter } from "../protect/protectFile";
import { DEFAULT_CONTENT_LIMITS } from "./content";
import { type FsPath, displayPath, pathFromBytes } from "./fsPath";
import { pdfReadModule, pdfWriteModule } from "./onDemand";
import { type ScannerIdentity, currentForDecision, decisionContext } from "./policyUse";

export type LabelOutcome =
  | {
      status: "changed" | "would-change";
      path: string;
      from: string | null;
      to: string | null;
      location: string;
      /** When `path` is a symbolic link: the file that was labeled (the link stays a link). */
      target: string | null;
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

/**
 * The file a label is written to: a symbolic link's target, so the link stays a link. Files are
 * identified by device and inode, so the same file named twice (or through two links) is changed
 * once.
 */
export interface LabelTarget {
  /** As given (shown in the outcome). */
  path: string;
  /** The file itself. */
  file: FsPath;
  /** The link's target, when `path` is a symbolic link. */
  target: string | null;
  id: string;
}

export function labelTarget(given: FsPath): LabelTarget {
  const path = displayPath(given);
  const stats = statSync(given);
  const link = lstatSync(given).isSymbolicLink();
  const file = link ? pathFromBytes(realpathSync(given, { encoding: "buffer" })) : given;
  return { path, file, target: link ? displayPath(file) : null, id: `${stats.dev}:${stats.ino}` };
}

const isTarget = (given: FsPath | LabelTarget): given is LabelTarget =>
  typeof given !== "string" && !Buffer.isBuffer(given);

/** What a file name shows in an outcome, before the file is opened. */
export function shownPath(given: FsPath | LabelTarget): string {
  return isTarget(given) ? given.path : displayPath(given);
}

function refused(path: string, reason: string, message: string): LabelOutcome {
  return { status: "refused", path, reason, message };
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
  // The policy first: a change it blocks is refused before anything is asked of the user.
  const decision = decideLabelChange(
    policy,
    { kind: "file", current },
    { labelId: target, method: "Privileged", actionSource: "manual", justification: request.justification },
    decisionContext(path, who),
  );
  if (decision.outcome === "none")
    return { outcome: { status: "unchanged", path, message: decision.message } };
  if (decision.outcome === "block") return { outcome: refused(path, decision.reason, decision.message) };
  if (from !== null && target !== null && !request.relabel)
    return {
      outcome: refused(path, "relabel-required", `already labeled ${name(from)}; --relabel replaces it`),
    };
  if (decision.outcome === "justify")
    return {
      outcome: refused(
        path,
        "justification-required",
        `${target === null ? "removing" : "lowering"} ${name(from)}${target === null ? "" : ` to ${name(target)}`} needs --justification`,
      ),
    };
  const plan = decision.plan;
  if (plan.downgrade && !plan.justification && request.justification) {
    plan.justification = request.justification;
    plan.audit = { ...plan.audit, justification: { ...request.justification } };
  }
  return { plan, from, to: target };
}

function written(
  where: LabelTarget,
  request: LabelRequest,
  d: { plan: LabelPlan; from: string | null; to: string | null },
  outcome: { changed: boolean; target: string },
): LabelOutcome {
  const path = where.path;
  if (!outcome.changed) return { status: "unchanged", path, message: "the file already says so" };
  return {
    status: request.dryRun ? "would-change" : "changed",
    path,
    from: d.from,
    to: d.to,
    location: outcome.target,
    target: where.target,
    audit: request.dryRun
      ? null
      : { ...d.plan.audit, details: { path: where.target ?? path, location: outcome.target } },
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
  given: FsPath | LabelTarget,
  request: LabelRequest,
  policy: EffectivePolicy,
  who: ScannerIdentity,
  fsys?: AtomicFs,
  /** Writes the label; protectingWriter also encrypts (src/cli/protect/labelFlow.ts). */
  writer: LabelWriter = writeOfficeLabel,
): LabelOutcome {
  const shown = shownPath(given);
  const type = fileTypeOf(shown);
  if (!type || familyOf(type) !== "office")
    return { status: "failed", path: shown, code: "not-labelable", message: NOT_LABELABLE };
  let file;
  let where: LabelTarget;
  try {
    where = isTarget(given) ? given : labelTarget(given);
    file = openOfficeFile(where.file);
  } catch (err) {
    return failed(shown, err);
  }
  try {
    const labels = officeLabels(file);
    const d = decideChange(where.path, tenantLabel(labels, policy.siteId), request, policy, who);
    if ("outcome" in d) return d.outcome;
    const outcome = writer(file, labels, policy.siteId, labelWriteOf(d.plan), {
      storage: policy.labelStorage,
      dryRun: request.dryRun,
      fs: fsys,
    });
    return written(where, request, d, outcome);
  } catch (err) {
    return failed(where.path, err);
  } finally {
    file.close();
  }
}

/**
 * Any file's label: Office files as {@link changeFileLabel} does, PDFs in their information
 * dictionary and XMP packet (docs/pdf-labels.md).
 */
export async function changeLabel(
  given: FsPath | LabelTarget,
  request: LabelRequest,
  policy: EffectivePolicy,
  who: ScannerIdentity,
  fsys?: AtomicFs,
): Promise<LabelOutcome> {
  const shown = shownPath(given);
  const type = fileTypeOf(shown);
  if (type === null || familyOf(type) !== "pdf") return changeFileLabel(given, request, policy, who, fsys);
  try {
    const where = isTarget(given) ? given : labelTarget(given);
    const file = await pdfReadModule().openPdfFile(where.file, DEFAULT_CONTENT_LIMITS.maxPdfBytes);
    if (file.labelError) return { status: "failed", path: where.path, ...file.labelError };
    const record = file.labels.effective.find((r) => r.siteId === policy.siteId) ?? null;
    const d = decideChange(where.path, record, request, policy, who);
    if ("outcome" in d) return d.outcome;
    const outcome = await pdfWriteModule().writePdfLabel(file, policy.siteId, labelWriteOf(d.plan), {
      dryRun: request.dryRun,
      fs: fsys,
    });
    return written(where, request, d, outcome);
  } catch (err) {
    return failed(shown, err);
  }
}
