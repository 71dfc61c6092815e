/** The task pane's strings: English in the main bundle, other languages fetched when needed. */
import { en } from "./en";
import type { Strings } from "./types";

export function loadStrings(displayLanguage: string | null | undefined): Promise<Strings> {
  const primary = (displayLanguage ?? "").trim().toLowerCase().split(/[-_]/)[0];
  if (primary === "fr")
    return import(/* webpackChunkName: "strings-fr" */ "./fr.js").then(
      (m) => m.fr,
      () => en,
    );
  return Promise.resolve(en);
}
