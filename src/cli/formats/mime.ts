/**
 * A small, careful MIME reader for stored mail (.eml): headers (unfolded, RFC 2047 encoded words,
 * RFC 2231 parameters), multipart bodies split on their boundaries, and base64 / quoted-printable
 * transfer encodings. It reads what it can and never throws on malformed input: a missing closing
 * boundary ends at the body's end, a bad encoded word stays as written. Structure is parsed on a
 * latin1 view of the bytes (one char per byte), so no byte is lost before a part is decoded.
 */

export interface MimeHeader {
  name: string;
  /** Unfolded (line breaks before whitespace removed), surrounding whitespace trimmed, not decoded. */
  value: string;
}

export interface MimePart {
  headers: MimeHeader[];
  /** Lower-case `type/subtype`; `text/plain` when absent (RFC 2045). */
  contentType: string;
  params: Record<string, string>;
  disposition: string | null;
  /** From Content-Disposition filename or Content-Type name, encoded words decoded. */
  filename: string | null;
  /**
   * Body with the transfer encoding undone (still in its charset), decoded anew on each read: a
   * message holds its attachments encoded, and only the one being read is ever decoded.
   */
  readonly body: Uint8Array;
  /** Decoded size without decoding: exact for identity encodings, an upper bound otherwise. */
  readonly bodySizeBound: number;
  children: MimePart[];
}

export interface MimeLimits {
  maxDepth: number;
  maxParts: number;
}

export const DEFAULT_MIME_LIMITS: MimeLimits = { maxDepth: 20, maxParts: 2000 };

export function splitHeaderBody(raw: string): { header: string; body: string } {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  if (crlf < 0 && lf < 0) return { header: raw, body: "" };
  if (lf >= 0 && (crlf < 0 || lf < crlf)) return { header: raw.slice(0, lf), body: raw.slice(lf + 2) };
  return { header: raw.slice(0, crlf), body: raw.slice(crlf + 4) };
}

const FIELD = /^([!-9;-~]+)[ \t]*:(.*)$/;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** RFC 6532 allows raw UTF-8 in headers; the latin1 view shows it as mojibake until decoded. */
function utf8IfValid(latin1: string): string {
  if (!/[\u0080-\u00ff]/.test(latin1)) return latin1;
  try {
    return strictUtf8.decode(latin1Bytes(latin1));
  } catch {
    return latin1;
  }
}

/** Header fields in order. Lines that are neither fields nor continuations (an mbox "From " line) are skipped. */
export function parseHeaders(header: string): MimeHeader[] {
  const out: MimeHeader[] = [];
  let current: { name: string; parts: string[] } | null = null;
  const flush = () => {
    if (current) out.push({ name: current.name, value: utf8IfValid(current.parts.join("").trim()) });
    current = null;
  };
  for (const line of header.split(/\r?\n/)) {
    if (line.length === 0) continue;
    if ((line[0] === " " || line[0] === "\t") && current) {
      (current as { parts: string[] }).parts.push(line);
      continue;
    }
    flush();
    const m = FIELD.exec(line);
    if (m) current = { name: m[1], parts: [m[2]] };
  }
  flush();
  return out;
}

export function headerValue(headers: readonly MimeHeader[], name: string): string | null {
  const wanted = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === wanted)?.value ?? null;
}

const latin1Decoder = new TextDecoder("latin1");

export function latin1Bytes(s: string): Uint8Array {
  return Buffer.from(s, "latin1");
}

export function bytesAsLatin1(b: Uint8Array): string {
  return latin1Decoder.decode(b);
}

/** Text in a named charset; unknown charsets fall back to UTF-8 (digits and ASCII survive either way). */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? "utf-8").trim().toLowerCase() || "utf-8";
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

const QP_ESCAPE = /=(?:[ \t]*\r?\n|([0-9A-Fa-f]{2}))/g;

/**
 * Quoted-printable: `=XX` escapes and soft line breaks (`=` at a line end, trailing blanks allowed);
 * a `=` that starts neither stays as written. Works on the latin1 view, one char per byte.
 */
