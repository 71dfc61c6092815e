/** The per-file report columns, shared by CSV and HTML (docs/cli.md lists them). */
import type { ScanRow } from "../scan/row";
import { labelText } from "./summary";

export const REPORT_COLUMNS = [
  "path",
  "size",
  "type",
  "current_label",
  "current_label_id",
  "current_label_method",
  "current_label_location",
  "original_label",
  "mapped_label",
  "mapped_label_id",
  "label_notes",
  "information_types",
  "information_type_instances",
  "proposed_label",
  "proposed_label_id",
  "proposed_mode",
  "reason",
  "action",
  "error",
  "warnings",
  "links",
] as const;

export type ReportColumn = (typeof REPORT_COLUMNS)[number];

export function infoTypesText(row: ScanRow): string {
  return row.infoTypes.map((t) => `${t.name}: ${t.count} (confidence ${t.confidence})`).join("; ");
}

export function rowValues(row: ScanRow): Record<ReportColumn, string | number> {
  const other = row.labels
    .filter((l) => l !== row.currentLabel)
    .map((l) => `also ${l.name ?? l.labelId} (tenant ${l.siteId}, ${l.location})`);
  return {
    path: row.path,
    size: row.size,
    type: row.type,
    current_label: labelText(row.currentLabel),
    current_label_id: row.currentLabel?.labelId ?? "",
    current_label_method: row.currentLabel?.method ?? "",
    current_label_location: row.currentLabel?.location ?? "",
    original_label: row.mapping?.originalText ?? "",
    mapped_label: row.mapping?.mapped ? (row.mapping.mapped.displayName ?? row.mapping.mapped.labelId) : "",
    mapped_label_id: row.mapping?.mapped?.labelId ?? "",
    label_notes: [...other, ...row.labelNotes].join("; "),
    information_types: infoTypesText(row),
    information_type_instances: row.infoTypes.reduce((s, t) => s + t.count, 0),
    proposed_label: row.proposed?.displayName ?? "",
    proposed_label_id: row.proposed?.labelId ?? "",
    proposed_mode: row.proposed?.mode ?? "",
    reason: row.reason,
    action: row.action,
    error: row.error ?? "",
    warnings: row.warnings.join("; "),
    links: (row.links ?? []).join("; "),
  };
}
