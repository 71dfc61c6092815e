/**
 * Picks the event handlers' strings (decision messages, the send dialog's help and button) for
 * Office's display language (`Office.context.displayLanguage`, e.g. "fr-FR", "fr-CA"); English for
 * anything else. The event bundle takes every language at once, but none of the task pane's text;
 * the task pane loads only the language it needs (load.ts).
 */
import { enDecisions } from "./enDecisions";
import { frDecisions } from "./frDecisions";
import type { DecisionStrings } from "./types";

export type { DecisionStrings, MessageParams, Strings } from "./types";
export { decisionText } from "./text";

export const LANGUAGES = ["en", "fr"] as const;

export function primaryLanguage(displayLanguage: string | null | undefined): string {
  const primary = (displayLanguage ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary) ? primary : "en";
}

export function stringsFor(displayLanguage: string | null | undefined): DecisionStrings {
  return primaryLanguage(displayLanguage) === "fr" ? frDecisions : enDecisions;
}
