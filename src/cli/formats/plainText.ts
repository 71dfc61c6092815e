/**
 * Plain text files (.txt .csv .md .json .xml) read in fixed-size chunks and decoded as a stream,
 * so a file of any size is scanned in bounded memory. UTF-16 is recognised by its byte-order mark;
 * everything else is read as UTF-8 (legacy 8-bit text keeps its ASCII digits and letters).
 */
import { closeSync, openSync, readSync } from "node:fs";

export const TEXT_CHUNK_BYTES = 1024 * 1024;

function decoderFor(head: Uint8Array): { decoder: TextDecoder; skip: number } {
  if (head[0] === 0xff && head[1] === 0xfe) return { decoder: new TextDecoder("utf-16le"), skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { decoder: new TextDecoder("utf-16be"), skip: 2 };
  return { decoder: new TextDecoder("utf-8"), skip: 0 };
}

/** Calls `onText` with consecutive decoded pieces of the file; returns the bytes read. */
export function streamTextFile(
  path: string,
  onText: (text: string) => void,
  chunkBytes = TEXT_CHUNK_BYTES,
): number {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let position = 0;
    let decoder: TextDecoder | null = null;
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkBytes, position);
      if (n === 0) break;
      let view = buffer.subarray(0, n);
      if (decoder === null) {
        const chosen = decoderFor(view);
        decoder = chosen.decoder;
        view = view.subarray(chosen.skip);
      }
      position += n;
      onText(decoder.decode(view, { stream: true }));
    }
    if (decoder) onText(decoder.decode());
    return position;
  } finally {
    closeSync(fd);
  }
}

/** Decodes an in-memory text (an attachment) the same way. */
export function decodeTextBytes(bytes: Uint8Array): string {
  const { decoder, skip } = decoderFor(bytes);
  return decoder.decode(bytes.subarray(skip));
}
