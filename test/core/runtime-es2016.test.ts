/**
 * src/core runs inside the Outlook event bundle, and classic Outlook's JavaScript-only runtime is
 * ES2016 before build 2403. TypeScript down-levels syntax to that target but neither regex features
 * nor library built-ins: there a lookbehind does not compile (the event build then swaps the pattern
 * for one that never matches, so detection at send finds nothing) and an ES2017+ method is
 * undefined. Three checks keep src/core inside ES2016, each shown to catch planted hazards: a scan
 * of the source (regex literals, regex sources in strings, built-in names), a compile against the
 * ES2016 library alone, and the detection patterns as they are built at run time. A fourth shows
 * that the ES2016 left boundaries match exactly what the lookbehinds they replaced matched.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as acorn from "acorn";
import ts from "typescript";
import { describeDiagnostics, es2016Program, plantedLinesRefused } from "../support/es2016Program";
import { SENSITIVE_INFO_TYPES } from "../../src/core/detect";
import { ruleFor } from "../../src/core/detect/detect";
import type { EvidenceMatcher } from "../../src/core/detect/evidence";
import * as keywords from "../../src/core/detect/keywords";
import { LETTER_OR_DIGIT, withLeftBoundary } from "../../src/core/detect/leftBoundary";

const root = path.resolve(__dirname, "..", "..");
const coreDir = path.join(root, "src", "core");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith(".ts"))
    .sort();
}

/** Built-ins newer than ES2016 whose names are unambiguous (`at`, `entries`… are left to the compile). */
const NEWER_BUILT_INS: Readonly<Record<string, string>> = {
  padStart: "ES2017",
  padEnd: "ES2017",
  getOwnPropertyDescriptors: "ES2017",
  fromEntries: "ES2019",
  flat: "ES2019",
  flatMap: "ES2019",
  trimStart: "ES2019",
  trimEnd: "ES2019",
  matchAll: "ES2020",
  allSettled: "ES2020",
  replaceAll: "ES2021",
  hasOwn: "ES2022",
  findLast: "ES2023",
  findLastIndex: "ES2023",
  toSorted: "ES2023",
  toReversed: "ES2023",
  toSpliced: "ES2023",
  groupBy: "ES2024",
  isWellFormed: "ES2024",
  toWellFormed: "ES2024",
};

