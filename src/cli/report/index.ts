/** Writes a report in the format its file name asks for (.csv, .json, .html). */
import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import type { ScanRow } from "../scan/row";
import { csvReport } from "./csv";
import { htmlReport } from "./html";
import { type ReportMeta, jsonReport } from "./json";

export type { ReportMeta } from "./json";
export const REPORT_FORMATS = [".csv", ".json", ".html", ".htm"] as const;

export function reportFormatOf(path: string): "csv" | "json" | "html" | null {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".json") return "json";
  if (ext === ".html" || ext === ".htm") return "html";
  return null;
}

export function renderReport(path: string, rows: readonly ScanRow[], meta: ReportMeta): string {
  const format = reportFormatOf(path);
  if (format === "csv") return csvReport(rows);
  if (format === "json") return jsonReport(rows, meta);
  if (format === "html") return htmlReport(rows, meta);
  throw new Error(`report ${path}: the name must end in .csv, .json or .html`);
}

export function writeReport(path: string, rows: readonly ScanRow[], meta: ReportMeta): void {
  writeFileSync(path, renderReport(path, rows, meta));
}
