/**
 * A zip entry inflated as a stream of chunks, for parts read only for their text: memory stays at a
 * chunk whatever the part's size, each chunk is charged to the file's decode budget (which stops a
 * part, or five, that would expand to gigabytes), and the part's own checks still hold: it may not
 * inflate past its declared size, and a part read to its end must match its CRC-32.
 *
 * Parts up to a few tens of megabytes are inflated in one call (node:zlib's synchronous inflate);
 * larger ones, and any the budget left cannot hold, through node:zlib's streaming inflate, a chunk
 * at a time, up to the budget.
 */
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createInflateRaw, crc32 } from "node:zlib";
import type { DecodeBudget } from "../formats/budget";
import { FileFormatError } from "./errors";
import { type ZipArchive, type ZipEntry, localRecord, readEntry } from "./zipRead";

/**
 * Parts up to this declared size (and within the budget left) are inflated in one call: a
 * streaming inflate runs on libuv's thread pool, and on a busy machine every chunk's round trip
 * waits for a core (a scan of ordinary files took a third longer by the clock).
 */
export const WHOLE_PART_BYTES = 32 * 1024 * 1024;
const INPUT_PIECE = 256 * 1024;
const OUTPUT_CHUNK = 256 * 1024;

function compressedPieces(archive: ZipArchive, entry: ZipEntry): Readable {
  const { dataOffset } = localRecord(archive, entry);
  let done = 0;
  return new Readable({
    read() {
      if (done >= entry.compressedSize) {
        this.push(null);
        return;
      }
      const n = Math.min(INPUT_PIECE, entry.compressedSize - done);
      try {
        this.push(archive.source.read(dataOffset + done, n));
        done += n;
      } catch (err) {
        this.destroy(err as Error);
      }
    },
  });
}

/**
 * Calls `onChunk` with the part's bytes in order. Throws the budget's DecodeLimitError when the file
 * runs out of budget (the chunks before it were delivered), a FileFormatError for a part that lies
 * about its size, fails its CRC or cannot be inflated.
 */
export async function streamEntry(
  archive: ZipArchive,
  entry: ZipEntry,
  budget: DecodeBudget,
  onChunk: (bytes: Uint8Array) => void,
): Promise<void> {
  const what = `part ${entry.name}`;
  const whole = entry.uncompressedSize <= Math.min(WHOLE_PART_BYTES, budget.remaining);
  if (entry.method === 0 && !whole) return streamStored(archive, entry, budget, onChunk);
  if (whole) {
    const bytes = readEntry(archive, entry);
    budget.charge(bytes.length, what);
    onChunk(bytes);
    return;
  }
  if (entry.method !== 8)
    throw new FileFormatError("unsupported", `part ${entry.name} uses compression method ${entry.method}`);
  let total = 0;
  let crc = 0;
  const sink = new Writable({
    highWaterMark: OUTPUT_CHUNK,
    write(chunk: Buffer, _enc, done) {
      try {
        total += chunk.length;
        if (total > entry.uncompressedSize)
          throw new FileFormatError(
            "zip-bomb",
            `part ${entry.name} inflates beyond its declared ${entry.uncompressedSize} bytes (zip bomb?)`,
          );
        budget.charge(chunk.length, what);
        crc = crc32(chunk, crc);
        onChunk(chunk);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  try {
    await pipeline(compressedPieces(archive, entry), createInflateRaw({ chunkSize: OUTPUT_CHUNK }), sink);
  } catch (err) {
    if (err instanceof FileFormatError) throw err;
    throw new FileFormatError("corrupt", `part ${entry.name} cannot be inflated: ${(err as Error).message}`);
  }
  checkWhole(entry, total, crc);
}

function streamStored(
  archive: ZipArchive,
  entry: ZipEntry,
  budget: DecodeBudget,
  onChunk: (bytes: Uint8Array) => void,
): void {
  if (entry.compressedSize !== entry.uncompressedSize)
    throw new FileFormatError(
      "corrupt",
      `stored part ${entry.name} has different compressed and uncompressed sizes`,
    );
  const { dataOffset } = localRecord(archive, entry);
  let crc = 0;
  for (let done = 0; done < entry.compressedSize; done += INPUT_PIECE) {
    const piece = archive.source.read(dataOffset + done, Math.min(INPUT_PIECE, entry.compressedSize - done));
    budget.charge(piece.length, `part ${entry.name}`);
    crc = crc32(piece, crc);
    onChunk(piece);
  }
  checkWhole(entry, entry.uncompressedSize, crc);
}

function checkWhole(entry: ZipEntry, total: number, crc: number): void {
  if (total !== entry.uncompressedSize)
    throw new FileFormatError(
      "corrupt",
      `part ${entry.name} inflates to ${total} bytes, not the declared ${entry.uncompressedSize}`,
    );
  if (crc >>> 0 !== entry.crc32)
    throw new FileFormatError("corrupt", `part ${entry.name} fails its CRC-32 check`);
}
