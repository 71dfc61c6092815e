/**
 * How much a file may decode, and for how long. Every decoder a file passes through (zip entries,
 * PDF streams, MIME parts and their transfer encodings, attachments inside attachments) charges the
 * same budget, so no nesting multiplies it: a compressed file that would expand to gigabytes stops at
 * the budget with a reason, in bounded memory, instead of exhausting the machine.
 */
import { FileFormatError } from "../ooxml/errors";

export interface DecodeLimits {
  /** Decoded bytes one file may produce, over all its parts, streams and attachments. */
  maxDecodedBytes: number;
  /** Time one file may spend decoding, in milliseconds. */
  maxDecodeMs: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxDecodedBytes: 256 * 1024 * 1024,
  maxDecodeMs: 60_000,
};

/** "256 MiB", "1.5 GiB", "900 KiB": limits are powers of two, so binary units read exactly. */
export function formatSize(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} bytes` : `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]}`;
}

/** The budget ran out: `code` says whether it was bytes or time. */
export class DecodeLimitError extends FileFormatError {
  constructor(
    code: "decode-limit" | "time-limit",
    message: string,
    readonly what: string,
  ) {
    super(code, message);
    this.name = "DecodeLimitError";
  }
}

export class DecodeBudget {
  private used = 0;
  private readonly deadline: number;

  constructor(
    readonly limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.deadline = now() + limits.maxDecodeMs;
  }

  get decodedBytes(): number {
    return this.used;
  }

  get remaining(): number {
    return Math.max(0, this.limits.maxDecodedBytes - this.used);
  }

  /** Counts `n` more decoded bytes of `what`; throws once the file is over its budget or its time. */
  charge(n: number, what: string): void {
    this.used += n;
    if (this.used > this.limits.maxDecodedBytes)
      throw new DecodeLimitError(
        "decode-limit",
        `${what} inflates past ${formatSize(this.limits.maxDecodedBytes)}`,
        what,
      );
    this.checkTime(what);
  }

  checkTime(what: string): void {
    if (this.now() > this.deadline)
      throw new DecodeLimitError(
        "time-limit",
        `decoding ${what} took longer than ${Math.round(this.limits.maxDecodeMs / 1000)} s`,
        what,
      );
  }
}

export function isDecodeLimit(err: unknown): err is DecodeLimitError {
  return err instanceof DecodeLimitError;
}
