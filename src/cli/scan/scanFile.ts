/**
 * One file, start to finish: read its content and labels, decide, and in enforce mode write the
 * label atomically (Office files rewritten, PDFs updated incrementally). Never throws: whatever goes
 * wrong becomes the row's error and the run goes on. Runs inside a worker thread (see worker.ts) or
 * in-process; its inputs are plain data so that they cross the thread boundary unchanged.
 */
import { dirname } from "node:path";
import type { AuditEvent } from "../../core/audit";
import type { Justification, LabelPlan } from "../../core/decide";
import type { LabelRecord } from "../../core/metadata";
import type { EffectivePolicy } from "../../core/policy";
import { isDecodeLimit } from "../formats/budget";
import { canCarryLabel, familyOf, type FileType } from "../formats/fileType";
import type { PdfForScan } from "../pdf/scanLabels";
import type { ScanKeyServer } from "../protect/scanProtection";
import { isEncryptedFile } from "../protect/sniff";
import type { AtomicFs } from "../ooxml/atomic";
import { describeError } from "../ooxml/errors";
import {
  type ContentLimits,
  DEFAULT_CONTENT_LIMITS,
  type FileContent,
  type FoundLabels,
  locationOf,
  readFileContent,
} from "./content";
import type { ScanMode } from "./decision";
import { useCustomInfoTypes } from "./detectText";
import {
  decideModule,
  decisionModule,
  mappedModule,
  officeFileModule,
  pdfScanModule,
  pdfWriteModule,
  policyUseModule,
  protectionModule,
} from "./onDemand";
import type { ScannerIdentity } from "./policyUse";
import { type FsPath, asFsPath, displayPath } from "./fsPath";
import { type RowLabel, type ScanRow, emptyRow } from "./row";

export interface ScanSettings {
  mode: ScanMode;
  policy: EffectivePolicy | null;
  relabel: boolean;
  justification: Justification | null;
  treatRecommendedAsAutomatic: boolean;
  dryRun: boolean;
  limits: ContentLimits;
  identity: ScannerIdentity;
  /** --server: keys for protected files (read them; keep keys of files enforce encrypts). */
  protection?: ScanKeyServer | null;
}

export const DEFAULT_SCAN_SETTINGS: ScanSettings = {
  mode: "discover",
  policy: null,
  relabel: false,
  justification: null,
  treatRecommendedAsAutomatic: false,
  dryRun: false,
  limits: DEFAULT_CONTENT_LIMITS,
  identity: { name: "Labelbridge scanner", principalName: "labelbridge-scanner" },
};

export interface ScanJob {
  /** A Buffer when the name is not UTF-8 (it arrives in a worker as a Uint8Array). */
  path: FsPath | Uint8Array;
  size: number;
  type: FileType;
  /** Symbolic links that lead to the file (as shown). */
  links?: string[];
  /** Reached through a link but outside every scanned root: never labeled. */
  outsideRoots?: boolean;
  /**
   * The file's whole content, when the caller has just read it (a scanner node reads it for its
   * hash): a text file is scanned from it instead of being read a second time. In-process only.
   */
  bytes?: Uint8Array;
}

/** The row a job starts from: its path as shown, its links. */
export function jobRow(job: ScanJob): ScanRow {
  return { ...emptyRow(displayPath(job.path), job.size, job.type), links: [...(job.links ?? [])] };
}

function rowLabel(record: LabelRecord, labels: FoundLabels, policy: EffectivePolicy | null): RowLabel {
  const ours = policy !== null && record.siteId === policy.siteId;
  return {
    labelId: record.labelId,
    siteId: record.siteId,
    name: record.name,
    displayName: ours ? policyUseModule().fullLabelName(policy, record.labelId) : null,
    method: record.method,
    location: locationOf(record, labels),
    ours,
  };
}

