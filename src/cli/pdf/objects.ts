/**
 * The few PDF objects labels live in, through @cantoo/pdf-lib: text strings of the information
 * dictionary (read and written the way Office and Microsoft's labeling write them) and the XMP
 * metadata stream (decoded within a size bound: a Flate bomb in the metadata stream is an error,
 * not an allocation).
 */
import { inflateSync } from "node:zlib";
import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFString,
} from "@cantoo/pdf-lib";
import { MAX_XML_PART_LENGTH } from "../../core/metadata";
import { FileFormatError } from "../ooxml/errors";
import { decodeXmlBytes } from "../ooxml/xmlText";

/** The decoded text of a string object; null for anything else (numbers, names, arrays …). */
export function textOf(obj: PDFObject | undefined): string | null {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  return null;
}

/** The information dictionary's entries whose values are strings, names without the slash. */
export function stringEntries(dict: PDFDict | null): Array<[string, string]> {
  if (!dict) return [];
  const out: Array<[string, string]> = [];
  for (const [key, value] of dict.entries()) {
    const text = textOf(value);
    if (text !== null) out.push([key.decodeText(), text]);
  }
  return out;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A text string as Microsoft writes label values: a literal string with `\`, `(` and `)` escaped;
 * text outside printable ASCII as UTF-16BE with a byte-order mark (the PDF text-string encoding
 * every reader decodes).
 */
export function pdfTextString(value: string): PDFString | PDFHexString {
  if (PRINTABLE_ASCII.test(value)) return PDFString.of(value.replace(/[\\()]/g, (c) => `\\${c}`));
  return PDFHexString.fromText(value);
}

/** The catalog's /Metadata stream, if it is one. */
export function metadataStream(context: PDFContext, catalog: PDFDict): PDFRawStream | null {
  const obj = context.lookup(catalog.get(PDFName.of("Metadata")));
  return obj instanceof PDFRawStream ? obj : null;
}

function filterNames(context: PDFContext, stream: PDFRawStream): string[] {
  const filter = context.lookup(stream.dict.get(PDFName.of("Filter")));
  if (filter === undefined) return [];
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (filter instanceof PDFArray)
    return filter.asArray().map((f) => {
      const name = context.lookup(f);
      return name instanceof PDFName ? name.decodeText() : "?";
    });
  return ["?"];
}

/** Decoded XMP larger than this is refused: label packets are a few kilobytes. */
export const MAX_XMP_BYTES = MAX_XML_PART_LENGTH;

/** The packet's bytes, unfiltered; only no filter and FlateDecode (without predictor) are read. */
export function xmpBytes(context: PDFContext, stream: PDFRawStream, maxBytes = MAX_XMP_BYTES): Uint8Array {
  const filters = filterNames(context, stream);
  const raw = stream.getContents();
  if (filters.length === 0) {
    if (raw.length > maxBytes)
      throw new FileFormatError(
        "too-large",
        `the XMP metadata stream is ${raw.length} bytes; over ${maxBytes} is not read`,
      );
    return raw;
  }
  if (filters.length > 1 || filters[0] !== "FlateDecode" || stream.dict.has(PDFName.of("DecodeParms")))
    throw new FileFormatError(
      "unsupported",
      `the XMP metadata stream is encoded with ${filters.join(", ")}${stream.dict.has(PDFName.of("DecodeParms")) ? " and parameters" : ""}, which Labelbridge does not decode`,
    );
  try {
    return inflateSync(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
      throw new FileFormatError(
        "too-large",
        `the XMP metadata stream inflates beyond ${maxBytes} bytes (a Flate bomb?); it is not read`,
      );
    throw new FileFormatError(
      "corrupt",
      `the XMP metadata stream cannot be inflated: ${(err as Error).message}`,
    );
  }
}

/** The packet as text (UTF-8 unless a byte-order mark says otherwise). */
export function xmpText(context: PDFContext, stream: PDFRawStream): string {
  return decodeXmlBytes(xmpBytes(context, stream));
}
