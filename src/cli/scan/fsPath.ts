/**
 * File names as the file system has them. On Linux a name is bytes, and not every byte sequence is
 * UTF-8: a name that is not cannot survive a JavaScript string (Node would replace its bytes with
 * U+FFFD, and the file would then "not exist"). Such paths travel as Buffers from the folder walk to
 * the rename that labels them; every other path stays a string. Reports and messages show a path
 * with each byte that is not part of valid UTF-8 written as \xNN, and the commands accept that
 * spelling back, so a path copied from a report reaches the same file.
 */
import { existsSync } from "node:fs";
import { basename, dirname, join, sep } from "node:path";

export type FsPath = string | Buffer;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** A name read as bytes: a string when it is valid UTF-8 (the same file either way), else the bytes. */
export function pathFromBytes(bytes: Uint8Array): FsPath {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return Buffer.from(bytes);
  }
}

/** A path that crossed a worker boundary arrives as a Uint8Array: a Buffer again, without a copy. */
export function asFsPath(path: string | Uint8Array): FsPath {
  if (typeof path === "string" || Buffer.isBuffer(path)) return path;
  return Buffer.from(path.buffer, path.byteOffset, path.length);
}

/** The path for people: valid UTF-8 as it is, every other byte as \xNN. */
export function displayPath(path: FsPath | Uint8Array): string {
  if (typeof path === "string") return path;
  let out = "";
  let i = 0;
  while (i < path.length) {
    const length = validSequenceLength(path, i);
    if (length === 0) {
      out += `\\x${path[i].toString(16).padStart(2, "0")}`;
      i++;
    } else {
      out += Buffer.from(path.subarray(i, i + length)).toString("utf8");
      i += length;
    }
  }
  return out;
}

/** The length of the valid UTF-8 sequence at `i` (1–4), or 0 when the byte starts none. */
function validSequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? (c <= 0xef ? 3 : 0) : c >= 0xc2 ? 2 : 0;
  if (n === 0 || i + n > b.length) return 0;
  try {
    strictUtf8.decode(b.subarray(i, i + n));
    return n;
  } catch {
    return 0;
  }
}

/** `a/b` for a folder and a name read from it (as bytes when either is). */
export function joinPath(dir: FsPath, name: FsPath): FsPath {
  if (typeof dir === "string" && typeof name === "string") return join(dir, name);
  const d = typeof dir === "string" ? Buffer.from(dir) : dir;
  const n = typeof name === "string" ? Buffer.from(name) : name;
  const slash = d.length > 0 && d[d.length - 1] === sep.charCodeAt(0) ? [] : [Buffer.from(sep)];
  return Buffer.concat([d, ...slash, n]);
}

/** The folder of a path, in the same form. */
export function dirnamePath(path: FsPath): FsPath {
  if (typeof path === "string") return dirname(path);
  const at = path.lastIndexOf(sep.charCodeAt(0));
  if (at < 0) return Buffer.from(".");
  return at === 0 ? Buffer.from(sep) : path.subarray(0, at);
}

/** The last name of a path, in the same form. */
export function basenamePath(path: FsPath): FsPath {
  if (typeof path === "string") return basename(path);
  return path.subarray(path.lastIndexOf(sep.charCodeAt(0)) + 1);
}

/** `\xNN` escapes back to bytes: the path a report shows, as the file system has it. */
export function parseDisplayPath(text: string): FsPath {
  if (!/\\x[0-9a-fA-F]{2}/.test(text)) return text;
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of text.matchAll(/\\x([0-9a-fA-F]{2})/g)) {
    parts.push(Buffer.from(text.slice(last, m.index), "utf8"), Buffer.from([parseInt(m[1], 16)]));
    last = m.index! + m[0].length;
  }
  parts.push(Buffer.from(text.slice(last), "utf8"));
  return Buffer.concat(parts);
}

/** A command-line path: as given when it exists, else its \xNN escapes read back as bytes. */
export function commandLinePath(arg: string): FsPath {
  if (existsSync(arg)) return arg;
  const bytes = parseDisplayPath(arg);
  return typeof bytes !== "string" && existsSync(bytes) ? bytes : arg;
}