/** What ES2016 cannot run in a regex source (with its flags): lookbehind, named groups, \p{…}, s/d/v. */
function regexHazard(source: string, flags: string): string | undefined {
  if (/\(\?<[=!]/.test(source)) return "lookbehind";
  if (/\(\?<[A-Za-z_$]|\\k</.test(source)) return "named group";
  if (/\\[pP]\{/.test(source)) return "Unicode property escape";
  const newFlags = flags.replace(/[gimuy]/g, "");
  if (newFlags !== "") return `flag ${newFlags.includes("s") ? "s (dotAll)" : newFlags}`;
  try {
    acorn.parse(`/${source}/${flags}`, { ecmaVersion: 2016 });
    return undefined;
  } catch (error) {
    return `not ES2016 (${(error as Error).message})`;
  }
}

/** Regex sources hidden in strings, for `new RegExp(...)`. */
const REGEX_IN_STRING = /\(\?<[=!A-Za-z_$]|\\k<|\\[pP]\{/;

/** Every ES2016 hazard in one file's source, as "file:line: what". */
function hazards(fileName: string, code: string): string[] {
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push(`${path.relative(root, fileName)}:${line + 1}: ${what}`);
  };
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(file);
      const slash = text.lastIndexOf("/");
      const problem = regexHazard(text.slice(1, slash), text.slice(slash + 1));
      if (problem) report(node, `${problem} in ${text}`);
    } else if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      if (REGEX_IN_STRING.test(node.text))
        report(node, `regex source not in ES2016: ${JSON.stringify(node.text)}`);
    } else if (ts.isPropertyAccessExpression(node) && Object.hasOwn(NEWER_BUILT_INS, node.name.text)) {
      report(node, `${node.name.text} (${NEWER_BUILT_INS[node.name.text]})`);
    } else if (
      ts.isElementAccessExpression(node) &&
      ts.isStringLiteralLike(node.argumentExpression) &&
      Object.hasOwn(NEWER_BUILT_INS, node.argumentExpression.text)
    ) {
      report(node, `${node.argumentExpression.text} (${NEWER_BUILT_INS[node.argumentExpression.text]})`);
    } else if (
      ts.isIdentifier(node) &&
      node.text === "globalThis" &&
      !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)
    ) {
      // TypeScript declares globalThis whatever the lib, so the compile below cannot refuse it.
      report(node, "globalThis (ES2020)");
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "RegExp" &&
      node.arguments?.[1] !== undefined &&
      ts.isStringLiteralLike(node.arguments[1]) &&
      /[^gimuy]/.test(node.arguments[1].text)
    ) {
      report(node, `RegExp flags "${node.arguments[1].text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("src/core source, scanned for what classic Outlook's ES2016 runtime lacks", () => {
  const files = sourceFiles(coreDir);

  it("reads every module of src/core", () => {
    const folders = new Set(files.map((f) => path.relative(coreDir, f).split(path.sep)[0]));
    expect([...folders].sort()).toEqual(["audit", "decide", "detect", "marking", "metadata", "policy"]);
    expect(files.length).toBeGreaterThanOrEqual(50);
  });

  it("has no lookbehind, named group, dotAll, \\p{…}, replaceAll, matchAll, fromEntries, flat or flatMap", () => {
    expect(files.flatMap((f) => hazards(f, readFileSync(f, "utf8")))).toEqual([]);
  });

  it.each([
    ["const r = /(?<![0-9])1/g;", "lookbehind"],
    ["const r = /(?<=a)b/;", "lookbehind"],
    ["const r = /(?<year>[0-9]{4})/;", "named group"],
    ["const r = /a.b/s;", "flag s (dotAll)"],
    ["const r = /\\p{L}/u;", "Unicode property escape"],
    ["const r = /a/d;", "flag d"],
    ['const r = new RegExp(`(?<![A-Z])${x}`, "g");', "regex source not in ES2016"],
    ['const r = new RegExp("(?<!a)" + x);', "regex source not in ES2016"],
    ['const r = new RegExp("a.b", "gs");', 'RegExp flags "gs"'],
    ['const s = t.replaceAll("-", "");', "replaceAll (ES2021)"],
    ["for (const m of t.matchAll(/a/g)) f(m);", "matchAll (ES2020)"],
    ["const o = Object.fromEntries(map);", "fromEntries (ES2019)"],
    ["const a = xs.flat();", "flat (ES2019)"],
    ["const a = xs.flatMap(f);", "flatMap (ES2019)"],
    ['const a = xs["flatMap"](f);', "flatMap (ES2019)"],
    ['const s = String(n).padStart(2, "0");', "padStart (ES2017)"],
    ["const s = t.trimStart();", "trimStart (ES2019)"],
    ["const b = Object.hasOwn(o, k);", "hasOwn (ES2022)"],
    ["const g = globalThis;", "globalThis (ES2020)"],
  ])("catches %s", (code, what) => {
    const found = hazards(path.join(coreDir, "planted.ts"), code);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(what);
  });

  it("lets ES2016 regexes and methods through", () => {
    const code = [
      "const a = /(?:^|[^0-9])[0-9]{3}(?![0-9])/g;",
      "const b = /[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])/;",
      "const c = /\\u{1F600}/u;",
      "const d = /[A-Z]+/y;",
      'const e = new RegExp(`(?:${x})(?![A-Za-z])`, "gi");',
      'const f = "(?:a)|b".split("|").join("");',
      "const g = [1, 2].includes(2) && 2 ** 3 === 8 && o.globalThis;",
      "// a comment may say (?<! or replaceAll",
    ].join("\n");
    expect(hazards(path.join(coreDir, "planted.ts"), code)).toEqual([]);
  });
});

/**
 * Built-ins the scan cannot name (`[].at`, `Object.entries`, `Promise#finally`…):
 * src/core compiled with the ES2016 library only, as tsconfig.core.json does with ES2022. A planted
 * file in the same program shows the compile does refuse them.
 */
describe("src/core compiled against the ES2016 library", () => {
  const planted = path.join(coreDir, "__es2016_planted__.ts");
  const plantedCode = [
    'export const a = "1".padStart(2, "0");',
    "export const b = Object.entries({ x: 1 });",
    "export const c = [1, 2].at(-1);",
    "export const d = Promise.resolve(1).finally(() => undefined);",
    "export const e = Object.values({ x: 1 });",
  ].join("\n");
  let diagnostics: readonly ts.Diagnostic[] = [];

  beforeAll(() => {
    ({ diagnostics } = es2016Program({
      tsconfig: path.join(root, "tsconfig.core.json"),
      planted,
      plantedCode,
    }));
  }, 120_000);

  it("compiles clean", () => {
    expect(
      describeDiagnostics(
        root,
        diagnostics.filter((d) => d.file?.fileName !== planted),
      ),
    ).toEqual([]);
  });

  it("refuses each planted ES2017+ built-in", () => {
    expect(plantedLinesRefused(diagnostics, planted)).toEqual([1, 2, 3, 4, 5]);
  });
});

const CANDIDATE_PATTERNS: Array<[string, RegExp]> = SENSITIVE_INFO_TYPES.map((t) => [
  t.name,
  ruleFor(t.id)!.candidatePattern,
]);
const EVIDENCE_PATTERNS: Array<[string, RegExp]> = Object.values(keywords)
  .filter((v): v is EvidenceMatcher => typeof v === "object" && v !== null && "pattern" in v)
  .map((m) => [m.name, m.pattern]);

describe("the detection patterns as built at run time", () => {
  it("include every type's candidates and every evidence matcher", () => {
    expect(CANDIDATE_PATTERNS).toHaveLength(20);
    expect(EVIDENCE_PATTERNS.length).toBeGreaterThanOrEqual(8);
  });

  it.each([...CANDIDATE_PATTERNS, ...EVIDENCE_PATTERNS])("%s compiles as ES2016", (_name, pattern) => {
    expect(regexHazard(pattern.source, pattern.flags)).toBeUndefined();
  });

  it("withLeftBoundary refuses patterns it cannot bound exactly", () => {
    expect(() => withLeftBoundary(/a/, LETTER_OR_DIGIT)).toThrow(RangeError);
    expect(() => withLeftBoundary(/a/gy, LETTER_OR_DIGIT)).toThrow(RangeError);
    expect(() => withLeftBoundary(/a/gu, LETTER_OR_DIGIT)).toThrow(RangeError);
  });
});

/**
 * The lookbehinds the detection patterns used to start with (Node has them; the old runtime does
 * not). The ES2016 patterns must give the same matches — offsets, text, groups and lastIndex — from
 * any lastIndex, and through match/search/replace as well as exec.
 */
function lookbehindFor(name: string): string {
  if (name === keywords.EXPIRATION_DATE.name) return "(?<![0-9/-])(?<![0-9]\\.)";
  return "(?<![0-9A-Za-z])";
}

/** mulberry32, so the corpus is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fragments that put numbers, keywords and dates next to letters, digits and separators. */
const PIECES = [
  ..."0124579xAaSZé #-/.\n\u00a0",
  "12",
  "27",
  "2027",
  "4111",
  "1111",
  "3704",
  "DE89",
  "GB82",
  "123",
  "45",
  "6789",
  "021000021",
  "A12345678",
  "ssn",
  "SSN#",
  "soc sec",
  "visa",
  "advisable",
  "card no.",
  "card nox",
  "date of issue",
  "passport number",
  "cc#",
  "RTN",
  "aba",
  "cabaret",
  "expiry",
  "cvv2",
  "9.",
  "1.12/27",
  "-12/27",
  "12-2027",
  "\uD83D\uDE00",
  // The national identifiers' shapes (rules/national).
  "51 824",
  " 753 556",
  "ZZZ0016",
  "ZZZ 00AC",
  "AB123456C",
  "AB 12 34 56 C",
  "T22000129",
  "184127645108946",
  "2A",
  "RSSMRA85T10A562S",
  "12345678Z",
  "X1234567L",
  "44051401359",
  "943 476 5919",
  "9434765919",
];

function corpus(count: number): string[] {
  const next = seeded(2016);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = "";
    const pieces = 1 + Math.floor(next() * 40);
    for (let j = 0; j < pieces; j++) text += PIECES[Math.floor(next() * PIECES.length)];
    texts.push(text);
  }
  return texts;
}

function trace(pattern: RegExp, text: string, from: number): string[] {
  const out: string[] = [];
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    out.push(`${m.index} ${JSON.stringify([...m])} → ${pattern.lastIndex}`);
    if (m[0].length === 0) pattern.lastIndex++;
  }
  out.push(`end → ${pattern.lastIndex}`);
  return out;
}

describe("the ES2016 left boundaries", () => {
  const texts = corpus(2500);

  it.each([...CANDIDATE_PATTERNS, ...EVIDENCE_PATTERNS])(
    "%s matches exactly what its lookbehind form did",
    (name, pattern) => {
      const reference = new RegExp(lookbehindFor(name) + pattern.source, pattern.flags);
      const differences: unknown[] = [];
      let matches = 0;
      for (const text of texts) {
        for (const from of [0, 1, text.length >> 1, text.length, text.length + 1]) {
          const expected = trace(reference, text, from);
          const actual = trace(pattern, text, from);
          matches += expected.length - 1;
          if (JSON.stringify(actual) !== JSON.stringify(expected))
            differences.push({ text, from, expected, actual });
        }
        reference.lastIndex = 0;
        pattern.lastIndex = 0;
        expect([text.match(pattern), text.search(pattern), text.replace(pattern, "<$&>")]).toEqual([
          text.match(reference),
          text.search(reference),
          text.replace(reference, "<$&>"),
        ]);
      }
      expect(differences.slice(0, 3)).toEqual([]);
      // The corpus exercises the pattern: it does match, and not everywhere.
      expect(matches).toBeGreaterThan(50);
    },
  );
});
