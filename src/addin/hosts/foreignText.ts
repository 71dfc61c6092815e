/**
 * The admin's patterns for other tools' header/footer text (policy
 * settings.externalMarkingRemoval.textPatterns), shared by the Word and Excel adapters.
 */

/** Compiled once per write; a pattern that does not compile matches nothing (the schema refuses them). */
export function textMatchers(patterns: readonly string[]): RegExp[] {
  const out: RegExp[] = [];
  for (const p of patterns) {
    try {
      out.push(new RegExp(p, "i"));
    } catch {
      // refused by the policy schema already
    }
  }
  return out;
}
