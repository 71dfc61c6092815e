/**
 * `labelbridge label` and `unlabel` for one file: a person's explicit choice (Privileged), decided by
 * decideLabelChange like every other labeling path. The policy's answer comes first (a change it
 * blocks, such as a prevented downgrade, is refused before anything is asked); then one command-line
 * rule on top: replacing an existing label needs `--relabel`; then `--justification`, only when the
 * policy asks for one.
 */
import type { AuditEvent } from "../../core/audit";
import { type Justification, decideLabelChange, labelWriteOf } from "../../core/decide";
import { type EffectivePolicy, LabelIndex } from "../../core/policy";
import { canCarryLabel, fileTypeOf } from "../formats/fileType";
import type { AtomicFs } from "../ooxml/atomic";
import { describeError } from "../ooxml/errors";
import { openOfficeFile, officeLabels, writeOfficeLabel } from "../ooxml/officeFile";
import { tenantLabel } from "../ooxml/labels";
import { lstatSync, realpathSync, statSync } from "node:fs";
import { type FsPath, displayPath, pathFromBytes } from "./fsPath";
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

function refused(path: string, reason: string, message: string): LabelOutcome {
  return { status: "refused", path, reason, message };
}

export function changeFileLabel(
  given: FsPath | LabelTarget,
  request: LabelRequest,
  policy: EffectivePolicy,
  who: ScannerIdentity,
  fsys?: AtomicFs,
): LabelOutcome {
  const shown = typeof given === "string" || Buffer.isBuffer(given) ? displayPath(given) : given.path;
  const type = fileTypeOf(shown);
  if (!type || !canCarryLabel(type))
    return {
      status: "failed",
      path: shown,
      code: "not-labelable",
      message: "only Word, Excel and PowerPoint files (.docx .docm .xlsx .xlsm .pptx .pptm) carry a label",
    };
  const catalog = new LabelIndex(policy.catalog);
  const name = (id: string | null) => (id === null ? "no label" : `"${catalog.fullName(id)}"`);
  let file;
  let where: LabelTarget;
  try {
    where = typeof given === "string" || Buffer.isBuffer(given) ? labelTarget(given) : given;
    file = openOfficeFile(where.file);
  } catch (err) {
    const e = describeError(err);
    return { status: "failed", path: shown, code: e.code, message: e.message };
  }
  const path = where.path;
  try {
    const labels = officeLabels(file);
    const record = tenantLabel(labels, policy.siteId);
    const current = currentForDecision(record);
    const from = current?.labelId ?? null;
    const target = request.labelId;
    if (from === target)
      return {
        status: "unchanged",
        path,
        message: target === null ? "has no label" : `already labeled ${name(target)}`,
      };
    // The policy first: a change it blocks is refused before anything is asked of the user.
    const ctx = decisionContext(path, who);
    const decision = decideLabelChange(
      policy,
      { kind: "file", current },
      { labelId: target, method: "Privileged", actionSource: "manual", justification: request.justification },
      ctx,
    );
    if (decision.outcome === "none") return { status: "unchanged", path, message: decision.message };
    if (decision.outcome === "block") return refused(path, decision.reason, decision.message);
    if (from !== null && target !== null && !request.relabel)
      return refused(path, "relabel-required", `already labeled ${name(from)}; --relabel replaces it`);
    if (decision.outcome === "justify")
      return refused(
        path,
        "justification-required",
        `${target === null ? "removing" : "lowering"} ${name(from)}${target === null ? "" : ` to ${name(target)}`} needs --justification`,
      );
    const plan = decision.plan;
    if (plan.downgrade && !plan.justification && request.justification) {
      plan.justification = request.justification;
      plan.audit = { ...plan.audit, justification: { ...request.justification } };
    }
    const outcome = writeOfficeLabel(file, labels, policy.siteId, labelWriteOf(plan), {
      storage: policy.labelStorage,
      dryRun: request.dryRun,
      fs: fsys,
    });
    if (!outcome.changed) return { status: "unchanged", path, message: "the file already says so" };
    return {
      status: request.dryRun ? "would-change" : "changed",
      path,
      from,
      to: target,
      location: outcome.target,
      target: where.target,
      audit: request.dryRun
        ? null
        : { ...plan.audit, details: { path: where.target ?? path, location: outcome.target } },
    };
  } catch (err) {
    const e = describeError(err);
    return { status: "failed", path, code: e.code, message: e.message };
  } finally {
    file.close();
  }
}
