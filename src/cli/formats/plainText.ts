/**
 * Plain text files (.txt .csv .md .json .xml) read in fixed-size chunks and decoded piece by piece,
 * so a file of any size is scanned in bounded memory. UTF-16 is recognised by its byte-order mark;
 * everything else is read as UTF-8 (legacy 8-bit text keeps its ASCII digits and letters).
 *
 * UTF-8 is not decoded with `{ stream: true }`: Node 20's streaming TextDecoder takes a slow path
 * (about three times the CPU of a one-shot decode, the largest cost outside detection on plain
 * text). Each chunk is cut instead where the decoder holds no partial character and decoded in one
 * shot, which by the WHATWG decoding algorithm yields the same text as the stream would.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export const TEXT_CHUNK_BYTES = 1024 * 1024;

type Encoding = "utf-8" | "utf-16le" | "utf-16be";

function encodingOf(head: Uint8Array): { encoding: Encoding; skip: number } {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  return { encoding: "utf-8", skip: 0 };
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/**
 * How many bytes at the end of `bytes` may still be waiting for the rest of their character: a
 * valid lead byte among the last three with fewer continuation bytes after it than it announces.
 * Anywhere else a UTF-8 decoder is back in its initial state (after an ASCII byte, an invalid byte,
 * or a sequence that is complete or already replaced by U+FFFD), so cutting there changes nothing.
 */
export function utf8PendingTail(bytes: Uint8Array, length = bytes.length): number {
  for (let back = 1; back <= 3 && back <= length; back++) {
    const byte = bytes[length - back];
    if (isContinuation(byte)) continue;
    if (byte < 0xc2 || byte > 0xf4) return 0;
    const announced = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : 1;
    return back - 1 < announced ? back : 0;
  }
  return 0;
}

/**
 * UTF-8 in one-shot pieces. Only the first piece may drop a byte-order mark, as a stream drops it
 * only at the very start; later pieces keep U+FEFF as text, as a stream would.
 */
class Utf8Pieces {
  private readonly first = new TextDecoder("utf-8");
  private readonly rest = new TextDecoder("utf-8", { ignoreBOM: true });
  private started = false;
  private held: Uint8Array | null = null;

  /** Decodes `bytes` (which may be overwritten afterwards) up to the last complete character. */
  push(bytes: Uint8Array, onText: (text: string) => void): void {
    let input = bytes;
    if (this.held !== null) {
      input = new Uint8Array(this.held.length + bytes.length);
      input.set(this.held);
      input.set(bytes, this.held.length);
      this.held = null;
    }
    const cut = input.length - utf8PendingTail(input);
    // A copy: `bytes` is the caller's read buffer (Buffer#slice would share it).
    if (cut < input.length) this.held = Uint8Array.prototype.slice.call(input, cut);
    this.decode(input.subarray(0, cut), onText);
  }

  finish(onText: (text: string) => void): void {
    if (this.held !== null) this.decode(this.held, onText);
    this.held = null;
  }

  private decode(bytes: Uint8Array, onText: (text: string) => void): void {
    if (bytes.length === 0) return;
    onText((this.started ? this.rest : this.first).decode(bytes));
    this.started = true;
  }
}

/**
 * Decodes consecutive chunks (`next` returns null at the end) into text pieces; returns the bytes
 * read. A chunk may be overwritten once the next one is asked for.
 */
function streamText(next: () => Uint8Array | null, onText: (text: string) => void): number {
  let position = 0;
  let encoding: Encoding | null = null;
  let utf16: TextDecoder | null = null;
  const utf8 = new Utf8Pieces();
  for (let chunk = next(); chunk !== null; chunk = next()) {
    let view = chunk;
    if (encoding === null) {
      const chosen = encodingOf(view);
      encoding = chosen.encoding;
      view = view.subarray(chosen.skip);
      if (encoding !== "utf-8") utf16 = new TextDecoder(encoding);
    }
    position += chunk.length;
    if (utf16 !== null) onText(utf16.decode(view, { stream: true }));
    else utf8.push(view, onText);
  }
  if (utf16 !== null) onText(utf16.decode());
  else utf8.finish(onText);
  return position;
}

/** Calls `onText` with consecutive decoded pieces of the file; returns the bytes read. */
export function streamTextFile(
  path: string | Buffer,
  onText: (text: string) => void,
  chunkBytes = TEXT_CHUNK_BYTES,
): number {
  const fd = openSync(path, "r");
  try {
    // Sized to the file (one byte over, so a file read whole needs no second buffer): a fresh
    // chunk-sized buffer for every small file is mostly garbage.
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(chunkBytes, size + 1)));
    let position = 0;
    return streamText(() => {
      const n = readSync(fd, buffer, 0, buffer.length, position);
      position += n;
      return n === 0 ? null : buffer.subarray(0, n);
    }, onText);
  } finally {
    closeSync(fd);
  }
}

/**
 * The same pieces as streamTextFile would give for a file holding `bytes`: for a file the caller
 * has just read whole (the scanner node reads it for its hash), so it is not read twice.
 */
export function streamTextBytes(
  bytes: Uint8Array,
  onText: (text: string) => void,
  chunkBytes = TEXT_CHUNK_BYTES,
): number {
  let position = 0;
  return streamText(() => {
    if (position >= bytes.length) return null;
    const chunk = bytes.subarray(position, position + chunkBytes);
    position += chunk.length;
    return chunk;
  }, onText);
}

/** Decodes an in-memory text (an attachment) the same way. */
export function decodeTextBytes(bytes: Uint8Array): string {
  const { encoding, skip } = encodingOf(bytes);
  return new TextDecoder(encoding).decode(bytes.subarray(skip));
}
