/**
 * A PDF's labels for a scan row: read once, before the text, so that a PDF whose text cannot be read
 * (a user password) still shows the label it visibly carries; kept open for an enforce write.
 */
import { describeError } from "../ooxml/errors";
import type { FsPath } from "../scan/fsPath";
import type { FoundLabels } from "../scan/content";
import { type PdfFile, openPdfFile } from "./read";

export interface PdfForScan {
  /** Null when the file could not be parsed as a PDF (then `labelError` says why). */
  file: PdfFile | null;
  labels: FoundLabels | null;
  labelError: { code: string; message: string } | null;
  /** Why no label may be written (encrypted, protected, damaged), or null. */
  readOnly: string | null;
}

/** Never throws. */
export async function readPdfForScan(path: FsPath, maxBytes: number): Promise<PdfForScan> {
  try {
    const file = await openPdfFile(path, maxBytes);
    const labels: FoundLabels = {
      effective: file.labels.effective,
      disagreements: [],
      notes: file.labels.notes,
    };
    return { file, labels, labelError: file.labelError, readOnly: file.readOnly?.message ?? null };
  } catch (err) {
    const error = describeError(err);
    return { file: null, labels: null, labelError: error, readOnly: error.message };
  }
}
