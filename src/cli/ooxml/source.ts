/**
 * Random-access reads from a file or a buffer. The zip reader only ever asks for the ranges it
 * needs (the directory, then the parts it extracts), so a large package is never read whole.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { FileFormatError } from "./errors";

export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes from `offset`; throws when the source is shorter. */
  read(offset: number, length: number): Uint8Array;
  close(): void;
}

export function bufferSource(buf: Uint8Array): ByteSource {
  return {
    size: buf.length,
    read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > buf.length)
        throw new FileFormatError(
          "truncated",
          `read of ${length} bytes at ${offset} runs past the end (${buf.length} bytes)`,
        );
      return buf.subarray(offset, offset + length);
    },
    close() {},
  };
}

export function fileSource(path: string | Buffer): ByteSource {
  const fd = openSync(path, "r");
  let size: number;
  try {
    size = fstatSync(fd).size;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  let closed = false;
  return {
    size,
    read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > size)
        throw new FileFormatError(
          "truncated",
          `read of ${length} bytes at ${offset} runs past the end (${size} bytes)`,
        );
      const out = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, out, done, length - done, offset + done);
        if (n === 0)
          throw new FileFormatError("truncated", `the file ended at ${offset + done} bytes while reading`);
        done += n;
      }
      return out;
    },
    close() {
      if (!closed) {
        closed = true;
        closeSync(fd);
      }
    },
  };
}
