/**
 * Where the pane should open when a Smart Alert sent the person here (`contextData` through
 * getInitializationContextAsync): the label picker, the justification dialog, the recommendation.
 */
export type PaneFocus = "label-picker" | "justification" | "recommendation";

export interface OpenContext {
  fix: PaneFocus;
  reason: string | null;
  labelId: string | null;
}

const FIXES: readonly PaneFocus[] = ["label-picker", "justification", "recommendation"];

export function parseOpenContext(text: string | null): OpenContext | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.fix !== "string" || !FIXES.includes(v.fix as PaneFocus)) return null;
  return {
    fix: v.fix as PaneFocus,
    reason: typeof v.reason === "string" ? v.reason : null,
    labelId: typeof v.labelId === "string" ? v.labelId : null,
  };
}
