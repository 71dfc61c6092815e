import fc from "fast-check";
import { compileSafePattern } from "../../../src/core/detect/regex/safeRegex";

function matches(source: string, text: string, engine?: "linear"): Array<[number, number]> {
  const result = compileSafePattern(source, { engine });
  if (!result.ok) throw new Error(result.reason);
  const out: Array<[number, number]> = [];
  result.pattern.forEach(text, text.length, (s, e) => {
    out.push([s, e]);
    return true;
  });
  return out;
}

function nativeMatches(source: string, text: string, flags = "g"): Array<[number, number]> {
  const re = new RegExp(source, flags);
  const out: Array<[number, number]> = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

describe("compileSafePattern", () => {
  it.each([
    ["(a+)+$", "a".repeat(100_000) + "!"],
    ["(a|aa)*b", "a".repeat(100_000)],
    ["(a|a)*c", "a".repeat(50_000)],
    ["(\\d+)*x", "1".repeat(100_000)],
    ["([a-z0-9]+\\.)+[a-z]{2,6}@", "ab.".repeat(30_000)],
  ])("runs the evil pattern %s on long input in linear time and finds nothing", (source, text) => {
    const result = compileSafePattern(source);
    expect(result.ok && result.pattern.engine).toBe("linear");
    expect(matches(source, text)).toEqual([]);
  });

  it("still finds what an evil pattern matches", () => {
    expect(matches("(a+)+$", "xx aaa")).toEqual([[3, 6]]);
    expect(matches("(a|aa)*b", "aaab ab b")).toEqual([
      [0, 4],
      [5, 7],
      [8, 9],
    ]);
  });

  it.each([
    ["(a*)*b", "can match nothing"],
    ["(a?)+", "can match nothing"],
    ["(x|)+y", "can match nothing"],
    ["(a)\\1", "backreferences are not supported"],
    ["(?>a+)b", "atomic groups are not supported"],
    ["a++", "possessive quantifiers are not supported"],
    ["\\p{L}", "Unicode property classes"],
    ["(?<=a+)b", "at most 255 characters"],
    ["(?<=ab?)c", "same number of characters"],
    ["(?=.*x)y", "at most 255 characters"],
    ["a{2000}", "above 1000"],
    ["(a|b", "never closed"],
    ["[a-", "never closed"],
    ["a)", "unmatched ')'"],
    ["*a", "nothing to repeat"],
    ["a**", "cannot follow another quantifier"],
    ["(?m)a", "leading (?i)"],
    ["", "empty"],
    ["\\bx?\\b", "empty text"],
  ])("refuses %s: %s", (source, reason) => {
    const result = compileSafePattern(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("runs cheap bounded patterns natively and costly ones on the linear engine", () => {
    const engine = (s: string) => {
      const r = compileSafePattern(s);
      return r.ok ? r.pattern.engine : r.reason;
    };
    expect(engine("\\b\\d{3}[- ]?\\d{3}[- ]?\\d{3}\\b")).toBe("native");
    expect(engine("(?<![a-zA-Z])[A-Z]{2}[A-Z0-9]{6}[0-9](?![0-9])")).toBe("native");
    expect(engine("[a-z]{1,30}[a-z]{1,30}x")).toBe("linear");
    expect(engine("\\d+")).toBe("linear");
    expect(engine("a(?<=b)")).toBe("linear");
  });

  it("honours a leading one-character lookbehind natively, as ES2016 has no lookbehind", () => {
    const source = "(?<![0-9])[0-9]{7}(?![0-9])";
    const text = "1234567 x12345678 a7654321b 0000000";
    expect(matches(source, text)).toEqual(nativeMatches(source, text));
    expect(matches(source, text)).toEqual([
      [0, 7],
      [19, 26],
      [28, 35],
    ]);
  });

  it("reads (?i), POSIX classes, named groups and \\A…\\z as Purview packages write them", () => {
    expect(matches("(?i)project [[:digit:]]{2}", "PROJECT 42 project 7")).toEqual([[0, 10]]);
    expect(matches("(?<code>[A-Z]{2})-\\d", "AB-1 ab-2")).toEqual([[0, 4]]);
    expect(matches("\\AAB\\z", "AB")).toEqual([[0, 2]]);
  });

  // The linear engine must agree with JavaScript's own engine on what JavaScript runs safely.
  const atom = fc.constantFrom(
    "a",
    "b",
    "1",
    " ",
    "[ab]",
    "[^a ]",
    "\\d",
    "\\w",
    "\\s",
    ".",
    "\\b",
    "(?=a)",
    "(?!b)",
  );
  const quant = fc.constantFrom("", "", "?", "*", "+", "{2}", "{1,3}", "*?", "+?", "??");
  const piece = fc
    .tuple(atom, quant)
    .map(([a, q]) => (a.startsWith("\\b") || a.startsWith("(?") ? a : a + q));
  const seq = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(""));
  const pattern = fc
    .oneof(
      seq,
      fc.tuple(seq, seq).map(([x, y]) => `(?:${x})|${y}`),
      fc.tuple(seq, quant).map(([x, q]) => `(${x})${q}`),
    )
    .filter((s) => compileSafePattern(s).ok);
  const text = fc
    .array(fc.constantFrom("a", "b", "1", " ", "\n", "A"), { maxLength: 40 })
    .map((c) => c.join(""));

  it("the linear engine finds exactly what JavaScript's engine finds", () => {
    fc.assert(
      fc.property(pattern, text, fc.boolean(), (source, input, ignoreCase) => {
        const src = ignoreCase ? `(?i)${source}` : source;
        expect(matches(src, input, "linear")).toEqual(nativeMatches(source, input, ignoreCase ? "gi" : "g"));
        expect(matches(src, input)).toEqual(nativeMatches(source, input, ignoreCase ? "gi" : "g"));
      }),
      { numRuns: 5000 },
    );
  });
});
