/**
 * Why a file could not be read or labeled, as a machine-readable code plus a sentence that names the
 * reason. Every hostile or broken file ends up as one of these in a report row; nothing else should
 * escape the per-file boundary.
 */
export type FileErrorCode =
  | "not-zip"
  | "truncated"
  | "corrupt"
  | "encrypted"
  | "unsafe-entry-name"
  | "zip-bomb"
  | "too-large"
  | "unsupported"
  | "malformed-xml"
  | "label-metadata"
  | "not-labelable"
  | "changed-during-write"
  | "verify-failed"
  /** The file decodes to more than its budget (a decompression bomb, or simply too much). */
  | "decode-limit"
  /** Decoding the file took longer than its budget. */
  | "time-limit"
  | "io";

export class FileFormatError extends Error {
  constructor(
    readonly code: FileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "FileFormatError";
  }
}

/** The message a report shows for any error, with the Node error code when there is one. */
export function describeError(err: unknown): { code: string; message: string } {
  if (err instanceof FileFormatError) return { code: err.code, message: err.message };
  const e = err as { code?: unknown; message?: unknown; name?: unknown };
  if (e && typeof e.message === "string") {
    const code = typeof e.code === "string" ? e.code : typeof e.name === "string" ? e.name : "error";
    return { code: code === "MetadataFormatError" ? "label-metadata" : code, message: e.message };
  }
  return { code: "error", message: String(err) };
}
