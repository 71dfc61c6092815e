/**
 * Picks the strings for Office's display language (`Office.context.displayLanguage`, e.g. "fr-FR",
 * "fr-CA"); English for anything else.
 */
import type { ReasonCode } from "../../core/decide/types";
import { en } from "./en";
import { fr } from "./fr";
import type { MessageParams, Strings } from "./types";

export type { MessageParams, Strings } from "./types";

const LANGUAGES: Record<string, Strings> = { en, fr };

export function stringsFor(displayLanguage: string | null | undefined): Strings {
  const primary = (displayLanguage ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES[primary] ?? en;
}

/** A decision's message in the person's language; the engine's English message where none is translated. */
export function decisionText(
  strings: Strings,
  reason: ReasonCode,
  engineMessage: string,
  params: MessageParams = {},
): string {
  const translate = strings.reasons[reason];
  return translate ? translate(params) : engineMessage;
}
