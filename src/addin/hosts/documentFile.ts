/**
 * The open document's own bytes, to read what Office.js does not expose: LabelInfo.xml, where
 * Office keeps labels first (MS-OFFCRYPTO 2.6.3). `getFileAsync(Compressed)` hands the document
 * out in slices (File.getSliceAsync, sliceCount, closeAsync, as @types/office-js documents them);
 * this reads them one after another, bounded in size and time, and always closes the file — Office
 * keeps at most two open and fails the next getFileAsync otherwise.
 *
 * Where the client lacks the CompressedFile set (Excel on the web, for one), or the file is too
 * big or too slow, the result says so: the caller must then treat the label Office may keep there
 * as unknown, never as absent.
 */
import type { LabelUnread } from "../../core/decide/labelState";
import { monotonicNow, withTimeout } from "../ports/timing";
import { officeCall } from "./officeAsync";
import { readPackageLabels, type PackageLabels } from "./officePackage";

export interface DocumentFileLimits {
  /** Larger documents are not read (default 32 MB). */
  maxBytes: number;
  /** The whole read, every slice included (default 10 s). */
  timeoutMs: number;
  /** Bytes per slice (default 1 MB; Office allows up to 4 MB, 64 KB on iPad). */
  sliceSize: number;
}

export const DEFAULT_FILE_LIMITS: DocumentFileLimits = {
  maxBytes: 32 * 1024 * 1024,
  timeoutMs: 10_000,
  sliceSize: 1024 * 1024,
};

export type DocumentPackageRead = { labels: PackageLabels } | { unread: LabelUnread };

class TooLarge extends Error {}

/** A slice's data: the byte array of a compressed file (number[] in Office, typed arrays accepted). */
function sliceBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return Uint8Array.from(data as number[]);
  throw new Error("a slice of the compressed file holds no byte array");
}

async function readSlices(
  office: typeof Office,
  limits: DocumentFileLimits,
  deadline: number,
): Promise<Uint8Array> {
  const succeeded = office.AsyncResultStatus?.Succeeded;
  const file = await officeCall<Office.File>(
    "getFileAsync",
    (cb) =>
      office.context.document.getFileAsync(office.FileType.Compressed, { sliceSize: limits.sliceSize }, cb),
    succeeded,
  );
  try {
    if (file.size > limits.maxBytes) throw new TooLarge(`${file.size} bytes`);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (let i = 0; i < file.sliceCount; i++) {
      if (monotonicNow() > deadline) throw new Error("deadline");
      const slice = await officeCall<Office.Slice>(
        "getSliceAsync",
        (cb) => file.getSliceAsync(i, cb),
        succeeded,
      );
      const bytes = sliceBytes(slice.data);
      total += bytes.length;
      if (total > limits.maxBytes) throw new TooLarge(`more than ${limits.maxBytes} bytes`);
      chunks.push(bytes);
    }
    const joined = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      joined.set(c, at);
      at += c.length;
    }
    return joined;
  } finally {
    await officeCall<void>("closeAsync", (cb) => file.closeAsync(cb), succeeded).catch(() => undefined);
  }
}

/** The labels in the open document's package, or why they could not be read. */
export async function readDocumentPackage(
  office: typeof Office,
  limits: DocumentFileLimits = DEFAULT_FILE_LIMITS,
): Promise<DocumentPackageRead> {
  if (!office.context.requirements.isSetSupported("CompressedFile", "1.1"))
    return { unread: { reason: "not-supported" } };
  const deadline = monotonicNow() + limits.timeoutMs;
  try {
    const bytes = await withTimeout(
      readSlices(office, limits, deadline),
      limits.timeoutMs,
      "reading the document",
    );
    return { labels: readPackageLabels(bytes) };
  } catch (error) {
    if (error instanceof TooLarge) return { unread: { reason: "too-large", detail: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && (error.name === "TimeoutError" || message === "deadline"))
      return { unread: { reason: "timed-out", detail: `${limits.timeoutMs} ms` } };
    return { unread: { reason: "failed", detail: message } };
  }
}
