/**
 * A Purview / Exchange rule package (namespace http://schemas.microsoft.com/office/2011/mce, the
 * RulePackageTypes schema of [MS-OXWCONFIG]) read into plain records. Nothing is mapped here:
 * import.ts decides what Labelbridge can run. `<Version minEngineVersion>` wrappers, in Rules and
 * in an Entity, are flattened into their parent.
 */
import { XMLParser } from "fast-xml-parser";

export interface RawMatch {
  idRef: string;
  minCount?: number;
  uniqueResults: boolean;
}

export interface RawAny {
  minMatches?: number;
  maxMatches?: number;
  matches: RawMatch[];
  /** Any inside Any: allowed by the schema, not by our model. */
  nested: number;
}

export interface RawPattern {
  confidence: number;
  proximity?: number;
  idMatch?: string;
  matches: RawMatch[];
  any: RawAny[];
  /** Child elements we do not model (Filters…), by name. */
  other: string[];
}

export interface RawEntity {
  id: string;
  proximity: number;
  recommendedConfidence?: number;
  relaxProximity: boolean;
  patterns: RawPattern[];
}

export interface RawKeyword {
  id: string;
  groups: Array<{ matchStyle: string; terms: Array<{ text: string; caseSensitive: boolean }> }>;
}

export interface RawValidator {
  type: string;
  params: Record<string, string>;
}

export interface RulePackageContents {
  rulePack: {
    id: string;
    version: string;
    publisherId: string;
    publisherName: string;
    name: string;
    description: string;
  };
  entities: RawEntity[];
  keywords: Map<string, RawKeyword>;
  regexes: Map<string, { pattern: string; validators?: string }>;
  validators: Map<string, RawValidator[]>;
  /** LocalizedStrings: the default (else first) name and description of each rule id. */
  strings: Map<string, { name: string; description: string }>;
  /** Rules-level elements we do not import (Affinity, Fingerprint, Dictionary…), with their ids. */
  other: Array<{ element: string; id: string }>;
}

const ARRAYS = new Set([
  "Entity",
  "Affinity",
  "Pattern",
  "Evidence",
  "Match",
  "Any",
  "Keyword",
  "Group",
  "Term",
  "Regex",
  "Resource",
  "Name",
  "Description",
  "Version",
  "Validators",
  "Validator",
  "Param",
  "LocalizedDetails",
  "Filters",
  "Filter",
  "Fingerprint",
  "ExtendedKeyword",
  "Dictionary",
]);

type XmlNode = Record<string, unknown>;

export class RulePackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RulePackageError";
  }
}

const list = (value: unknown): XmlNode[] => (Array.isArray(value) ? (value as XmlNode[]) : []);
const attr = (node: XmlNode, name: string): string | undefined => {
  const v = node[`@${name}`];
  return v === undefined ? undefined : String(v);
};
const num = (node: XmlNode, name: string): number | undefined => {
  const v = attr(node, name);
  return v === undefined || v.trim() === "" ? undefined : Number(v);
};
const text = (node: unknown): string => {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (node && typeof node === "object" && "#text" in node) return String((node as XmlNode)["#text"]);
  return "";
};

function readMatch(node: XmlNode): RawMatch {
  return {
    idRef: attr(node, "idRef") ?? "",
    minCount: num(node, "minCount"),
    uniqueResults: attr(node, "uniqueResults") === "true",
  };
}

function readPattern(node: XmlNode): RawPattern {
  const other = Object.keys(node).filter(
    (k) => !k.startsWith("@") && !["IdMatch", "Match", "Any", "#text"].includes(k),
  );
  const idMatch = node.IdMatch as XmlNode | undefined;
  return {
    confidence: num(node, "confidenceLevel") ?? NaN,
    proximity: num(node, "proximity"),
    idMatch: idMatch ? attr(idMatch, "idRef") : undefined,
    matches: list(node.Match).map(readMatch),
    any: list(node.Any).map((a) => ({
      minMatches: num(a, "minMatches"),
      maxMatches: num(a, "maxMatches"),
      matches: list(a.Match).map(readMatch),
      nested: list(a.Any).length,
    })),
    other,
  };
}

