/** The justification dialog's request: for a label change, or to send to outside recipients. */
import type { LabelChangeDecision } from "../../../core/decide/types";
import type { EffectivePolicy } from "../../../core/policy/effective";
import type { Strings } from "../../i18n/types";
import type { JustificationRequest } from "../paneState";

export function labelJustification(
  d: Extract<LabelChangeDecision, { outcome: "justify" }>,
  change: {
    target: string | null;
    from: string | null;
    outside: boolean;
    message: string;
    error?: string | null;
  },
): JustificationRequest {
  return {
    purpose: "label",
    target: change.target,
    from: change.from,
    reasons: d.reasons,
    otherReason: d.otherReason,
    outside: change.outside,
    error: change.error ?? null,
    message: change.message,
  };
}

/** A Smart Alert sent the person to the pane for a reason to send to outside recipients. */
export function recipientJustification(policy: EffectivePolicy, strings: Strings): JustificationRequest {
  return {
    purpose: "recipients",
    target: null,
    from: null,
    reasons: [...policy.settings.justificationReasons],
    otherReason: policy.settings.otherReasonText,
    outside: false,
    error: null,
    message: strings.recipientJustificationIntro,
  };
}

/** What is missing from the answer, or null when it can be submitted. */
export function justificationError(
  j: JustificationRequest,
  reason: string,
  text: string,
  strings: Strings,
): string | null {
  if (!reason) return strings.justificationPickReason;
  if (reason === j.otherReason && text.trim() === "") return strings.justificationOtherRequired;
  return null;
}
