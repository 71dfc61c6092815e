/**
 * Rows without their empty fields (src/server/scanJobs/storedRow.ts): what a node sends still passes
 * the results report's check, and a stored row reads back as the row the scanner made.
 */
import { emptyRow } from "../../../src/cli/scan/row";
import { parseResultsReport } from "../../../src/server/scanJobs/resultsReport";
import { readStoredRow, storedRowJson, withoutEmptyFields } from "../../../src/server/scanJobs/storedRow";
import type { FileResult } from "../../../src/server/scanJobs/wire";

const rows = {
  "a file with nothing to report (action none)": emptyRow("/srv/plain.docx", 10, "docx"),
  "a file with a finding": {
    ...emptyRow("/srv/cards.txt", 20, "txt"),
    action: "reported" as const,
    reason: "card found",
    infoTypes: [{ sitId: "x", name: "Credit Card Number", count: 1, confidence: 85 }],
    scannedChars: 20,
  },
};

test.each(Object.entries(rows))(
  "%s: sent without its empty fields, it is taken and reads back whole",
  (_, row) => {
    const sent = withoutEmptyFields(row as unknown as Record<string, unknown>);
    const result = { path: row.path, outcome: "scanned", size: row.size, mtimeMs: 1, hash: "h", row: sent };
    const report = parseResultsReport({ claim: 1, results: [result], done: true });
    const stored = storedRowJson((report.results[0] as FileResult).row!);
    const { audit: _audit, ...expected } = row;
    expect(readStoredRow(row.path, stored)).toEqual(expected);
  },
);
