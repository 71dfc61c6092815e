/**
 * A report row as scan_results.row_json keeps it: without its path (the row's column) and without
 * the fields that hold their empty value (src/cli/scan/row.ts, emptyRow), which for a file with no
 * label and no finding is most of them. Reading fills them back in, so a row reads as it was sent;
 * rows stored whole before this still read the same. Nodes send rows the same way (without their
 * empty fields), which the backend takes as sent.
 */
import { emptyRow } from "../../cli/scan/row";

const EMPTY: Readonly<Record<string, unknown>> = (() => {
  const { path: _path, size: _size, type: _type, audit: _audit, ...rest } = emptyRow("", 0, "");
  return rest;
})();

function isEmptyValue(key: string, value: unknown): boolean {
  if (!(key in EMPTY)) return false;
  const empty = EMPTY[key];
  if (Array.isArray(empty)) return Array.isArray(value) && value.length === 0;
  return value === empty;
}

/**
 * `row` without the fields that hold their empty value, but for those a results report must carry
 * (wire.ts, ReportRow): how a node sends a row, so neither side spends time on empty fields.
 */
export function withoutEmptyFields<T extends Record<string, unknown>>(row: T): T {
  const kept: Record<string, unknown> = {};
  for (const key in row) {
    const value = row[key];
    if (REQUIRED.has(key) || !isEmptyValue(key, value)) kept[key] = value;
  }
  return kept as T;
}

/** The fields a results report's row carries even when empty (resultsReport.ts checks them). */
const REQUIRED = new Set(["path", "size", "type", "action", "error", "audit"]);

/** The JSON to store for `row` (its audit events are stored apart). */
export function storedRowJson(row: Record<string, unknown>): string {
  const kept: Record<string, unknown> = {};
  for (const key in row) {
    if (key === "path" || key === "audit") continue;
    const value = row[key];
    if (!isEmptyValue(key, value)) kept[key] = value;
  }
  return JSON.stringify(kept);
}

/** The row as sent (without its audit events), from its path and stored JSON. */
export function readStoredRow(path: string, json: string): Record<string, unknown> {
  return { path, ...EMPTY, ...(JSON.parse(json) as Record<string, unknown>) };
}
