/**
 * `labelbridge label` and `unlabel` for one file: a person's explicit choice (Privileged), decided by
 * decideLabelChange like every other labeling path, plus two command-line rules on top: replacing an
 * existing label needs `--relabel`, and lowering or removing one needs `--justification`, whatever
 * the policy's own justification setting.
 */
import type { AuditEvent } from "../../core/audit";
import { type Justification, decideLabelChange, labelWriteOf } from "../../core/decide";
import { type EffectivePolicy, LabelIndex } from "../../core/policy";
import { canCarryLabel, fileTypeOf } from "../formats/fileType";
import type { AtomicFs } from "../ooxml/atomic";
import { describeError } from "../ooxml/errors";
import { openOfficeFile, officeLabels, writeOfficeLabel } from "../ooxml/officeFile";
import { tenantLabel } from "../ooxml/labels";
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
  if (!type || !canCarryLabel(type))
    return {
      status: "failed",
      path,
      code: "not-labelable",
      message: "only Word, Excel and PowerPoint files (.docx .docm .xlsx .xlsm .pptx .pptm) carry a label",
    };
  const catalog = new LabelIndex(policy.catalog);
  const name = (id: string | null) => (id === null ? "no label" : `"${catalog.fullName(id)}"`);
  let file;
  try {
    file = openOfficeFile(path);
  } catch (err) {
    const e = describeError(err);
    return { status: "failed", path, code: e.code, message: e.message };
  }
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
    if (from !== null && target !== null && !request.relabel)
      return {
        status: "refused",
        path,
        reason: "relabel-required",
        message: `already labeled ${name(from)}; --relabel replaces it`,
      };
    const lowering = target === null || catalog.isDowngrade(from, target);
    if (lowering && from !== null && !request.justification)
      return {
        status: "refused",
        path,
        reason: "justification-required",
        message: `${target === null ? "removing" : "lowering"} ${name(from)}${target === null ? "" : ` to ${name(target)}`} needs --justification`,
      };
    const ctx = decisionContext(path, who);
    const decision = decideLabelChange(
      policy,
      { kind: "file", current },
      { labelId: target, method: "Privileged", actionSource: "manual", justification: request.justification },
      ctx,
    );
    if (decision.outcome === "none") return { status: "unchanged", path, message: decision.message };
    if (decision.outcome !== "allow")
      return { status: "refused", path, reason: decision.reason, message: decision.message };
    const plan = decision.plan;
    if (plan.downgrade && !plan.justification && request.justification) {
      plan.justification = request.justification;
      plan.audit = { ...plan.audit, justification: { ...request.justification } };
    }
    const outcome = writer(file, labels, policy.siteId, labelWriteOf(plan), {
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
      audit: request.dryRun ? null : { ...plan.audit, details: { path, location: outcome.target } },
    };
  } catch (err) {
    const e = describeError(err);
    return { status: "failed", path, code: e.code, message: e.message };
  } finally {
    file.close();
  }
}
