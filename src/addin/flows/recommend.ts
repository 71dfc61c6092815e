/**
 * Moment: the detectors read the item (the pane opens, the person comes back to it) and a label's
 * condition matches — recommended to the person, or applied automatically (Standard). And the
 * person dismissing a recommendation, which send then does not ask again.
 */
import { officeLabelGuard } from "../../core/decide/officeLabel";
import { eventAuditEvent } from "../../core/decide/plan";
import { decideRecommendation } from "../../core/decide/recommend";
import type { CurrentLabel, Recommendation, RecommendationDecision } from "../../core/decide/types";
import { detectSensitiveInfo } from "../../core/detect/detect";
import { detectOptionsFor } from "../../core/detect/forPolicy";
import type { Detection } from "../../core/detect/types";
import type { EffectivePolicy } from "../../core/policy/effective";
import { SESSION } from "../hosts/outlookSession";
import { recommendationDetails } from "./choose";
import { readLabel, recordAudit, type FlowDeps } from "./deps";
import { applyAndRecord, type ProtectedApplyResult } from "./protect";

/** Detection only matters when some label has a condition the phase lets work. */
export function wantsDetection(policy: EffectivePolicy): boolean {
  return policy.features.autoLabeling && policy.labels.some((l) => l.conditions.length > 0);
}

export interface RecommendOutcome {
  decision: RecommendationDecision;
  /** What the write did when the label was applied automatically. */
  result: ProtectedApplyResult | null;
  /** Types the policy's conditions name that this runtime could not look for (see detectFor). */
  unsupportedTypes: string[];
}

/**
 * The detections a policy's conditions ask for: only the types they name, with the policy's custom
 * types. A type this runtime cannot evaluate (a custom type without the custom-type engine, as in
 * the Outlook event bundle) is reported through `report`, never skipped in silence.
 */
export function detectFor(
  d: Pick<FlowDeps, "policy" | "report">,
  text: string,
  where: string,
): { detections: Detection[]; unsupportedTypes: string[] } {
  const { detections, unsupportedTypes } = detectSensitiveInfo(text, detectOptionsFor(d.policy));
  if (unsupportedTypes.length > 0)
    d.report?.(where, new Error(`information types not evaluated here: ${unsupportedTypes.join(", ")}`));
  return { detections, unsupportedTypes };
}

/** Null when nothing in the policy detects. */
export async function checkRecommendation(
  d: FlowDeps,
  current: CurrentLabel | null,
  options: { maxChars: number; dismissed: string | null },
): Promise<RecommendOutcome | null> {
  if (!wantsDetection(d.policy)) return null;
  const text = await d.host.readText(options.maxChars).catch(() => "");
  const { detections, unsupportedTypes } = detectFor(d, text, "recommendation");
  let decision = decideRecommendation(d.policy, { kind: d.kind, current }, detections, d.ctx, {
    dismissed: options.dismissed,
  });
  if (decision.outcome === "apply" && d.kind === "file") {
    // Never an automatic label over one Office keeps, or may keep, where we cannot write or read.
    const guard = officeLabelGuard((await readLabel(d.host, d.policy)).state, d.policy, "automatic");
    if (guard) decision = { outcome: "none", ...guard };
  }
  const result = decision.outcome === "apply" ? await applyAndRecord(d, decision.plan, "auto") : null;
  return { decision, result, unsupportedTypes };
}

/** Remembered for this mail (send does not ask again) and audited. */
export async function dismissRecommendation(
  d: FlowDeps,
  rec: Recommendation,
  session: ((name: string, value: string | null) => Promise<void>) | undefined,
): Promise<void> {
  await session?.(SESSION.dismissed, rec.labelId).catch(() => undefined);
  await recordAudit(d, d.policy, [
    eventAuditEvent(d.ctx, "recommendation-dismissed", {
      labelId: rec.labelId,
      reason: "recommended-label",
      details: recommendationDetails(rec),
    }),
  ]);
}
