/**
 * A parser for the regular expressions admins write for custom information types, in the syntax
 * Purview rule packages use (Perl/Boost style, which JavaScript shares for everything here).
 * Anything this cannot run exactly — backreferences, atomic groups, possessive quantifiers,
 * conditionals, Unicode properties, inline flags other than a leading `(?i)` — is refused with
 * the position and the reason, never approximated.
 */
import {
  complementRanges,
  DIGIT,
  DOT,
  type Node,
  normalizeRanges,
  type ParsedPattern,
  SPACE,
  WORD,
} from "./ast";

export class PatternError extends Error {
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {
    super(`${reason} (at character ${at + 1})`);
    this.name = "PatternError";
  }
}

/** Patterns longer than this are refused (Purview's own limit is of this order). */
export const MAX_PATTERN_LENGTH = 1024;
/** Largest repetition bound; larger ones would expand past any identifier's length. */
export const MAX_REPEAT = 1000;

const POSIX: Readonly<Record<string, number[]>> = {
  digit: DIGIT,
  alpha: [0x41, 0x5a, 0x61, 0x7a],
  alnum: [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a],
  upper: [0x41, 0x5a],
  lower: [0x61, 0x7a],
  space: SPACE,
  xdigit: [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
  word: WORD,
};

const code = (c: string): number => c.charCodeAt(0);
const QUANTIFIER = /^\{(\d+)(,(\d*))?\}/;

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): ParsedPattern {
    let ignoreCase = false;
    if (this.src.startsWith("(?i)")) {
      ignoreCase = true;
      this.pos = 4;
    }
    const node = this.alternation();
    if (this.pos < this.src.length) this.fail("an unmatched ')'");
    return { node, ignoreCase };
  }

  private fail(reason: string, at = this.pos): never {
    throw new PatternError(reason, at);
  }

  private peek(offset = 0): string {
    return this.src.charAt(this.pos + offset);
  }

  private alternation(): Node {
    const alts = [this.sequence()];
    while (this.peek() === "|") {
      this.pos++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0] : { t: "alt", alts };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.src.length && this.peek() !== "|" && this.peek() !== ")") {
      const start = this.pos;
      const atom = this.atom();
      items.push(this.quantified(atom, start));
    }
    return items.length === 1 ? items[0] : { t: "seq", items };
  }

  private quantified(atom: Node, start: number): Node {
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{" && QUANTIFIER.test(this.src.slice(this.pos))) {
      const m = QUANTIFIER.exec(this.src.slice(this.pos))!;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      if (max < min) this.fail(`the repetition {${m[1]},${m[3]}} has its numbers the wrong way round`);
      if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT))
        this.fail(`repetition bounds above ${MAX_REPEAT} are not supported`);
      this.pos += m[0].length - 1;
    } else return atom;
    this.pos++;
    if (atom.t === "assert" || atom.t === "look") this.fail("an assertion cannot be repeated", start);
    let greedy = true;
    if (this.peek() === "?") {
      greedy = false;
      this.pos++;
    } else if (this.peek() === "+") this.fail("possessive quantifiers are not supported");
    if (this.atQuantifier()) this.fail("a quantifier cannot follow another quantifier");
    return { t: "repeat", body: atom, min, max, greedy };
  }

  private atQuantifier(): boolean {
    const c = this.peek();
    return c === "*" || c === "+" || c === "?" || (c === "{" && QUANTIFIER.test(this.src.slice(this.pos)));
  }

  private atom(): Node {
    const c = this.peek();
    switch (c) {
      case "(":
        return this.group();
      case "[":
        return this.charClass();
      case ".":
        this.pos++;
        return { t: "set", ranges: DOT };
      case "^":
        this.pos++;
        return { t: "assert", kind: "start" };
      case "$":
        this.pos++;
        return { t: "assert", kind: "end" };
      case "\\":
        return this.escape();
      case "*":
      case "+":
      case "?":
        return this.fail(`'${c}' has nothing to repeat`);
      default:
        if (this.atQuantifier()) this.fail("'{' has nothing to repeat");
        this.pos++;
        return literal(code(c));
    }
  }

  private group(): Node {
    const open = this.pos;
    this.pos++;
    let look: { behind: boolean; negate: boolean } | undefined;
    if (this.peek() === "?") {
      const kind = this.src.slice(this.pos + 1, this.pos + 3);
      if (kind[0] === ":") this.pos += 2;
      else if (kind[0] === "=" || kind[0] === "!") {
        look = { behind: false, negate: kind[0] === "!" };
        this.pos += 2;
      } else if (kind === "<=" || kind === "<!") {
        look = { behind: true, negate: kind[1] === "!" };
        this.pos += 3;
      } else if (
        /^(P?<[A-Za-z_][A-Za-z0-9_]*>|'[A-Za-z_][A-Za-z0-9_]*')/.test(this.src.slice(this.pos + 1))
      ) {
        // A named group: nothing refers to it (backreferences are refused), so it is a plain group.
        this.pos = this.src.indexOf(this.peek(1) === "'" ? "'" : ">", this.pos + 3) + 1;
      } else if (kind[0] === ">") this.fail("atomic groups are not supported", open);
      else if (kind[0] === "(") this.fail("conditional groups are not supported", open);
      else if (kind[0] === "#") this.fail("comment groups are not supported", open);
      else this.fail("inline options are supported only as a leading (?i)", open);
    }
    const body = this.alternation();
    if (this.peek() !== ")") this.fail("this group is never closed", open);
    this.pos++;
    return look ? { t: "look", ...look, body } : body;
  }

  private escape(): Node {
    const at = this.pos;
    const c = this.peek(1);
    this.pos += 2;
    switch (c) {
      case "d":
        return { t: "set", ranges: DIGIT };
      case "D":
        return { t: "set", ranges: complementRanges(DIGIT) };
      case "w":
        return { t: "set", ranges: WORD };
      case "W":
        return { t: "set", ranges: complementRanges(WORD) };
      case "s":
        return { t: "set", ranges: SPACE };
      case "S":
        return { t: "set", ranges: complementRanges(SPACE) };
      case "b":
        return { t: "assert", kind: "word" };
      case "B":
        return { t: "assert", kind: "notWord" };
      case "A":
        return { t: "assert", kind: "start" };
      case "z":
      case "Z":
        return { t: "assert", kind: "end" };
      default:
        this.pos = at;
        return literal(this.escapedUnit());
    }
  }

  /** One escaped code unit (after `\`), inside or outside a class. */
  private escapedUnit(): number {
    const at = this.pos;
    const c = this.peek(1);
    if (c === "") this.fail("the pattern ends with a lone backslash");
    this.pos += 2;
    const hex = (n: number): number => {
      const digits = this.src.slice(this.pos, this.pos + n);
      if (!new RegExp(`^[0-9A-Fa-f]{${n}}$`).test(digits)) this.fail(`\\${c} needs ${n} hex digits`, at);
      this.pos += n;
      return parseInt(digits, 16);
    };
    switch (c) {
      case "t":
        return 0x09;
      case "n":
        return 0x0a;
      case "r":
        return 0x0d;
      case "f":
        return 0x0c;
      case "v":
        return 0x0b;
      case "e":
        return 0x1b;
      case "0":
        return 0;
      case "x":
        return hex(2);
      case "u":
        return hex(4);
      default:
        if (/[1-9]/.test(c)) this.fail("backreferences are not supported", at);
        if (c === "k") this.fail("backreferences are not supported", at);
        if (c === "p" || c === "P") this.fail("Unicode property classes are not supported", at);
        if (c === "Q") this.fail("\\Q…\\E quoting is not supported", at);
        if (c === "G" || c === "K") this.fail(`\\${c} is not supported`, at);
        if (/[A-Za-z]/.test(c)) this.fail(`\\${c} is not a known escape`, at);
        return code(c);
    }
  }

  private charClass(): Node {
    const open = this.pos;
    this.pos++;
    let negate = false;
    if (this.peek() === "^") {
      negate = true;
      this.pos++;
    }
    const pairs: number[] = [];
    let first = true;
    while (this.peek() !== "]" || first) {
      if (this.pos >= this.src.length) this.fail("this character class is never closed", open);
      first = false;
      const posix = /^\[:([a-z]+):\]/.exec(this.src.slice(this.pos));
      if (posix) {
        const ranges = POSIX[posix[1]];
        if (!ranges) this.fail(`[:${posix[1]}:] is not a known class`);
        pairs.push(...ranges);
        this.pos += posix[0].length;
        continue;
      }
      const lo = this.classAtom();
      if (lo.set) {
        pairs.push(...lo.set);
        continue;
      }
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== "") {
        const dash = this.pos;
        this.pos++;
        const hi = this.classAtom();
        if (hi.set) this.fail("a range cannot end in a class like \\d", dash);
        if (hi.unit < lo.unit) this.fail("this range has its ends the wrong way round", dash);
        pairs.push(lo.unit, hi.unit);
      } else pairs.push(lo.unit, lo.unit);
    }
    this.pos++;
    const ranges = normalizeRanges(pairs);
    return negate ? { t: "set", ranges, negate } : { t: "set", ranges };
  }

  private classAtom(): { unit: number; set?: number[] } {
    if (this.peek() !== "\\") {
      const unit = code(this.peek());
      this.pos++;
      return { unit };
    }
    const c = this.peek(1);
    const named: Readonly<Record<string, number[]>> = {
      d: DIGIT,
      D: complementRanges(DIGIT),
      w: WORD,
      W: complementRanges(WORD),
      s: SPACE,
      S: complementRanges(SPACE),
    };
    if (named[c]) {
      this.pos += 2;
      return { unit: -1, set: named[c] };
    }
    if (c === "b") {
      this.pos += 2;
      return { unit: 0x08 };
    }
    return { unit: this.escapedUnit() };
  }
}

function literal(unit: number): Node {
  return { t: "set", ranges: [unit, unit] };
}

/** Parses `source`; throws PatternError naming the position and the reason. */
export function parsePattern(source: string): ParsedPattern {
  if (source.length === 0) throw new PatternError("the pattern is empty", 0);
  if (source.length > MAX_PATTERN_LENGTH)
    throw new PatternError(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`, MAX_PATTERN_LENGTH);
  return new Parser(source).parse();
}
