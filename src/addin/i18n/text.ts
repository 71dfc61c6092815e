import type { ReasonCode } from "../../core/decide/types";
import type { DecisionStrings, MessageParams } from "./types";

/** A decision's message in the person's language; the engine's English message where none is translated. */
export function decisionText(
  strings: DecisionStrings,
  reason: ReasonCode,
  engineMessage: string,
  params: MessageParams = {},
): string {
  const translate = strings.reasons[reason];
  return translate ? translate(params) : engineMessage;
}
