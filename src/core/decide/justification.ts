/** What counts as a justification: one of the policy's reasons, or "Other" with real text. */
import type { EffectiveSettings } from "../policy/effective";
import type { Justification, ReasonCode } from "./types";

export const MAX_JUSTIFICATION_TEXT = 1000;

export type JustificationCheck =
  { ok: true; value: Justification } | { ok: false; reason: ReasonCode; message: string };

export function checkJustification(
  settings: EffectiveSettings,
  j: Justification | null | undefined,
): JustificationCheck {
  if (!j)
    return {
      ok: false,
      reason: "justification-required",
      message: "A justification is required to lower or remove this label.",
    };
  const text = j.text?.trim() ?? "";
  if (j.reason === settings.otherReasonText) {
    if (text.length === 0)
      return {
        ok: false,
        reason: "justification-text-required",
        message: 'Explain why in the text box when you choose "Other".',
      };
    if (text.length > MAX_JUSTIFICATION_TEXT)
      return {
        ok: false,
        reason: "justification-invalid",
        message: `The explanation is longer than ${MAX_JUSTIFICATION_TEXT} characters.`,
      };
    return { ok: true, value: { reason: j.reason, text } };
  }
  if (!settings.justificationReasons.includes(j.reason))
    return {
      ok: false,
      reason: "justification-invalid",
      message: `"${j.reason}" is not one of the reasons this policy offers.`,
    };
  return {
    ok: true,
    value: text ? { reason: j.reason, text: text.slice(0, MAX_JUSTIFICATION_TEXT) } : { reason: j.reason },
  };
}
