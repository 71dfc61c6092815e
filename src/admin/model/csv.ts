/**
 * CSV of what a report shows, for Excel and scripts: RFC 4180 quoting, CRLF line ends, a UTF-8 byte
 * order mark (Excel otherwise reads UTF-8 as the local code page). Cells that a spreadsheet would take
 * for a formula (=, +, -, @, tab, carriage return first) get a leading apostrophe: item names and
 * justification texts come from users, and a CSV must not run their formulas (CWE-1236).
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