export function decodeQuotedPrintable(s: string): Uint8Array {
  const decoded = s.replace(QP_ESCAPE, (_m, hex: string | undefined) =>
    hex === undefined ? "" : String.fromCharCode(parseInt(hex, 16)),
  );
  return latin1Bytes(decoded);
}

export function decodeBase64(s: string): Uint8Array {
  return Buffer.from(s.replace(/[^A-Za-z0-9+/]/g, ""), "base64");
}

function decodeTransfer(body: string, encoding: string | null): Uint8Array {
  const e = (encoding ?? "").trim().toLowerCase();
  if (e === "base64") return decodeBase64(body);
  if (e === "quoted-printable") return decodeQuotedPrintable(body);
  return latin1Bytes(body);
}

const ENCODED_WORD = /=\?([^?\s]{1,64})\?([BbQq])\?([^?\s]*)\?=/g;

/** RFC 2047: `=?utf-8?B?…?=` and `=?iso-8859-1?Q?…?=`; whitespace between adjacent encoded words is dropped. */
export function decodeEncodedWords(value: string): string {
  if (!value.includes("=?")) return value;
  const joined = value.replace(/(\?=)\s+(=\?)/g, "$1$2");
  return joined.replace(ENCODED_WORD, (whole, charset: string, kind: string, text: string) => {
    const cs = charset.split("*")[0];
    try {
      const bytes =
        kind.toUpperCase() === "B" ? decodeBase64(text) : decodeQuotedPrintable(text.replace(/_/g, " "));
      return decodeCharset(bytes, cs);
    } catch {
      return whole;
    }
  });
}

/** `type/subtype; a=b; c="d;e"` with RFC 2231 `name*=charset''%xx` and `name*0*=` continuations. */
export function parseStructuredValue(value: string): { value: string; params: Record<string, string> } {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"' && value[i - 1] !== "\\") quoted = !quoted;
    if (c === ";" && !quoted) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  const main = (parts.shift() ?? "").trim().toLowerCase();
  const raw = new Map<string, { value: string; extended: boolean }>();
  const continued = new Map<string, Array<{ index: number; value: string; extended: boolean }>>();
  for (const p of parts) {
    const eq = p.indexOf("=");
    if (eq < 0) continue;
    const name = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(.)/g, "$1");
    const m = /^([^*]+)\*(\d+)(\*?)$/.exec(name);
    if (m) {
      const list = continued.get(m[1]) ?? [];
      list.push({ index: Number(m[2]), value: v, extended: m[3] === "*" });
      continued.set(m[1], list);
    } else if (name.endsWith("*")) raw.set(name.slice(0, -1), { value: v, extended: true });
    else if (!raw.has(name)) raw.set(name, { value: v, extended: false });
  }
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, v] of raw)
    params[name] = v.extended ? decode2231(v.value, true) : decodeEncodedWords(v.value);
  for (const [name, list] of continued) {
    list.sort((a, b) => a.index - b.index);
    const first = list[0];
    let charset: string | undefined;
    let text = "";
    list.forEach((piece, i) => {
      let v = piece.value;
      if (i === 0 && first.extended) {
        const m = /^([^']*)'[^']*'(.*)$/.exec(v);
        if (m) {
          charset = m[1] || undefined;
          v = m[2];
        }
      }
      text += piece.extended ? v : percentEncodeBytes(v);
    });
    params[name] = decodePercent(text, charset);
  }
  return { value: main, params };
}

function percentEncodeBytes(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += "%" + (s.charCodeAt(i) & 0xff).toString(16).padStart(2, "0");
  return out;
}

function decodePercent(s: string, charset: string | undefined): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(s.charCodeAt(i) & 0xff);
  }
  return decodeCharset(Uint8Array.from(bytes), charset);
}

