import { isDigitCode } from "./candidates";

/**
 * The detectors run in classic Outlook's JavaScript-only runtime at send, which before build 2403 is
 * ES2016: no lookbehind. A pattern written there with `(?<!…)` either fails to compile or, once the
 * event build swaps it for a never-matching one, finds nothing. So the left-hand boundary every
 * detector needs ("no letter or digit right before the match") is built from ES2016 parts instead.
 */

/** Character-class body for `(?<![0-9A-Za-z])`, the boundary of every number and keyword. */
export const LETTER_OR_DIGIT = "0-9A-Za-z";

/** Whether a match may start at `at` in `text`: a further lookbehind, checked in code. */
export type StartCheck = (text: string, at: number) => boolean;

const DOT = 0x2e;

/** `(?<![0-9]\.)`: not right after a digit and a dot. */
export function notAfterDigitAndDot(text: string, at: number): boolean {
  return !(text.charCodeAt(at - 1) === DOT && isDigitCode(text.charCodeAt(at - 2)));
}

const nativeExec = RegExp.prototype.exec;

/**
 * A copy of the global `pattern` that matches exactly what `(?<![notAfter])pattern` would (and, with
 * `mayStartAt`, only where that holds too), through every path that reads matches: `exec` directly,
 * and `test`, `match`, `replace` and `search`, which call a regex's own `exec` (ES2015).
 *
 * How: a match at the very start of the text is tried anchored there; any other match is found as
 * `[^notAfter]pattern`, which lets the regex engine itself skip positions inside a run of letters or
 * digits as cheaply as the lookbehind did, and the one consumed character is then taken off the
 * match (a non-capturing prefix: group numbers and backreferences stay as written). A search from
 * `lastIndex` starts one character earlier, so that character can be the prefix. `mayStartAt`
 * rejects a start after the fact; the search then goes on from the next position, as the
 * lookbehind pattern would. `pattern` must not start with `^` or a lookbehind of its own.
 */
export function withLeftBoundary(pattern: RegExp, notAfter: string, mayStartAt?: StartCheck): RegExp {
  // Without `g` exec ignores lastIndex; with `y` a rejected start must fail instead of moving on;
  // with `u` the prefix may take two code units.
  if (!pattern.global || pattern.sticky || pattern.unicode) {
    throw new RangeError(
      `withLeftBoundary needs a global pattern without y or u: /${pattern.source}/${pattern.flags}`,
    );
  }
  const { source, flags } = pattern;
  const bounded = new RegExp(source, flags);
  const atTextStart = new RegExp(source, `${flags.replace("g", "")}y`);
  const afterBoundary = new RegExp(`[^${notAfter}](?:${source})`, flags);
  // An own property rather than a subclass: it survives whatever RegExp constructor a build or a
  // test runtime substitutes, and `exec` is what every RegExp method reads matches through.
  bounded.exec = function exec(this: RegExp, input: string): RegExpExecArray | null {
    const text = String(input);
    let from = this.lastIndex;
    for (;;) {
      let match: RegExpExecArray | null = null;
      if (from === 0) {
        atTextStart.lastIndex = 0;
        match = nativeExec.call(atTextStart, text);
      }
      if (match === null) {
        afterBoundary.lastIndex = from === 0 ? 0 : from - 1;
        match = from > text.length ? null : nativeExec.call(afterBoundary, text);
        if (match === null) {
          this.lastIndex = 0;
          return null;
        }
        match[0] = match[0].slice(1);
        match.index += 1;
      }
      if (mayStartAt === undefined || mayStartAt(text, match.index)) {
        this.lastIndex = match.index + match[0].length;
        return match;
      }
      from = match.index + 1;
    }
  };
  return bounded;
}
