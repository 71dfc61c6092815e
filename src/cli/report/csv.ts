/**
 * CSV report (RFC 4180): one header row, one row per file. Text cells that a spreadsheet would run
 * as a formula (starting with = + - @ or a tab) get a leading apostrophe, since file names and
 * error texts come from the scanned share, not from us.
 */
import type { ScanRow } from "../scan/row";
import { REPORT_COLUMNS, rowValues } from "./columns";

export function csvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvReport(rows: readonly ScanRow[]): string {
  const lines = [REPORT_COLUMNS.join(",")];
  for (const row of rows) {
    const values = rowValues(row);
    lines.push(REPORT_COLUMNS.map((c) => csvCell(values[c])).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}