function decode2231(v: string, withCharset: boolean): string {
  if (!withCharset) return decodePercent(v, undefined);
  const m = /^([^']*)'[^']*'(.*)$/.exec(v);
  return m ? decodePercent(m[2], m[1] || undefined) : decodePercent(v, undefined);
}

function findBoundaries(
  body: string,
  boundary: string,
): Array<{ start: number; end: number; close: boolean }> {
  const delimiter = "--" + boundary;
  const found: Array<{ start: number; end: number; close: boolean }> = [];
  let from = 0;
  for (;;) {
    const i = body.indexOf(delimiter, from);
    if (i < 0) break;
    from = i + delimiter.length;
    if (i > 0 && body[i - 1] !== "\n") continue;
    const close = body.startsWith("--", i + delimiter.length);
    let lineEnd = body.indexOf("\n", i);
    if (lineEnd < 0) lineEnd = body.length;
    else lineEnd += 1;
    found.push({ start: i, end: lineEnd, close });
    if (close) break;
  }
  return found;
}

function stripTrailingBreak(s: string): string {
  if (s.endsWith("\r\n")) return s.slice(0, -2);
  if (s.endsWith("\n")) return s.slice(0, -1);
  return s;
}

interface ParseState {
  parts: number;
  limits: MimeLimits;
  truncated: boolean;
}

function parseEntity(header: string, body: string, depth: number, state: ParseState): MimePart {
  state.parts++;
  const headers = parseHeaders(header);
  const ct = parseStructuredValue(headerValue(headers, "content-type") ?? "text/plain");
  const contentType = /^[\w.+-]+\/[\w.+-]+$/.test(ct.value) ? ct.value : "text/plain";
  const cd = headerValue(headers, "content-disposition");
  const disposition = cd ? parseStructuredValue(cd) : null;
  const filename = disposition?.params.filename ?? ct.params.name ?? null;
  let encoded = "";
  const encoding = headerValue(headers, "content-transfer-encoding");
  const part: MimePart = {
    headers,
    contentType,
    params: ct.params,
    disposition: disposition?.value ?? null,
    filename: filename === null ? null : decodeEncodedWords(filename),
    get body() {
      return decodeTransfer(encoded, encoding);
    },
    get bodySizeBound() {
      return encoded.length;
    },
    children: [],
  };
  const boundary = ct.params.boundary;
  if (contentType.startsWith("multipart/") && boundary) {
    if (depth >= state.limits.maxDepth) {
      state.truncated = true;
      return part;
    }
    const marks = findBoundaries(body, boundary);
    for (let k = 0; k < marks.length; k++) {
      if (marks[k].close) break;
      if (state.parts >= state.limits.maxParts) {
        state.truncated = true;
        break;
      }
      const next = marks[k + 1]?.start ?? body.length;
      const content = stripTrailingBreak(body.slice(marks[k].end, next));
      const split = splitPartHeader(content);
      part.children.push(parseEntity(split.header, split.body, depth + 1, state));
    }
    return part;
  }
  encoded = body;
  return part;
}

/** A part with no headers starts with its blank line; splitHeaderBody would find a later one. */
function splitPartHeader(content: string): { header: string; body: string } {
  if (content.startsWith("\r\n")) return { header: "", body: content.slice(2) };
  if (content.startsWith("\n")) return { header: "", body: content.slice(1) };
  return splitHeaderBody(content);
}

export interface ParsedMessage {
  /** The top-level header block as written (folded), for the label codecs. */
  headerText: string;
  root: MimePart;
  /** Depth or part limits stopped the parse. */
  truncated: boolean;
}

export function parseMessage(bytes: Uint8Array, limits: MimeLimits = DEFAULT_MIME_LIMITS): ParsedMessage {
  const raw = bytesAsLatin1(bytes);
  const { header, body } = splitHeaderBody(raw);
  const state: ParseState = { parts: 0, limits, truncated: false };
  const root = parseEntity(header, body, 0, state);
  return { headerText: header, root, truncated: state.truncated };
}

/** Leaves in document order (multipart containers are walked, not returned). */
export function leafParts(part: MimePart): MimePart[] {
  if (part.children.length === 0) return part.contentType.startsWith("multipart/") ? [] : [part];
  return part.children.flatMap(leafParts);
}
