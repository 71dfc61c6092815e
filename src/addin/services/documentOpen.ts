/**
 * What opening a Word or Excel document means, for the OnDocumentOpened handler (events/document.ts)
 * and the task pane alike: the default label on a new or unlabeled document (method Standard), and
 * for mandatory labeling, "unlabeled-document" audited and the pane set to open with the document.
 * One function, so the pane cannot do less than the event where the event does not run (Mac,
 * sideloaded add-ins, older builds: OnDocumentOpened is not everywhere).
 */
import { decideDefaultLabel } from "../../core/decide/defaultLabel";
import { eventAuditEvent } from "../../core/decide/plan";
import type { DecisionContext, DefaultLabelDecision, LabelPlan } from "../../core/decide/types";
import type { AuditEvent } from "../../core/audit/event";
import type { EffectivePolicy } from "../../core/policy/effective";
import type { DocumentLabelingHost } from "../hosts/documentHost";
import type { HostWarning, LabelState } from "../hosts/types";

export interface DocumentOpenOutcome {
  /** The label as read when the document opened. */
  before: LabelState;
  /** The label after the default was applied (`before` when nothing was applied). */
  after: LabelState;
  /** The default label's plan, when one was applied. */
  applied: LabelPlan | null;
  /** Why the default was or was not applied (null where labeling is off); the pane's notice says it. */
  decision: DefaultLabelDecision | null;
  /** Labeling is mandatory and the document has no label of ours: the pane shows its banner. */
  mandatoryMissing: boolean;
  /** To queue: label-applied (default) or unlabeled-document. */
  audit: AuditEvent[];
  warnings: HostWarning[];
}

/**
 * Office has no before-save event, so mandatory labeling is: the pane opens with the document
 * (AutoShowTaskpaneWithDocument, saved in it) until it is labeled, and the pane keeps a banner up.
 * Costs one read, plus one write when the default label goes on (Word and Excel).
 */
export async function openDocument(
  host: DocumentLabelingHost,
  policy: EffectivePolicy,
  ctx: DecisionContext,
): Promise<DocumentOpenOutcome> {
  const before = await host.readLabel(policy.siteId);
  const outcome: DocumentOpenOutcome = {
    before,
    after: before,
    applied: null,
    decision: null,
    mandatoryMissing: false,
    audit: [],
    warnings: [],
  };
  if (!policy.features.manualLabeling) return outcome;
  const decision = decideDefaultLabel(policy, { kind: "file", current: before.current }, ctx);
  outcome.decision = decision;
  if (decision.outcome === "apply") {
    const result = await host.applyPlan(decision.plan, policy);
    outcome.applied = decision.plan;
    outcome.after = result.state ?? (await host.readLabel(policy.siteId));
    outcome.audit.push(decision.plan.audit);
    outcome.warnings.push(...result.warnings);
  }
  outcome.mandatoryMissing = policy.settings.mandatoryDocuments && outcome.after.current === null;
  if (outcome.mandatoryMissing) {
    outcome.audit.push(eventAuditEvent(ctx, "unlabeled-document", { reason: "mandatory-label-missing" }));
  }
  try {
    // Changes the document only when the setting must flip.
    await host.ensureOpensWithDocument(outcome.mandatoryMissing);
  } catch (error) {
    outcome.warnings.push({
      code: "open-with-document-not-saved",
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  return outcome;
}
