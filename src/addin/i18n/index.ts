/**
 * Picks the strings for Office's display language (`Office.context.displayLanguage`, e.g. "fr-FR",
 * "fr-CA"); English for anything else. The event bundle takes every language at once; the task
 * pane loads only the one it needs (load.ts).
 */
import { en } from "./en";
import { fr } from "./fr";
import type { Strings } from "./types";

export type { MessageParams, Strings } from "./types";
export { decisionText } from "./text";

export const LANGUAGES = ["en", "fr"] as const;

export function primaryLanguage(displayLanguage: string | null | undefined): string {
  const primary = (displayLanguage ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary) ? primary : "en";
}

export function stringsFor(displayLanguage: string | null | undefined): Strings {
  return primaryLanguage(displayLanguage) === "fr" ? fr : en;
}
