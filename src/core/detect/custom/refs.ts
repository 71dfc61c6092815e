import type { InfoTypePattern } from "../../policy/infoTypes";

/**
 * Every element a pattern names: its primary element, its Match refs and its Any groups' refs.
 * Here, not beside the schema, so the send handler's bundle takes no zod with it.
 */
export function patternRefs(pattern: InfoTypePattern): string[] {
  const refs = [pattern.idMatch];
  for (const m of pattern.matches) refs.push(m.ref);
  for (const group of pattern.any) for (const m of group.matches) refs.push(m.ref);
  return refs;
}
