/**
 * Readers for the classification headers other than `msip_labels` that a read pane shows
 * (docs/reference/protective-markings.md §3): legacy Exchange message classifications, Titus metadata and RFC 7444
 * `SIO-Label`. Read-only, never written. `X-Protective-Marking` (EPMS) lives in src/core/marking.
 */
import { type HeaderField, checkHeaderLength, headerValues, parseHeaderBlock } from "./headerBlock";
import { MetadataFormatError, quoteForError } from "./types";

type Headers = string | readonly HeaderField[];

function fieldsOf(headers: Headers): readonly HeaderField[] {
  return typeof headers === "string" ? parseHeaderBlock(headers) : headers;
}

function first(fields: readonly HeaderField[], name: string): string | null {
  return headerValues(fields, name)[0] ?? null;
}

/** A legacy Exchange message classification ([MS-OXCMAIL] §2.1.3.2.17), values as found. */
export interface ExchangeClassification {
  /** `X-Microsoft-Classified`; null when absent or neither true nor false. */
  classified: boolean | null;
  /** `X-Microsoft-Classification`: the classification's name. */
  classification: string | null;
  /** `X-Microsoft-ClassDesc`: the description shown to the reader. */
  description: string | null;
  /** `X-Microsoft-ClassID`: the classification's GUID as written. */
  classId: string | null;
}

/** Null when none of the four headers is present. */
export function readExchangeClassification(headers: Headers): ExchangeClassification | null {
  const fields = fieldsOf(headers);
  const classifiedText = first(fields, "X-Microsoft-Classified");
  const result: ExchangeClassification = {
    classified: null,
    classification: first(fields, "X-Microsoft-Classification"),
    description: first(fields, "X-Microsoft-ClassDesc"),
    classId: first(fields, "X-Microsoft-ClassID"),
  };
  if (classifiedText !== null) {
    const v = classifiedText.toLowerCase();
    result.classified = v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : null;
  }
  const present =
    classifiedText !== null ||
    result.classification !== null ||
    result.description !== null ||
    result.classId !== null;
  return present ? result : null;
}

/** One `X-Titus-Metadata-<n>` header: opaque (base64 JSON in practice), kept as found. */
export interface TitusMetadataPart {
  index: number;
  name: string;
  value: string;
}

const TITUS = /^x-titus-metadata-(\d{1,6})$/i;

/** Titus headers in index order; empty when the message carries none. */
export function readTitusMetadata(headers: Headers): TitusMetadataPart[] {
  const parts: TitusMetadataPart[] = [];
  for (const field of fieldsOf(headers)) {
    const m = TITUS.exec(field.name);
    if (m) parts.push({ index: Number(m[1]), name: field.name, value: field.value });
  }
  return parts.sort((a, b) => a.index - b.index);
}

/** An RFC 7444 security label header. */
export interface SioLabel {
  /** The display marking, e.g. `SECRET`. */
  marking: string | null;
  fgcolor: string | null;
  bgcolor: string | null;
  /** How `label` is encoded: `:ess` (base64 DER), `:xml`, `:x411`. */
  type: string | null;
  /** The structural label, as carried (not decoded). */
  label: string | null;
  /** Every parameter, names lower-cased, RFC 2231 continuations joined. */
  parameters: Record<string, string>;
}

const TSPECIALS = '()<>@,;:\\"/[]?=';

function isTokenChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code > 32 && code < 127 && !TSPECIALS.includes(ch);
}

/**
 * MIME parameters (`name=value; name="quoted \" value"`) as in RFC 2045 with RFC 2231
 * continuations (`label*0=…; label*1=…`) and extended values (`name*=utf-8''%E2%82%AC`).
 * A single forward scan: linear in the input.
 */
