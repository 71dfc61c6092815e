/** JSON report: run facts, the summary, and every row (audit events are uploaded, not reported). */
import type { ScanRow } from "../scan/row";
import { summarize } from "./summary";

export interface ReportMeta {
  mode: "discover" | "enforce";
  roots: string[];
  startedAt: string;
  durationMs: number;
  dryRun: boolean;
  policy: { siteId: string; tenantName: string; phase: string } | null;
}

export function jsonReport(rows: readonly ScanRow[], meta: ReportMeta): string {
  return (
    JSON.stringify(
      {
        generator: "labelbridge scan",
        ...meta,
        summary: summarize(rows, meta.roots),
        rows: rows.map(({ audit: _audit, ...rest }) => rest),
      },
      null,
      2,
    ) + "\n"
  );
}
