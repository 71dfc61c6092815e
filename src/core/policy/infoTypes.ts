/**
 * Custom sensitive information types, in Purview's model (docs/custom-info-types.md): an entity
 * with patterns at confidence levels; each pattern has a primary element (IdMatch) and
 * corroborating evidence (Match, all required; Any, some of a group) within a proximity window.
 * Elements are regular expressions (optionally with a checksum), keyword lists, or the built-in
 * functions of FUNCTION_NAMES. Checked when saved (checkInfoTypes): every reference resolves and
 * every regular expression can run without catastrophic backtracking.
 */
import { z } from "zod";
import { FUNCTION_NAMES } from "../detect/functions";
import { patternRefs } from "../detect/custom/refs";
import { compileSafePattern } from "../detect/regex/safeRegex";
import { GUID_PATTERN } from "./ids";

const guid = z
  .string()
  .transform((s) => s.trim().replace(/^\{/, "").replace(/\}$/, "").toLowerCase())
  .pipe(z.string().regex(GUID_PATTERN, "must be a GUID like 0d814d60-469d-470c-8cb0-58434e2bf457"));

const elementId = z.string().min(1).max(128);

export const checksumSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("luhn") }).strict(),
  z.object({ kind: z.literal("mod97") }).strict(),
  z.object({ kind: z.literal("mod11") }).strict(),
  z
    .object({
      kind: z.literal("weighted"),
      weights: z.array(z.number().int().min(-1000).max(1000)).min(1).max(64),
      modulus: z.number().int().min(2).max(1000),
      rule: z.enum(["sum-zero", "remainder", "complement"]),
    })
    .strict(),
  /** Purview's checksum validator: Weights, Mod, CheckDigit (1-based), AllowAlphabets. */
  z
    .object({
      kind: z.literal("checkDigit"),
      weights: z.array(z.number().int().min(-1000).max(1000)).min(1).max(64),
      modulus: z.number().int().min(2).max(1000),
      position: z.number().int().min(1).max(64),
      allowLetters: z.boolean().default(false),
    })
    .strict(),
]);

export const infoTypeElementSchema = z.discriminatedUnion("kind", [
  z
    .object({
      id: elementId,
      kind: z.literal("regex"),
      pattern: z.string().min(1).max(1024),
      ignoreCase: z.boolean().default(false),
      checksum: checksumSchema.optional(),
    })
    .strict(),
  z
    .object({
      id: elementId,
      kind: z.literal("keywords"),
      terms: z.array(z.string().trim().min(1).max(256)).min(1).max(2000),
      /** `word`: whole words only; `string`: anywhere, even inside a word. */
      matchStyle: z.enum(["word", "string"]).default("word"),
      caseSensitive: z.boolean().default(false),
    })
    .strict(),
  z.object({ id: elementId, kind: z.literal("function"), name: z.enum(FUNCTION_NAMES) }).strict(),
]);

const matchSchema = z
  .object({
    ref: elementId,
    /** Occurrences needed within the window (Purview's minCount). */
    minCount: z.number().int().min(1).max(100).default(1),
    /** Count distinct matched texts only (Purview's uniqueResults). */
    uniqueResults: z.boolean().default(false),
  })
  .strict();

export const infoTypePatternSchema = z
  .object({
    confidence: z.number().int().min(1).max(100),
    idMatch: elementId,
    /** Every one of these must be found within the window. */
    matches: z.array(matchSchema).max(20).default([]),
    /** Groups of evidence of which between minMatches and maxMatches must be found. */
    any: z
      .array(
        z
          .object({
            minMatches: z.number().int().min(0).max(20).default(1),
            maxMatches: z.number().int().min(0).max(20).optional(),
            matches: z.array(matchSchema).min(1).max(20),
          })
          .strict(),
      )
      .max(10)
      .default([]),
    /** This pattern's own window, in characters; the type's when absent. */
    proximity: z.number().int().min(1).max(10000).optional(),
  })
  .strict();

export const customInfoTypeSchema = z
  .object({
    id: guid,
    name: z.string().trim().min(1).max(256),
    description: z.string().max(1024).default(""),
    /** Characters on either side of the primary match where evidence counts (Purview: 300). */
    proximity: z.number().int().min(1).max(10000).default(300),
    recommendedConfidence: z.number().int().min(1).max(100).default(75),
    elements: z.array(infoTypeElementSchema).min(1).max(50),
    patterns: z.array(infoTypePatternSchema).min(1).max(20),
  })
  .strict();

export type ChecksumSettings = z.infer<typeof checksumSchema>;
export type InfoTypeElement = z.infer<typeof infoTypeElementSchema>;
export type InfoTypePattern = z.infer<typeof infoTypePatternSchema>;
export type CustomInfoType = z.infer<typeof customInfoTypeSchema>;
export type CustomInfoTypeInput = z.input<typeof customInfoTypeSchema>;

export interface InfoTypeIssue {
  /** Path relative to the list, e.g. `[2].elements[0].pattern`. */
  path: string;
  rule: string;
  message: string;
}

/**
 * What a schema cannot say about custom types: ids unique and distinct from the built-in ones,
 * element references resolved, every regex safe to run (named with its type and pattern).
 */
export function checkInfoTypes(
  types: readonly CustomInfoType[],
  builtInIds: ReadonlySet<string>,
): InfoTypeIssue[] {
  const issues: InfoTypeIssue[] = [];
  const seen = new Map<string, number>();
  types.forEach((type, t) => {
    const at = `[${t}]`;
    const add = (path: string, rule: string, message: string) =>
      issues.push({ path: `${at}${path}`, rule, message: `info type '${type.name}': ${message}` });
    if (builtInIds.has(type.id)) add(".id", "built-in-id", `${type.id} is a built-in type's id`);
    if (seen.has(type.id)) add(".id", "duplicate-id", `${type.id} is also used by [${seen.get(type.id)}]`);
    seen.set(type.id, t);
    const ids = new Set<string>();
    type.elements.forEach((element, e) => {
      if (ids.has(element.id))
        add(`.elements[${e}].id`, "duplicate-element", `element '${element.id}' is defined twice`);
      ids.add(element.id);
      if (element.kind !== "regex") return;
      const compiled = compileSafePattern(element.pattern, { ignoreCase: element.ignoreCase });
      if (!compiled.ok)
        add(
          `.elements[${e}].pattern`,
          "unsafe-pattern",
          `pattern ${JSON.stringify(element.pattern)} of element '${element.id}' cannot be used: ${compiled.reason}`,
        );
    });
    type.patterns.forEach((pattern, p) => {
      for (const ref of patternRefs(pattern))
        if (!ids.has(ref))
          add(
            `.patterns[${p}]`,
            "unknown-element",
            `pattern ${p + 1} refers to element '${ref}', which is not defined`,
          );
      pattern.any.forEach((group, g) => {
        if (group.maxMatches !== undefined && group.maxMatches < group.minMatches)
          add(
            `.patterns[${p}].any[${g}]`,
            "any-range",
            `maxMatches ${group.maxMatches} is below minMatches ${group.minMatches}`,
          );
      });
    });
  });
  return issues;
}