function describeLabels(
  labels: FoundLabels | null,
  row: ScanRow,
  policy: EffectivePolicy | null,
): LabelRecord | null {
  if (!labels) return null;
  row.labels = labels.effective.map((r) => rowLabel(r, labels, policy));
  for (const d of labels.disagreements) {
    const info = d.labelInfo.removed || !d.labelInfo.enabled ? "a removal" : `label ${d.labelInfo.labelId}`;
    row.labelNotes.push(
      `tenant ${d.siteId}: LabelInfo.xml says ${info}, custom properties say label ${d.custom.labelId} (${d.custom.name ?? "no name"}); LabelInfo wins`,
    );
  }
  row.labelNotes.push(...labels.notes);
  if (labels.protectiveMarking)
    row.labelNotes.push(`X-Protective-Marking: SEC=${labels.protectiveMarking.sec}`);
  const ours = policy ? (labels.effective.find((r) => r.siteId === policy.siteId) ?? null) : null;
  row.currentLabel = policy ? (row.labels.find((l) => l.ours) ?? null) : (row.labels[0] ?? null);
  if (policy) {
    const properties = labels.office?.custom?.extra.properties ?? [];
    row.mapping = mappedModule().mappedLabelOf(labels.effective, properties, policy);
    const mapped = row.mapping?.mapped;
    if (mapped && mapped.via !== "own")
      row.labelNotes.push(
        `${row.mapping!.originalText} is mapped to "${mapped.displayName ?? mapped.labelId}"${mapped.mappingName ? ` by label mapping "${mapped.mappingName}"` : ""}`,
      );
  }
  return ours;
}

function scanResultEvent(row: ScanRow, settings: ScanSettings): AuditEvent | null {
  const policy = settings.policy;
  if (!policy) return null;
  const worthReporting =
    row.infoTypes.length > 0 || row.labels.length > 0 || row.error !== null || row.proposed !== null;
  if (!worthReporting) return null;
  const { decisionContext } = policyUseModule();
  const { eventAuditEvent } = decideModule();
  const ctx = decisionContext(row.path, settings.identity);
  const ours = row.currentLabel?.ours ? row.currentLabel : null;
  return eventAuditEvent(ctx, "scan-result", {
    labelId: ours?.labelId ?? null,
    method: ours?.method ?? null,
    actionSource: "scanner",
    reason: `scan-${row.action}`,
    details: {
      path: row.path,
      folder: dirname(row.path),
      size: row.size,
      type: row.type,
      mode: settings.mode,
      infoTypes: row.infoTypes,
      proposedLabelId: row.proposed?.labelId ?? null,
      action: row.action,
      ...(row.error ? { error: row.error } : {}),
    },
  });
}

/** Whether a write happened, for the row: the action, and the audit event of a real write. */
function recordWrite(
  row: ScanRow,
  outcome: { changed: boolean; target: string },
  plan: LabelPlan,
  settings: ScanSettings,
  protectedBy: "labelbridge" | null,
): void {
  if (!outcome.changed) row.action = "none";
  else if (settings.dryRun) row.action = "would-label";
  else
    row.audit.push({
      ...plan.audit,
      details: {
        path: row.path,
        folder: dirname(row.path),
        location: outcome.target,
        infoTypes: row.infoTypes,
        ...(protectedBy ? { protection: protectedBy } : {}),
      },
    });
}

/**
 * Writes the plan's label into an Office file or a PDF — encrypted too when the label protects with
 * Labelbridge; refused (with its audit event) when the label protects in a way this path cannot.
 */
async function writePlan(
  row: ScanRow,
  path: FsPath,
  settings: ScanSettings,
  content: FileContent,
  pdf: PdfForScan | null,
  plan: LabelPlan,
  fsys: AtomicFs | undefined,
): Promise<void> {
  const policy = settings.policy as EffectivePolicy;
  const prepared = await protectionModule().prepareScanWrite(
    policy,
    plan,
    settings.protection ?? null,
    path,
    settings.identity,
    settings.dryRun,
  );
  if (prepared.refused) {
    row.action = "refused";
    row.reason = prepared.message;
    row.audit.push(prepared.audit);
    return;
  }
  const write = decideModule().labelWriteOf(plan);
  let outcome: { changed: boolean; target: string };
  try {
    if (content.office && content.labels?.office)
      outcome = (prepared.writer ?? officeFileModule().writeOfficeLabel)(
        content.office,
        content.labels.office,
        policy.siteId,
        write,
        { storage: policy.labelStorage, dryRun: settings.dryRun, fs: fsys },
      );
    else if (pdf?.file)
      outcome = await pdfWriteModule().writePdfLabel(pdf.file, policy.siteId, write, {
        dryRun: settings.dryRun,
        fs: fsys,
      });
    else throw new Error("nothing to write the label into");
  } catch (err) {
    await prepared.settle(false);
    throw err;
  }
  const note = await prepared.settle(outcome.changed && !settings.dryRun);
  if (note) row.labelNotes.push(note);
  recordWrite(row, outcome, plan, settings, note ? "labelbridge" : null);
}

