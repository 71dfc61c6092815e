/**
 * pdfjs keeps every stream it decodes whole in memory and has no limit of its own: a 2 MB PDF whose
 * content stream inflates to 2 GiB took 4 GB of memory. So before pdfjs sees a PDF, each stream it
 * may decode to find text (content streams, forms, fonts, object and cross-reference streams) is
 * decoded here once, streaming through its filter chain and counting, never kept, and charged to the
 * file's decode budget. A file over the budget is refused before pdfjs allocates anything.
 *
 * Images are decoded only to draw a page, never for text, so their bytes are not charged to the
 * file; each is still measured and one stream alone may not exceed the budget (a content stream
 * that merely claims to be an image cannot hide a bomb). Streams of an encrypted PDF cannot be
 * measured before decryption and are left to pdfjs.
 */
import { Readable, Transform, type TransformCallback, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, createInflate } from "node:zlib";
import { type DecodeBudget, DecodeLimitError, formatSize } from "./budget";
import { RunLengthDecoder, LzwDecoder, decodeAscii85, decodeAsciiHex } from "./pdfFilters";

export interface PdfStream {
  /** "12 0" for object 12, generation 0, when the object header was found. */
  object: string;
  filters: string[];
  image: boolean;
  start: number;
  end: number;
}

const FILTER_NAMES: Record<string, string> = {
  FlateDecode: "flate",
  Fl: "flate",
  LZWDecode: "lzw",
  LZW: "lzw",
  RunLengthDecode: "rl",
  RL: "rl",
  ASCIIHexDecode: "ahx",
  AHx: "ahx",
  ASCII85Decode: "a85",
  A85: "a85",
};

/** How far back from `stream` its dictionary may start; real dictionaries are far shorter. */
const MAX_DICTIONARY = 64 * 1024;
const INPUT_PIECE = 16 * 1024;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0;
}

/** The `stream` keywords of the file's stream objects, with their dictionaries and data ranges. */
export function findPdfStreams(bytes: Uint8Array): PdfStream[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const out: PdfStream[] = [];
  let from = 0;
  for (;;) {
    const at = buf.indexOf("stream", from, "latin1");
    if (at < 0) break;
    from = at + 6;
    let back = at - 1;
    while (back >= 0 && isSpace(buf[back])) back--;
    if (back < 1 || buf[back] !== 0x3e || buf[back - 1] !== 0x3e) continue; // not after ">>"
    let start = at + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const objAt = buf.lastIndexOf(" obj", at, "latin1");
    const dictStart = objAt >= 0 && at - objAt <= MAX_DICTIONARY ? objAt + 4 : Math.max(0, at - 4096);
    const dict = buf.toString("latin1", dictStart, back + 1);
    const header =
      objAt >= 0 ? /(\d+)\s+(\d+)\s*$/.exec(buf.toString("latin1", Math.max(0, objAt - 24), objAt)) : null;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    let end = length ? start + Number(length[1]) : -1;
    if (end < start || end > buf.length) {
      end = buf.indexOf("endstream", start, "latin1");
      if (end < 0) end = buf.length;
    }
    out.push({
      object: header ? `${header[1]} ${header[2]}` : `at byte ${at}`,
      filters: filtersOf(dict),
      image: /\/Subtype\s*\/Image\b/.test(dict),
      start,
      end,
    });
    from = Math.max(from, end);
  }
  return out;
}

function filtersOf(dict: string): string[] {
  const m = /\/Filter\s*(\/[A-Za-z0-9]+|\[[^\]]*\])/.exec(dict);
  if (!m) return [];
  return (m[1].match(/\/[A-Za-z0-9]+/g) ?? []).map((n) => FILTER_NAMES[n.slice(1)] ?? n.slice(1));
}

/** The filters up to the first one we do not decode (image codecs): those decode no text. */
function decodable(filters: string[]): string[] {
  const known = [];
  for (const f of filters) {
    if (!["flate", "lzw", "rl", "ahx", "a85"].includes(f)) break;
    known.push(f);
  }
  return known;
}

function transformOf(filter: string): Transform {
  if (filter === "flate") return createInflate({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: 64 * 1024 });
  if (filter === "lzw") return chunkTransform(new LzwDecoder());
  if (filter === "rl") return chunkTransform(new RunLengthDecoder());
  const whole: Uint8Array[] = [];
  // ASCII filters only shrink data; decoding them whole costs at most the input's size.
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      whole.push(chunk);
      done();
    },
    flush(done) {
      const input = Buffer.concat(whole);
      done(null, filter === "ahx" ? decodeAsciiHex(input) : decodeAscii85(input));
    },
  });
}

function chunkTransform(decoder: { push(input: Uint8Array, out: (b: Uint8Array) => void): void }) {
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      try {
        decoder.push(chunk, (b) => this.push(b));
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
}

function pieces(bytes: Uint8Array): Readable {
  let at = 0;
  return new Readable({
    read() {
      if (at >= bytes.length) this.push(null);
      else {
        this.push(bytes.subarray(at, Math.min(bytes.length, at + INPUT_PIECE)));
        at += INPUT_PIECE;
      }
    },
  });
}

/**
 * Decodes one stream through its filters, counting what comes out; returns the decoded size.
 * Charges the file's budget as it goes unless `image`; a stream that cannot be decoded (corrupt,
 * encrypted) counts what it gave before failing, as pdfjs would stop there too.
 */
async function measureStream(
  bytes: Uint8Array,
  stream: PdfStream,
  budget: DecodeBudget,
  charge: boolean,
): Promise<number> {
  const filters = decodable(stream.filters);
  const what = `PDF stream ${stream.object}`;
  const data = bytes.subarray(stream.start, stream.end);
  if (filters.length === 0) {
    if (charge) budget.charge(data.length, what);
    return data.length;
  }
  let total = 0;
  const limit = budget.limits.maxDecodedBytes;
  const counter = new Writable({
    write(chunk: Buffer, _enc, done) {
      total += chunk.length;
      try {
        if (charge) budget.charge(chunk.length, what);
        else if (total > limit)
          throw new DecodeLimitError(
            "decode-limit",
            `${what} (an image) inflates past ${formatSize(limit)}`,
            what,
          );
        else budget.checkTime(what);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  try {
    await pipeline([pieces(data), ...filters.map(transformOf), counter]);
  } catch (err) {
    if (err instanceof DecodeLimitError) throw err;
  }
  return total;
}

/**
 * Throws a DecodeLimitError (code decode-limit or time-limit) when the streams pdfjs may decode for
 * text inflate past the budget, or one stream alone does; otherwise returns the decoded total.
 */
export async function checkPdfStreams(bytes: Uint8Array, budget: DecodeBudget): Promise<number> {
  let total = 0;
  for (const stream of findPdfStreams(bytes)) {
    total += await measureStream(bytes, stream, budget, !stream.image);
    budget.checkTime("the PDF");
  }
  return total;
}
