import { ruleFor } from "../../../src/core/detect/detect";
import { SENSITIVE_INFO_TYPES } from "../../../src/core/detect";
import * as keywords from "../../../src/core/detect/keywords";
import type { EvidenceMatcher } from "../../../src/core/detect/evidence";

/**
 * Linear time rests on the shape of every regex: no unbounded quantifier (* or +) and no quantified
 * group, so no nesting for V8's backtracking engine to explode on.
 */
function shapeProblems(pattern: RegExp): string[] {
  const source = pattern.source.replace(/\\./g, "e").replace(/\[[^\]]*\]/g, "c");
  const problems: string[] = [];
  if (/[*+]/.test(source)) problems.push("unbounded quantifier");
  if (/\)[?*+{]/.test(source)) problems.push("quantified group");
  if (/\{\d+,\}/.test(source)) problems.push("open-ended {n,}");
  return problems;
}

describe("regex shape", () => {
  test.each(SENSITIVE_INFO_TYPES.map((t) => [t.name, t.id]))(
    "%s candidate regex is bounded and flat",
    (_name, id) => {
      const rule = ruleFor(id);
      expect(rule).toBeDefined();
      expect(rule?.candidatePattern.flags).toContain("g");
      expect(shapeProblems(rule!.candidatePattern)).toEqual([]);
    },
  );

  const matchers = Object.values(keywords).filter(
    (value): value is EvidenceMatcher => typeof value === "object" && value !== null && "pattern" in value,
  );

  test("every evidence matcher is bounded and flat", () => {
    expect(matchers.length).toBeGreaterThanOrEqual(8);
    for (const matcher of matchers)
      expect([matcher.name, shapeProblems(matcher.pattern)]).toEqual([matcher.name, []]);
  });

  test("the shape check does catch what it is for", () => {
    expect(shapeProblems(/(a+)+/)).toEqual(["unbounded quantifier", "quantified group"]);
    expect(shapeProblems(/(?:ab){1,3}/)).toEqual(["quantified group"]);
    expect(shapeProblems(/a{2,}/)).toEqual(["open-ended {n,}"]);
    expect(shapeProblems(/[+*]\+x{1,3}/)).toEqual([]);
  });
});
