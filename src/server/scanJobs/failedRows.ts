/**
 * Report rows the backend writes itself, for files no node could scan (their unit was handed out
 * too often): the same row shape the scanner makes (src/cli/scan/row.ts), action `error`.
 */
import { emptyRow } from "../../cli/scan/row";
import type { Prepared } from "./resultsStore";
import { storedRowJson } from "./storedRow";

export function failedRows(
  targets: Array<{ path: string; size: number; type: string }>,
  why: string,
): Prepared[] {
  return targets.map((t) => {
    const row = {
      ...emptyRow(t.path, t.size, t.type),
      action: "error" as const,
      error: why,
      errorCode: "unit-failed",
    };
    return {
      path: t.path,
      outcome: "failed",
      action: "error",
      error: why,
      size: t.size,
      rowJson: storedRowJson(row as unknown as Record<string, unknown>),
      audit: [],
      state: null,
    };
  });
}