/** The rule-level children of Rules, with `<Version>` wrappers opened. */
function rulesChildren(rules: XmlNode, name: string): XmlNode[] {
  return list(rules.Version).reduce((all, v) => all.concat(list(v[name])), list(rules[name]));
}

export function parseRulePackage(xml: string): RulePackageContents {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => ARRAYS.has(name),
  });
  let doc: XmlNode;
  try {
    doc = parser.parse(xml, true) as XmlNode;
  } catch (error) {
    throw new RulePackageError(`the rule package is not well-formed XML: ${(error as Error).message}`);
  }
  const root = doc.RulePackage as XmlNode | undefined;
  if (!root) throw new RulePackageError("the document's root is not RulePackage (a Purview rule package)");
  const rulePackNode = (root.RulePack ?? {}) as XmlNode;
  const rules = root.Rules as XmlNode | undefined;
  if (!rules) throw new RulePackageError("RulePackage has no Rules element");

  const version = (rulePackNode.Version as XmlNode[] | undefined)?.[0] ?? {};
  const details = list((rulePackNode.Details as XmlNode | undefined)?.LocalizedDetails)[0] ?? {};
  const rulePack = {
    id: (attr(rulePackNode, "id") ?? "").toLowerCase(),
    version: ["major", "minor", "build", "revision"].map((k) => attr(version, k) ?? "0").join("."),
    publisherId: attr((rulePackNode.Publisher ?? {}) as XmlNode, "id") ?? "",
    publisherName: text(list(details.PublisherName)[0] ?? details.PublisherName),
    name: text(list(details.Name)[0]),
    description: text(list(details.Description)[0]),
  };

  const entities = rulesChildren(rules, "Entity").map((e) => ({
    id: (attr(e, "id") ?? "").toLowerCase(),
    proximity: num(e, "patternsProximity") ?? NaN,
    recommendedConfidence: num(e, "recommendedConfidence"),
    relaxProximity: attr(e, "relaxProximity") === "true",
    patterns: list(e.Version)
      .reduce((all, v) => all.concat(list(v.Pattern)), list(e.Pattern))
      .map(readPattern),
  }));

  const keywords = new Map<string, RawKeyword>();
  for (const k of rulesChildren(rules, "Keyword")) {
    const id = attr(k, "id") ?? "";
    keywords.set(id, {
      id,
      groups: list(k.Group).map((g) => ({
        matchStyle: attr(g, "matchStyle") ?? "word",
        terms: list(g.Term).map((t) => ({
          text: text(t),
          caseSensitive: typeof t === "object" && attr(t, "caseSensitive") === "true",
        })),
      })),
    });
  }

  const regexes = new Map<string, { pattern: string; validators?: string }>();
  for (const r of rulesChildren(rules, "Regex"))
    regexes.set(attr(r, "id") ?? "", { pattern: text(r), validators: attr(r, "validators") });

  const validators = new Map<string, RawValidator[]>();
  for (const v of rulesChildren(rules, "Validators"))
    validators.set(
      attr(v, "id") ?? "",
      list(v.Validator).map((x) => {
        const params: Record<string, string> = {};
        for (const p of list(x.Param)) params[attr(p, "name") ?? ""] = text(p);
        return { type: attr(x, "type") ?? "", params };
      }),
    );

  const strings = new Map<string, { name: string; description: string }>();
  const localized = (rules.LocalizedStrings ?? {}) as XmlNode;
  for (const resource of list(localized.Resource)) {
    const pick = (items: XmlNode[]) => text(items.find((i) => attr(i, "default") === "true") ?? items[0]);
    strings.set((attr(resource, "idRef") ?? "").toLowerCase(), {
      name: pick(list(resource.Name)),
      description: pick(list(resource.Description)),
    });
  }

  const other: RulePackageContents["other"] = [];
  for (const element of ["Affinity", "Fingerprint", "ExtendedKeyword", "Dictionary"])
    for (const node of rulesChildren(rules, element)) other.push({ element, id: attr(node, "id") ?? "" });

  return { rulePack, entities, keywords, regexes, validators, strings, other };
}
