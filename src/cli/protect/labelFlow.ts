/**
 * `labelbridge label` with protection: decideProtection says whether the target label may be applied
 * here. A Purview-protected label is refused (with a label-refused audit event); a Labelbridge-
 * protected one gets a fresh key, kept by the server first, then the file is labeled and encrypted in
 * one atomic write (protectingWriter). A key whose file was not written is withdrawn.
 */
import { randomUUID } from "node:crypto";
import { basename } from "node:path";
import type { AuditEvent } from "../../core/audit";
import { decideProtection, eventAuditEvent, type ProtectionAbilities } from "../../core/decide";
import type { EffectivePolicy } from "../../core/policy";
import type { AtomicFs } from "../ooxml/atomic";
import { describeError } from "../ooxml/errors";
import { tenantLabel } from "../ooxml/labels";
import { officeLabels, openOfficeFile } from "../ooxml/officeFile";
import { familyOf, fileTypeOf } from "../formats/fileType";
import {
  type LabelOutcome,
  type LabelRequest,
  type LabelTarget,
  changeFileLabel,
  changeLabel,
  labelTarget,
  shownPath,
} from "../scan/applyLabel";
import type { FsPath } from "../scan/fsPath";
import { type ScannerIdentity, decisionContext, fullLabelName } from "../scan/policyUse";
import { newFileKey } from "./agile";
import { isEncryptedFile } from "./sniff";
import { type KeyServer, discardKey, escrowKey } from "./keyClient";
import { type ProtectKey, protectingWriter } from "./protectFile";

export type ProtectedLabelOutcome = LabelOutcome & {
  /** Set when the file was (or would be) encrypted with Labelbridge protection. */
  protectedBy?: "labelbridge";
  keyId?: string;
  /** The label-refused event of a refusal, for --upload. */
  refusalAudit?: AuditEvent;
};

export interface ProtectionSetup {
  /** The key server; null without --server. */
  keys: KeyServer | null;
  pathName: string;
}

export const NO_SERVER_REASON = "it needs --server URL: the file's key is kept by the Labelbridge server";

export const PDF_REASON = "Labelbridge encrypts Word, Excel and PowerPoint files, not PDFs";

export function abilitiesFor(setup: ProtectionSetup, path?: string): ProtectionAbilities {
  const type = path === undefined ? null : fileTypeOf(path);
  const pdf = type !== null && familyOf(type) === "pdf";
  return {
    item: "file",
    purviewLabel: false,
    labelbridgeEncryption: setup.keys !== null && !pdf,
    labelbridgeUnavailableBecause: pdf ? PDF_REASON : setup.keys ? undefined : NO_SERVER_REASON,
    pathName: setup.pathName,
  };
}

/** Encrypts a file that already carries `labelId` but is not encrypted yet; null if it does not. */
export function protectInPlace(
  where: LabelTarget,
  labelId: string,
  policy: EffectivePolicy,
  key: ProtectKey,
  fsys?: AtomicFs,
): LabelOutcome | null {
  const file = openOfficeFile(where.file);
  try {
    const labels = officeLabels(file);
    const record = tenantLabel(labels, policy.siteId);
    if (!record || record.labelId !== labelId) return null;
    const label = policy.labels.find((l) => l.id === labelId);
    const outcome = protectingWriter(key)(
      file,
      labels,
      policy.siteId,
      {
        labelId,
        siteId: policy.siteId,
        method: record.method ?? "Privileged",
        name: record.name ?? label?.name ?? labelId,
        contentBits: record.contentBits ?? 0,
        setDate: record.setDate ?? new Date(),
        actionId: randomUUID(),
      },
      { storage: policy.labelStorage, fs: fsys },
    );
    return {
      status: "changed",
      path: where.path,
      from: labelId,
      to: labelId,
      location: outcome.target,
      target: where.target,
      audit: null,
    };
  } finally {
    file.close();
  }
}

export async function changeLabelProtected(
  given: FsPath | LabelTarget,
  request: LabelRequest,
  policy: EffectivePolicy,
  who: ScannerIdentity,
  setup: ProtectionSetup,
  fsys?: AtomicFs,
): Promise<ProtectedLabelOutcome> {
  const path = shownPath(given);
  let where: LabelTarget;
  try {
    where = typeof given === "string" || Buffer.isBuffer(given) ? labelTarget(given) : given;
  } catch {
    return changeLabel(given, request, policy, who, fsys); // reports why the file cannot be read
  }
  if (isEncryptedFile(where.file))
    return {
      status: "failed",
      path,
      code: "protected",
      message: "the file is encrypted; `labelbridge unprotect` it first, then change its label",
    };
  const target = request.labelId;
  const label = target === null ? undefined : policy.labels.find((l) => l.id === target);
  if (target === null || !label) return changeLabel(where, request, policy, who, fsys);
  const decision = decideProtection(
    label,
    abilitiesFor(setup, path),
    fullLabelName(policy, target) ?? label.displayName,
  );
  if (decision.outcome === "refuse")
    return {
      status: "refused",
      path,
      reason: decision.reason,
      message: decision.message,
      refusalAudit: eventAuditEvent(decisionContext(path, who), "label-refused", {
        labelId: target,
        reason: decision.reason,
        details: { path },
      }),
    };
  if (decision.outcome === "apply" || request.dryRun) {
    const o = await changeLabel(where, request, policy, who, fsys);
    return decision.outcome === "apply" || o.status !== "would-change"
      ? o
      : { ...o, protectedBy: "labelbridge" };
  }
  const key = newFileKey();
  try {
    await escrowKey(setup.keys as KeyServer, {
      keyId: key.keyId,
      labelId: target,
      password: key.password,
      itemName: basename(where.target ?? path),
    });
  } catch (err) {
    const e = describeError(err);
    return {
      status: "failed",
      path,
      code: e.code,
      message: `the server did not keep the file's key, so nothing was written: ${e.message}`,
    };
  }
  let outcome: LabelOutcome = changeFileLabel(where, request, policy, who, fsys, protectingWriter(key));
  if (outcome.status === "unchanged") {
    try {
      outcome = protectInPlace(where, target, policy, key, fsys) ?? outcome;
    } catch (err) {
      const e = describeError(err);
      outcome = { status: "failed", path, code: e.code, message: e.message };
    }
  }
  if (outcome.status !== "changed") {
    await discardKey(setup.keys as KeyServer, key.keyId);
    return outcome;
  }
  const audit = outcome.audit
    ? { ...outcome.audit, details: { ...outcome.audit.details, protection: "labelbridge", keyId: key.keyId } }
    : null;
  return { ...outcome, audit, protectedBy: "labelbridge", keyId: key.keyId };
}
