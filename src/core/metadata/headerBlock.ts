/**
 * RFC 5322 header blocks as a read pane or a scanner gets them (CRLF from Exchange, LF from files):
 * split into fields and unfold. Nothing here knows about labels.
 */
import { MetadataFormatError, quoteForError } from "./types";

/**
 * Exchange's per-message header quota (256 KB). No header block or single value we accept may be
 * larger, so hostile input is refused before any work proportional to it is done.
 */
export const MAX_HEADER_LENGTH = 256 * 1024;

export interface HeaderField {
  /** As written (header names compare case-insensitively). */
  name: string;
  /** Unfolded, surrounding whitespace trimmed. */
  value: string;
}

const FOLD = /\r?\n(?=[ \t])/g;
const LINE_BREAK = /\r?\n/;
/** Printable ASCII except colon, then optional obsolete whitespace before the colon (RFC 5322 §4.5.3). */
const FIELD_START = /^([!-9;-~]+)[ \t]*:/;

/** RFC 5322 §2.2.3: unfolding removes every CRLF that is followed by whitespace. */
export function unfoldHeaderValue(value: string): string {
  return value.replace(FOLD, "");
}

export function checkHeaderLength(text: string, where: string): void {
  if (typeof text !== "string") throw new MetadataFormatError(where, "the header is not text");
  if (text.length > MAX_HEADER_LENGTH) {
    throw new MetadataFormatError(
      where,
      `${text.length} characters exceed the ${MAX_HEADER_LENGTH}-character header limit`,
    );
  }
}

/**
 * Splits a raw header block into unfolded fields, in order. Reading stops at the first empty line
 * (the body follows it); leading empty lines are skipped. A line that is neither a field nor a
 * continuation is refused with its line number.
 */
export function parseHeaderBlock(raw: string): HeaderField[] {
  checkHeaderLength(raw, "header block");
  const lines = raw.split(LINE_BREAK);
  const fields: HeaderField[] = [];
  let current: { name: string; parts: string[] } | null = null;
  const flush = () => {
    if (current) fields.push({ name: current.name, value: current.parts.join("").trim() });
  };
  let started = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === "") {
      if (started) break;
      continue;
    }
    started = true;
    if (line[0] === " " || line[0] === "\t") {
      if (!current) {
        throw new MetadataFormatError(
          `header line ${i + 1}`,
          "a continuation line has no header field to continue",
        );
      }
      current.parts.push(line);
      continue;
    }
    const m = FIELD_START.exec(line);
    if (!m) {
      throw new MetadataFormatError(`header line ${i + 1}`, `${quoteForError(line)} is not a header field`);
    }
    flush();
    current = { name: m[1], parts: [line.slice(m[0].length)] };
  }
  flush();
  return fields;
}

/** All values of the fields with this name (case-insensitive), in order. */
export function headerValues(fields: readonly HeaderField[], name: string): string[] {
  const wanted = name.toLowerCase();
  return fields.filter((f) => f.name.toLowerCase() === wanted).map((f) => f.value);
}
