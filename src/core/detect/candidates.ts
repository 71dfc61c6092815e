/**
 * Finding candidate numbers: bounded regexes run over a range of the text, and the boundary rules
 * that keep a candidate from being a slice of something longer.
 */

/**
 * Calls `visit` for each match of the global `pattern` inside [from, to) of `text`, with absolute
 * offsets. Stops early when `visit` returns false; returns false in that case.
 */
export function forEachMatch(
  text: string,
  pattern: RegExp,
  from: number,
  to: number,
  visit: (match: RegExpExecArray, start: number) => boolean,
): boolean {
  // A slice is O(1) in V8 and keeps the regex from running past `to`.
  const scanned = from === 0 && to === text.length ? text : text.slice(from, to);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(scanned); m !== null; m = pattern.exec(scanned)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    if (!visit(m, from + m.index)) return false;
  }
  return true;
}

const DASH = 0x2d;

export function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isAlnumCode(code: number): boolean {
  return isDigitCode(code) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * True when [start, end) of the whole text stands on its own: no letter or digit touches it, it is
 * not joined to another number by a dash, and — for a number grouped by `separator` — the grouping
 * does not carry on before or after it ("4111 1111 1111 1111 1111" holds no 16-digit card).
 * Checked against the whole text, not the scanned slice, so a number cut by `maxChars` or by a
 * keyword region is never taken for a shorter one.
 */
export function standsAlone(text: string, start: number, end: number, separator?: string): boolean {
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(end);
  if (isAlnumCode(before) || isAlnumCode(after)) return false;
  const sep = separator === undefined ? DASH : separator.charCodeAt(0);
  if ((before === DASH || before === sep) && isDigitCode(text.charCodeAt(start - 2))) return false;
  if ((after === DASH || after === sep) && isDigitCode(text.charCodeAt(end + 1))) return false;
  return true;
}

/** The digits of a candidate, separators dropped. */
export function digitsOf(candidate: string): string {
  return candidate.replace(/[^0-9]/g, "");
}
