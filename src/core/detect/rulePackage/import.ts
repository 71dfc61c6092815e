/**
 * A rule package's entities mapped to custom information types. What maps: regexes (checked for
 * safety), keyword groups, Purview's checksum validator, the built-in functions of functions.ts,
 * confidence levels, proximity (entity and pattern), Match minCount/uniqueResults and Any
 * minMatches/maxMatches. What cannot be mapped is reported per entity; a pattern that needs it is
 * left out rather than loosened (dropping required evidence or a filter would report more than
 * Purview does), and an entity with no pattern left is not imported.
 */
import {
  checkInfoTypes,
  customInfoTypeSchema,
  type ChecksumSettings,
  type CustomInfoType,
  type InfoTypeElement,
  type InfoTypePattern,
} from "../../policy/infoTypes";
import { patternRefs } from "../custom/refs";
import { SENSITIVE_INFO_TYPES } from "../catalog";
import { FUNCTION_NAMES } from "../functions";
import { compileSafePattern } from "../regex/safeRegex";
import { decodeRulePackage } from "./decode";
import { parseRulePackage, type RawMatch, type RawPattern, type RulePackageContents } from "./parse";

export interface EntityReport {
  id: string;
  name: string;
  imported: boolean;
  patterns: { total: number; imported: number };
  /** What could not be mapped, each naming the element and why. */
  problems: string[];
}

export interface RulePackageImport {
  rulePack: RulePackageContents["rulePack"];
  infoTypes: CustomInfoType[];
  entities: EntityReport[];
  /** Package-level elements not imported (affinities, fingerprints, dictionaries). */
  problems: string[];
}

const FUNCTIONS = new Set<string>(FUNCTION_NAMES);

function checksumOf(validators: RulePackageContents["validators"], id: string): ChecksumSettings | string {
  const list = validators.get(id);
  if (!list) {
    if (FUNCTIONS.has(id)) return `validator ${id} (a function used as validator) is not supported`;
    return `validators '${id}' are not defined in the package`;
  }
  if (list.length !== 1 || list[0].type !== "Checksum")
    return `validators '${id}' (${list.map((v) => v.type).join(", ")}) are not supported; only one Checksum validator is`;
  const p = list[0].params;
  const weights = (p.Weights ?? "").split(",").map((w) => Number(w.trim()));
  const modulus = Number(p.Mod);
  const position = Number(p.CheckDigit);
  if (weights.some((w) => !Number.isInteger(w)) || !Number.isInteger(modulus) || !Number.isInteger(position))
    return `checksum validator '${id}' needs whole-number Weights, Mod and CheckDigit`;
  return { kind: "checkDigit", weights, modulus, position, allowLetters: p.AllowAlphabets === "1" };
}

class EntityMapper {
  readonly problems: string[] = [];
  readonly elements = new Map<string, InfoTypeElement>();
  private readonly failed = new Set<string>();

  constructor(private readonly pkg: RulePackageContents) {}

  /** The element for `ref`, mapped once; undefined (with a problem noted once) when it cannot be. */
  element(ref: string): InfoTypeElement | undefined {
    if (this.elements.has(ref)) return this.elements.get(ref);
    if (this.failed.has(ref)) return undefined;
    const mapped = this.map(ref);
    if (typeof mapped === "string") {
      this.failed.add(ref);
      this.problems.push(mapped);
      return undefined;
    }
    this.elements.set(ref, mapped);
    return mapped;
  }

  private map(ref: string): InfoTypeElement | string {
    const regex = this.pkg.regexes.get(ref);
    if (regex) {
      const compiled = compileSafePattern(regex.pattern);
      if (!compiled.ok) return `regex '${ref}' ${JSON.stringify(regex.pattern)}: ${compiled.reason}`;
      // A leading (?i) is how the format says "ignore case" (export.ts writes it so).
      const ignoreCase = regex.pattern.startsWith("(?i)") && regex.pattern.length > 4;
      const pattern = ignoreCase ? regex.pattern.slice(4) : regex.pattern;
      const element: InfoTypeElement = { id: ref, kind: "regex", pattern, ignoreCase };
      if (regex.validators !== undefined) {
        const checksum = checksumOf(this.pkg.validators, regex.validators);
        if (typeof checksum === "string") return `regex '${ref}': ${checksum}`;
        element.checksum = checksum;
      }
      return element;
    }
    const keyword = this.pkg.keywords.get(ref);
    if (keyword) return this.keywords(ref, keyword);
    if (FUNCTIONS.has(ref)) return { id: ref, kind: "function", name: ref };
    if (ref.startsWith("Func_")) return `built-in function ${ref} is not one Labelbridge implements`;
    if (ref.startsWith("Keyword_") || ref.startsWith("Keywords_") || ref.startsWith("Regex_"))
      return `'${ref}' is a Microsoft built-in keyword list or regex, not in this package`;
    return `'${ref}' is not in this package (a tenant keyword dictionary or another package's element)`;
  }