export async function scanFile(job: ScanJob, settings: ScanSettings, fsys?: AtomicFs): Promise<ScanRow> {
  const row = jobRow(job);
  const path = asFsPath(job.path);
  useCustomInfoTypes(settings.policy?.infoTypes ?? []);
  let content: FileContent | null = null;
  // A PDF's labels are read apart from its text: a PDF whose text is locked still shows its label.
  const pdf =
    familyOf(job.type) === "pdf"
      ? await pdfScanModule().readPdfForScan(path, settings.limits.maxPdfBytes)
      : null;
  // Without --server an encrypted file is read like any other and reported as encrypted.
  const keys = settings.protection ?? null;
  const encrypted = keys !== null && familyOf(job.type) === "office" && isEncryptedFile(path);
  try {
    if (encrypted && keys) {
      const found = await protectionModule().readProtectedContent(path, job.type, keys);
      row.labelNotes.push(found.keyNote);
      content = found;
    } else content = await readFileContent(path, job.type, settings.limits, job.bytes);
    if (pdf) Object.assign(content, { labels: pdf.labels, labelError: pdf.labelError });
    row.scannedChars = content.scannedChars;
    row.infoTypes = content.detections.map((d) => ({
      sitId: d.sitId,
      name: d.name,
      count: d.count,
      confidence: d.confidence,
    }));
    row.warnings.push(...content.warnings);
    if (content.capped)
      row.warnings.push("an information type reached the instance cap; its count is a lower bound");
    const ours = describeLabels(content.labels, row, settings.policy);

    if (content.labelError !== null) {
      row.error = content.labelError.message;
      row.errorCode = content.labelError.code;
      row.action = "error";
      row.reason = "the label metadata cannot be read, so no label is proposed or written";
    } else if (settings.policy) {
      const policy = settings.policy;
      const { currentForDecision, decisionContext } = policyUseModule();
      const { decideScan } = decisionModule();
      const ctx = decisionContext(row.path, settings.identity);
      // A mapped classification counts as the file's label: never replaced by a default or a lower label.
      const decision = decideScan(
        policy,
        currentForDecision(ours) ?? mappedModule().mappedForDecision(row.mapping),
        content.detections,
        ctx,
        {
          mode: settings.mode,
          relabel: settings.relabel,
          justification: settings.justification,
          treatRecommendedAsAutomatic: settings.treatRecommendedAsAutomatic,
        },
        canCarryLabel(job.type) && !pdf?.readOnly,
      );
      row.proposed = decision.proposed;
      row.reason = decision.reason;
      row.action = decision.action;
      if (decision.plan && job.outsideRoots && settings.mode === "enforce") {
        row.action = "error";
        row.errorCode = "outside-roots";
        row.error = `not labeled: reached through the symbolic link ${row.links.join(", ")}, but the file lies outside the scanned folders`;
      } else if (!decision.plan && settings.mode === "enforce" && ours && content.office && !encrypted) {
        const done = await protectionModule().protectExisting(policy, ours, keys, path, settings.dryRun);
        if (done) row.labelNotes.push(done.note);
        if (done?.protectedNow) row.action = "protected";
      } else if (decision.plan && encrypted) {
        row.action = "kept";
        row.reason = `${decision.reason}; the file is encrypted: its label changes after labelbridge unprotect`;
      } else if (decision.plan && ((content.office && content.labels?.office) || pdf?.file))
        await writePlan(row, path, settings, content, pdf, decision.plan, fsys);
    } else {
      row.action = "reported";
    }
  } catch (err) {
    const e = describeError(err);
    // A file refused by its decode budget was not read at all: say so first.
    row.error = isDecodeLimit(err) ? `skipped: ${e.message}` : e.message;
    row.errorCode = e.code;
    row.action = "error";
    if (row.labels.length === 0) describeLabels(pdf?.labels ?? null, row, settings.policy);
  } finally {
    content?.office?.close();
  }
  const event = scanResultEvent(row, settings);
  if (event) row.audit.unshift(event);
  return row;
}
