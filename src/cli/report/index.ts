/** The report formats, picked by the file name's extension; ./stream.ts writes them as a scan goes. */
import { extname } from "node:path";

export type { ReportMeta } from "./json";
export const REPORT_FORMATS = [".csv", ".json", ".jsonl", ".html", ".htm"] as const;

export function reportFormatOf(path: string): "csv" | "json" | "jsonl" | "html" | null {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".json") return "json";
  if (ext === ".jsonl") return "jsonl";
  if (ext === ".html" || ext === ".htm") return "html";
  return null;
}
