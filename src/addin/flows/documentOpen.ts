/**
 * Moment: a Word or Excel document is opened — for the OnDocumentOpened handler (events/document.ts)
 * and the task pane alike: the default label on a new or unlabeled document (method Standard), and
 * for mandatory labeling, "unlabeled-document" audited and the pane set to open with the document.
 * One function, so the pane cannot do less than the event where the event does not run (Mac,
 * sideloaded add-ins, older builds: OnDocumentOpened is not everywhere).
 */
import { decideDefaultLabel } from "../../core/decide/defaultLabel";
import { reconcileLabel } from "../../core/decide/labelState";
import { officeLabelGuard } from "../../core/decide/officeLabel";
import { eventAuditEvent } from "../../core/decide/plan";
import type { CurrentLabel, DefaultLabelDecision, ItemKind, LabelPlan } from "../../core/decide/types";
import type { AuditEvent } from "../../core/audit/event";
import type { EffectivePolicy } from "../../core/policy/effective";
import type { DocumentLabelingHost } from "../hosts/documentHost";
import type { HostWarning, LabelState } from "../hosts/types";
import { readLabel, recordAudit, type FlowDeps } from "./deps";
import { applyGuarded, ProtectionRefusedError, type ProtectionNotice } from "./protect";

/**
 * One `unlabeled-document` per document open. Two runtimes may see the same open: OnDocumentOpened
 * (a JavaScript-only runtime on Windows, a browser runtime on the web) and the task pane, which
 * opens with an unlabeled document and initialises again when a token is saved. On Windows they
 * share no storage: the JavaScript-only runtime has no localStorage or sessionStorage, and
 * OfficeRuntime.storage is shared only under a SharedRuntime, which this add-in does not use. What
 * every runtime of the add-in has is the document's own settings: saveAsync puts them into the open
 * document and refreshAsync reads what another runtime put there. So whoever records the event
 * leaves the time in UNLABELED_OPEN_SETTING (saved with the "open with the document" setting), and
 * the other looks there first.
 *
 * Office tells an add-in nothing about when a document was opened, so "the same open" is a time:
 * - OnDocumentOpened fires once per open, so it records, unless a pane recorded within
 *   EVENT_AFTER_PANE_MS — that pane got to this same open first;
 * - the pane records unless the open was recorded within SAME_OPEN_MS: by the event just before it,
 *   or by the pane itself before it was initialised again, or closed and opened again.
 * The setting reaches the file only if the person saves the still unlabeled document. A later open
 * of it counts at once where OnDocumentOpened runs, and after SAME_OPEN_MS where only the pane does
 * (Mac, sideloaded add-ins). Two runtimes deciding in the same instant can still both record.
 */
export const SAME_OPEN_MS = 8 * 60 * 60 * 1000;
export const EVENT_AFTER_PANE_MS = 2 * 60 * 1000;

/** Which runtime sees the open: the event handler, or the task pane. */
export type OpenSeenBy = "event" | "pane";

export interface DocumentOpenOutcome {
  /** The label as read when the document opened. */
  before: LabelState;
  /** The label after the default was applied (`before` when nothing was applied). */
  after: LabelState;
  /** The default label's plan, when one was applied. */
  applied: LabelPlan | null;
  /** Why the default was or was not applied (null where labeling is off); the pane's notice says it. */
  decision: DefaultLabelDecision | null;
  /**
   * Labeling is mandatory and the document has no label of ours (nor one a mapping gives it, nor
   * possibly one Office keeps where it could not be read): the pane shows its banner.
   */
  mandatoryMissing: boolean;
  /** Queued: label-applied (default), and unlabeled-document once per open (see SAME_OPEN_MS). */
  audit: AuditEvent[];
  warnings: HostWarning[];
  /** What the person must be told about the applied default label's protection. */
  protection: ProtectionNotice | null;
  /** The default label protects and cannot be applied here (audited): nothing was written. */
  refused: ProtectionRefusedError | null;
}

/** A refusal is an outcome of the open; any other failure reaches the caller. */
function refusedOnly(error: unknown): ProtectionRefusedError {
  if (error instanceof ProtectionRefusedError) return error;
  throw error;
}

/**
 * Office has no before-save event, so mandatory labeling is: the pane opens with the document
 * (AutoShowTaskpaneWithDocument, saved in it) until it is labeled, and the pane keeps a banner up.
 * Costs one read, plus one write when the default label goes on (Word and Excel).
 */
export async function openDocument(
  d: FlowDeps<DocumentLabelingHost>,
  seenBy: OpenSeenBy,
): Promise<DocumentOpenOutcome> {
  const { host, policy, ctx } = d;
  const label = await readLabel(host, policy);
  const before = label.state;
  const outcome: DocumentOpenOutcome = {
    before,
    after: before,
    applied: null,
    decision: null,
    mandatoryMissing: false,
    audit: [],
    warnings: [],
    protection: null,
    refused: null,
  };
  if (!policy.features.manualLabeling) return outcome;
  // A label Office keeps in LabelInfo, or may keep where it could not be read, gets no default over it.
  const guard = officeLabelGuard(before, policy, "automatic");
  const decision: DefaultLabelDecision = guard
    ? { outcome: "none", ...guard }
    : decideDefaultLabel(policy, { kind: "file", current: label.current }, ctx);
  outcome.decision = decision;
  if (decision.outcome === "apply") {
    const result = await applyGuarded(d, decision.plan).catch(refusedOnly);
    if (result instanceof ProtectionRefusedError) outcome.refused = result;
    else {
      outcome.protection = result.protection;
      outcome.applied = decision.plan;
      outcome.after = result.state ?? (await host.readLabel(policy.siteId));
      outcome.audit.push(decision.plan.audit);
      outcome.warnings.push(...result.warnings);
    }
  }
  outcome.mandatoryMissing =
    policy.settings.mandatoryDocuments &&
    reconcileLabel(outcome.after, policy).current === null &&
    guard?.reason !== "office-label-unknown";
  let recordedAt: number | undefined;
  if (outcome.mandatoryMissing && policy.settings.auditEnabled !== false) {
    const now = ctx.now.getTime();
    const last = await host.unlabeledOpenRecordedAt().catch(() => null);
    const sameOpen = seenBy === "event" ? EVENT_AFTER_PANE_MS : SAME_OPEN_MS;
    if (last === null || Math.abs(now - last) >= sameOpen) {
      outcome.audit.push(eventAuditEvent(ctx, "unlabeled-document", { reason: "mandatory-label-missing" }));
      recordedAt = now;
    }
  }
  try {
    // Changes the document only when a setting must change.
    await host.ensureOpensWithDocument(outcome.mandatoryMissing, recordedAt);
  } catch (error) {
    outcome.warnings.push({
      code: "open-with-document-not-saved",
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  await recordAudit(d, policy, outcome.audit);
  return outcome;
}

/**
 * After a label change in the pane: the pane opens with the document while labeling is mandatory
 * and it has no label, and stops once it has one.
 */
export async function keepPaneWithUnlabeled(
  ensure: ((on: boolean) => Promise<void>) | undefined,
  policy: EffectivePolicy,
  kind: ItemKind,
  current: CurrentLabel | null,
): Promise<void> {
  if (!ensure || kind !== "file") return;
  await ensure(policy.settings.mandatoryDocuments && current === null).catch(() => undefined);
}
