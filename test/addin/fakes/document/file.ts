/**
 * `Office.context.document.getFileAsync` as @types/office-js documents it, over the bytes of a
 * real Office file: `getFileAsync(fileType, { sliceSize }, callback)` gives a File with `size` and
 * `sliceCount`; `File.getSliceAsync(index, callback)` gives a Slice whose `data` is the byte array
 * (number[]) of that slice, with `index` and `size`; `File.closeAsync(callback)` closes it. Slices
 * above 4194304 bytes fail with "Internal Error"; Office keeps no more than two files in memory, so
 * a third getFileAsync fails until one is closed. Only `Compressed` is served here.
 *
 * Without given bytes the document is a new one: a minimal package with no labels, made with
 * fflate (the tests that are about labels feed real files from test/fixtures/real-labels/office).
 */
import { strToU8, zipSync } from "fflate";

export const MAX_SLICE_SIZE = 4194304;

type Callback = (result: unknown) => void;

export interface FakeFileStats {
  /** getFileAsync calls that gave a File. */
  opened: number;
  /** Files not closed yet. */
  open: number;
  slices: number;
}

export interface FakeDocumentFile {
  getFileAsync(fileType: unknown, ...rest: unknown[]): void;
  stats: FakeFileStats;
  /** Office saved another state of the document (e.g. its own label control wrote LabelInfo.xml). */
  setBytes(bytes: Uint8Array): void;
  bytes(): Uint8Array;
  /** Each slice is answered after this many milliseconds (to exercise the add-in's time bound). */
  setSliceDelay(ms: number): void;
}

/** A package Office would make of a new, never labeled document. */
export function newDocumentPackage(host: "Word" | "Excel" | "PowerPoint"): Uint8Array {
  const main = { Word: "word/document.xml", Excel: "xl/workbook.xml", PowerPoint: "ppt/presentation.xml" }[
    host
  ];
  return zipSync({
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/></Relationships>`,
    ),
    [main]: strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><root/>'),
  });
}

function answer(callback: Callback | undefined, result: unknown, delayMs = 0): void {
  const done = () => callback?.(result);
  if (delayMs > 0) setTimeout(done, delayMs);
  else void Promise.resolve().then(done);
}

const failed = (message: string, code = 5001) => ({
  status: "failed",
  value: undefined,
  error: { code, name: "Internal Error", message },
});

export function createDocumentFile(initial: Uint8Array): FakeDocumentFile {
  let bytes = initial;
  let sliceDelay = 0;
  const stats: FakeFileStats = { opened: 0, open: 0, slices: 0 };
  return {
    stats,
    setBytes: (b) => {
      bytes = b;
    },
    bytes: () => bytes,
    setSliceDelay: (ms) => {
      sliceDelay = ms;
    },
    getFileAsync(fileType: unknown, ...rest: unknown[]): void {
      const callback = rest.find((a) => typeof a === "function") as Callback | undefined;
      const options = (rest.find((a) => typeof a === "object" && a !== null) ?? {}) as { sliceSize?: number };
      const sliceSize = options.sliceSize ?? MAX_SLICE_SIZE;
      if (fileType !== "compressed")
        return answer(callback, failed(`file type ${String(fileType)} is not served`));
      if (!(sliceSize > 0) || sliceSize > MAX_SLICE_SIZE) return answer(callback, failed("Internal Error"));
      if (stats.open >= 2)
        return answer(callback, failed("No more than two documents are allowed to be in memory"));
      const copy = bytes.slice();
      let closed = false;
      stats.opened++;
      stats.open++;
      const file = {
        size: copy.length,
        sliceCount: Math.max(1, Math.ceil(copy.length / sliceSize)),
        getSliceAsync(index: number, cb?: Callback): void {
          if (closed || !Number.isInteger(index) || index < 0 || index >= file.sliceCount)
            return answer(cb, failed(`slice ${index} is not available`));
          stats.slices++;
          const data = Array.from(copy.subarray(index * sliceSize, (index + 1) * sliceSize));
          answer(
            cb,
            { status: "succeeded", value: { data, index, size: data.length }, error: null },
            sliceDelay,
          );
        },
        closeAsync(cb?: Callback): void {
          if (!closed) {
            closed = true;
            stats.open--;
          }
          answer(cb, { status: "succeeded", value: undefined, error: null });
        },
      };
      answer(callback, { status: "succeeded", value: file, error: null });
    },
  };
}