export function parseMimeParameters(value: string, where: string): Record<string, string> {
  checkHeaderLength(value, where);
  const raw: Array<{ name: string; value: string }> = [];
  let i = 0;
  const n = value.length;
  const skipSpace = () => {
    while (i < n && (value[i] === " " || value[i] === "\t" || value[i] === "\r" || value[i] === "\n")) i++;
  };
  while (i < n) {
    skipSpace();
    if (i < n && value[i] === ";") {
      i++;
      continue;
    }
    if (i >= n) break;
    const nameStart = i;
    while (i < n && (isTokenChar(value[i]) || value[i] === "*")) i++;
    const name = value.slice(nameStart, i).toLowerCase();
    skipSpace();
    if (name === "" || value[i] !== "=") {
      throw new MetadataFormatError(where, `expected name=value at character ${nameStart + 1}`);
    }
    i++;
    skipSpace();
    let parsed = "";
    if (value[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const ch = value[i];
        if (ch === "\\" && i + 1 < n) {
          parsed += value[i + 1];
          i += 2;
        } else if (ch === '"') {
          i++;
          closed = true;
          break;
        } else {
          parsed += ch;
          i++;
        }
      }
      if (!closed)
        throw new MetadataFormatError(where, `parameter ${quoteForError(name)} has an unclosed quote`);
    } else {
      const valueStart = i;
      while (i < n && value[i] !== ";" && value[i] !== " " && value[i] !== "\t") i++;
      parsed = value.slice(valueStart, i);
    }
    raw.push({ name, value: parsed });
    skipSpace();
    if (i < n && value[i] !== ";") {
      throw new MetadataFormatError(where, `expected ';' after parameter ${quoteForError(name)}`);
    }
  }
  return joinContinuations(raw);
}

const CONTINUATION = /^([^*]+)\*(\d{1,3})(\*?)$/;
const EXTENDED = /^([^*]+)\*$/;
const CHARSET_PREFIX = /^([^']*)'[^']*'/;

function decodeExtended(text: string, withCharset: boolean): string {
  let body = text;
  let charset = "utf-8";
  if (withCharset) {
    const m = CHARSET_PREFIX.exec(text);
    if (m) {
      charset = m[1].toLowerCase();
      body = text.slice(m[0].length);
    }
  }
  if (charset !== "utf-8" && charset !== "us-ascii" && charset !== "") return text;
  try {
    return decodeURIComponent(body);
  } catch {
    return body; // best effort: a malformed escape is shown as written
  }
}

function joinContinuations(raw: Array<{ name: string; value: string }>): Record<string, string> {
  // A Map, not an object: parameter names come from the message (`__proto__`, `constructor`, …).
  const result = new Map<string, string>();
  const pieces = new Map<string, Array<{ index: number; value: string; extended: boolean }>>();
  for (const p of raw) {
    const c = CONTINUATION.exec(p.name);
    if (c) {
      const list = pieces.get(c[1]) ?? [];
      list.push({ index: Number(c[2]), value: p.value, extended: c[3] === "*" });
      pieces.set(c[1], list);
      continue;
    }
    const e = EXTENDED.exec(p.name);
    if (e) {
      result.set(e[1], decodeExtended(p.value, true));
      continue;
    }
    if (!result.has(p.name)) result.set(p.name, p.value);
  }
  for (const [name, list] of pieces) {
    list.sort((a, b) => a.index - b.index);
    const joined = list.map((piece, k) =>
      piece.extended ? decodeExtended(piece.value, k === 0) : piece.value,
    );
    result.set(name, joined.join(""));
  }
  // Own data properties, as Object.fromEntries (ES2019, newer than classic Outlook's runtime) makes
  // them: assignment would hand a `__proto__` parameter to the prototype setter, which drops it.
  const params: Record<string, string> = {};
  for (const [name, value] of result) {
    Object.defineProperty(params, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return params;
}

/** The message's `SIO-Label` (RFC 7444 §3); null when absent. */
export function readSioLabel(headers: Headers): SioLabel | null {
  const value = first(fieldsOf(headers), "SIO-Label");
  if (value === null) return null;
  const parameters = parseMimeParameters(value, "SIO-Label header");
  return {
    marking: parameters.marking ?? null,
    fgcolor: parameters.fgcolor ?? null,
    bgcolor: parameters.bgcolor ?? null,
    type: parameters.type ?? null,
    label: parameters.label ?? null,
    parameters,
  };
}

/** Every `SIO-Label-History` entry (RFC 7444 §4) as its parameters, in header order. */
export function readSioLabelHistory(headers: Headers): Array<Record<string, string>> {
  return headerValues(fieldsOf(headers), "SIO-Label-History").map((v, k) =>
    parseMimeParameters(v, `SIO-Label-History header ${k + 1}`),
  );
}