  private keywords(ref: string, keyword: NonNullable<ReturnType<RulePackageContents["keywords"]["get"]>>) {
    const terms = keyword.groups.reduce<Array<{ text: string; caseSensitive: boolean }>>(
      (all, g) => all.concat(g.terms),
      [],
    );
    const styles = new Set(keyword.groups.map((g) => g.matchStyle));
    const cases = new Set(terms.map((t) => t.caseSensitive));
    if (terms.length === 0) return `keyword list '${ref}' has no terms`;
    if (styles.size > 1 || cases.size > 1)
      return `keyword list '${ref}' mixes match styles or case sensitivity, which one list here cannot`;
    const style = [...styles][0];
    if (style !== "word" && style !== "string")
      return `keyword list '${ref}': matchStyle '${style}' is not word or string`;
    return {
      id: ref,
      kind: "keywords" as const,
      terms: terms.map((t) => t.text),
      matchStyle: style as "word" | "string",
      caseSensitive: [...cases][0],
    };
  }
}

function mapMatch(
  m: RawMatch,
  mapper: EntityMapper,
): { ref: string; minCount: number; uniqueResults: boolean } | undefined {
  if (!mapper.element(m.idRef)) return undefined;
  return { ref: m.idRef, minCount: m.minCount ?? 1, uniqueResults: m.uniqueResults };
}

function mapPattern(raw: RawPattern, index: number, mapper: EntityMapper): InfoTypePattern | string {
  const at = `pattern ${index + 1} (confidence ${raw.confidence})`;
  if (!Number.isInteger(raw.confidence) || raw.confidence < 1 || raw.confidence > 100)
    return `${at}: confidenceLevel must be 1–100`;
  if (raw.other.length > 0)
    return `${at}: ${raw.other.join(", ")} not supported; left out rather than loosened`;
  if (!raw.idMatch || !mapper.element(raw.idMatch)) return `${at}: left out, its IdMatch cannot be mapped`;
  const matches = raw.matches.map((m) => mapMatch(m, mapper));
  if (matches.some((m) => m === undefined)) return `${at}: left out, a Match it requires cannot be mapped`;
  const any: InfoTypePattern["any"] = [];
  for (const group of raw.any) {
    if (group.nested > 0) return `${at}: Any inside Any is not supported`;
    const mapped = group.matches.map((m) => mapMatch(m, mapper));
    if (mapped.some((m) => m === undefined))
      return `${at}: left out, a Match of its Any group cannot be mapped`;
    any.push({
      minMatches: group.minMatches ?? 1,
      maxMatches: group.maxMatches,
      matches: mapped as InfoTypePattern["matches"],
    });
  }
  return {
    confidence: raw.confidence,
    idMatch: raw.idMatch,
    matches: matches as InfoTypePattern["matches"],
    any,
    proximity: raw.proximity,
  };
}

const BUILT_IN_IDS: ReadonlySet<string> = new Set(SENSITIVE_INFO_TYPES.map((t) => t.id));

/** Maps a rule package (bytes as exported, or text) to custom types, with a report per entity. */
export function importRulePackage(input: Uint8Array | string): RulePackageImport {
  const pkg = parseRulePackage(typeof input === "string" ? input : decodeRulePackage(input));
  const infoTypes: CustomInfoType[] = [];
  const entities = pkg.entities.map((entity): EntityReport => {
    const strings = pkg.strings.get(entity.id);
    const name = strings?.name || entity.id;
    const mapper = new EntityMapper(pkg);
    if (entity.relaxProximity)
      mapper.problems.push(
        "relaxProximity (evidence anywhere in the text) is not supported: the window applies",
      );
    const patterns: InfoTypePattern[] = [];
    entity.patterns.forEach((raw, i) => {
      const mapped = mapPattern(raw, i, mapper);
      if (typeof mapped === "string") mapper.problems.push(mapped);
      else patterns.push(mapped);
    });
    const report: EntityReport = {
      id: entity.id,
      name,
      imported: false,
      patterns: { total: entity.patterns.length, imported: patterns.length },
      problems: mapper.problems,
    };
    if (patterns.length === 0) {
      report.problems.push("not imported: no pattern could be mapped");
      return report;
    }
    const used = new Set(patterns.reduce<string[]>((all, p) => all.concat(patternRefs(p)), []));
    const candidate = {
      id: entity.id,
      name: name.slice(0, 256),
      description: (strings?.description ?? "").slice(0, 1024),
      proximity: Math.min(Math.max(Number.isFinite(entity.proximity) ? entity.proximity : 300, 1), 10000),
      recommendedConfidence: entity.recommendedConfidence ?? 75,
      elements: [...mapper.elements.values()].filter((e) => used.has(e.id)),
      patterns,
    };
    const parsed = customInfoTypeSchema.safeParse(candidate);
    const issues = parsed.success ? checkInfoTypes([parsed.data], BUILT_IN_IDS) : [];
    if (!parsed.success || issues.length > 0) {
      const why = parsed.success
        ? issues.map((i) => i.message)
        : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      report.problems.push(`not imported: ${why.join("; ")}`);
      return report;
    }
    report.imported = true;
    infoTypes.push(parsed.data);
    return report;
  });
  const problems = pkg.other.map((o) => `${o.element} '${o.id}' is not supported and was not imported`);
  return { rulePack: pkg.rulePack, infoTypes, entities, problems };
}
