/**
 * Custom information types written as a Purview rule package (the layout of Microsoft's own
 * examples): entities, then validators, regexes and keyword lists, then localized strings. What
 * the format cannot say is left out with a warning rather than written in a form Purview would
 * refuse: checksums other than Purview's weighted check digit.
 */
import type { ChecksumSettings, CustomInfoType, InfoTypeElement } from "../../policy/infoTypes";

export interface RulePackageIdentity {
  /** GUID of the rule pack; keep it stable across exports so Purview updates the same package. */
  id: string;
  publisherId: string;
  publisherName: string;
  name: string;
  description?: string;
  version?: { major: number; minor: number; build: number; revision: number };
  langcode?: string;
}

export interface RulePackageExport {
  xml: string;
  warnings: string[];
}

const escape = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const attrs = (values: Record<string, string | number | undefined>): string =>
  Object.keys(values)
    .filter((k) => values[k] !== undefined)
    .map((k) => ` ${k}="${escape(String(values[k]))}"`)
    .join("");

/** Purview's form of a checksum, or undefined when it has none. */
function purviewChecksum(
  c: ChecksumSettings,
): { weights: number[]; mod: number; position: number; letters: boolean } | undefined {
  if (c.kind === "checkDigit")
    return { weights: c.weights, mod: c.modulus, position: c.position, letters: c.allowLetters };
  return undefined;
}

function elementXml(element: InfoTypeElement, id: string, validatorsId: string | undefined): string {
  if (element.kind === "regex") {
    // Purview has no case-insensitive flag on Regex; the leading (?i) says it in the pattern.
    const source =
      element.ignoreCase && !element.pattern.startsWith("(?i)") ? `(?i)${element.pattern}` : element.pattern;
    return `    <Regex${attrs({ id, validators: validatorsId })}>${escape(source)}</Regex>\n`;
  }
  if (element.kind === "keywords") {
    const terms = element.terms
      .map(
        (t) =>
          `        <Term${attrs({ caseSensitive: String(element.caseSensitive) })}>${escape(t)}</Term>\n`,
      )
      .join("");
    return `    <Keyword${attrs({ id })}>\n      <Group${attrs({ matchStyle: element.matchStyle })}>\n${terms}      </Group>\n    </Keyword>\n`;
  }
  return "";
}

export function exportRulePackage(
  types: readonly CustomInfoType[],
  identity: RulePackageIdentity,
): RulePackageExport {
  const warnings: string[] = [];
  const lang = identity.langcode ?? "en-us";
  const v = identity.version ?? { major: 1, minor: 0, build: 0, revision: 0 };
  const entities: string[] = [];
  const resources: string[] = [];
  const definitions: string[] = [];
  const validators: string[] = [];
  const used = new Set<string>();

  for (const type of types) {
    // Element ids are package-wide in the format, per type here: keep them, unless two types clash.
    const idOf = new Map<string, string>();
    for (const element of type.elements) {
      // A function is referred to by its Purview name; it is not defined in the package.
      let id = element.kind === "function" ? element.name : element.id;
      for (let n = 2; element.kind !== "function" && used.has(id); n++) id = `${element.id}-${n}`;
      if (element.kind !== "function") used.add(id);
      idOf.set(element.id, id);
      if (element.kind === "regex" && element.checksum) {
        const checksum = purviewChecksum(element.checksum);
        if (checksum) {
          const validatorsId = `${id}-checksum`;
          validators.push(
            `    <Validators${attrs({ id: validatorsId })}>\n      <Validator type="Checksum">\n` +
              `        <Param name="Weights">${checksum.weights.join(",")}</Param>\n` +
              `        <Param name="Mod">${checksum.mod}</Param>\n` +
              `        <Param name="CheckDigit">${checksum.position}</Param>\n` +
              `        <Param name="AllowAlphabets">${checksum.letters ? 1 : 0}</Param>\n` +
              `      </Validator>\n    </Validators>\n`,
          );
          definitions.push(elementXml(element, id, validatorsId));
          continue;
        }
        warnings.push(
          `info type '${type.name}', element '${element.id}': a ${element.checksum.kind} checksum has no rule-package form; exported without it (add Purview's validator after upload)`,
        );
      }
      definitions.push(elementXml(element, id, undefined));
    }
    const ref = (id: string) => idOf.get(id) ?? id;
    const match = (m: { ref: string; minCount: number; uniqueResults: boolean }, indent: string) =>
      `${indent}<Match${attrs({ idRef: ref(m.ref), minCount: m.minCount === 1 ? undefined : m.minCount, uniqueResults: m.uniqueResults ? "true" : undefined })} />\n`;
    const patterns = type.patterns
      .map((p) => {
        const anys = p.any
          .map(
            (a) =>
              `        <Any${attrs({ minMatches: a.minMatches, maxMatches: a.maxMatches })}>\n${a.matches.map((m) => match(m, "          ")).join("")}        </Any>\n`,
          )
          .join("");
        return (
          `      <Pattern${attrs({ confidenceLevel: p.confidence, proximity: p.proximity })}>\n` +
          `        <IdMatch${attrs({ idRef: ref(p.idMatch) })} />\n${p.matches.map((m) => match(m, "        ")).join("")}${anys}      </Pattern>\n`
        );
      })
      .join("");
    entities.push(
      `    <Entity${attrs({ id: type.id, patternsProximity: type.proximity, recommendedConfidence: type.recommendedConfidence })}>\n${patterns}    </Entity>\n`,
    );
    resources.push(
      `      <Resource${attrs({ idRef: type.id })}>\n` +
        `        <Name default="true"${attrs({ langcode: lang })}>${escape(type.name)}</Name>\n` +
        `        <Description default="true"${attrs({ langcode: lang })}>${escape(type.description)}</Description>\n` +
        `      </Resource>\n`,
    );
  }

  const xml =
    `<?xml version="1.0" encoding="utf-16"?>\n` +
    `<RulePackage xmlns="http://schemas.microsoft.com/office/2011/mce">\n` +
    `  <RulePack${attrs({ id: identity.id })}>\n` +
    `    <Version${attrs(v)} />\n` +
    `    <Publisher${attrs({ id: identity.publisherId })} />\n` +
    `    <Details${attrs({ defaultLangCode: lang })}>\n` +
    `      <LocalizedDetails${attrs({ langcode: lang })}>\n` +
    `        <PublisherName>${escape(identity.publisherName)}</PublisherName>\n` +
    `        <Name>${escape(identity.name)}</Name>\n` +
    `        <Description>${escape(identity.description ?? identity.name)}</Description>\n` +
    `      </LocalizedDetails>\n    </Details>\n  </RulePack>\n  <Rules>\n` +
    entities.join("") +
    validators.join("") +
    definitions.join("") +
    `    <LocalizedStrings>\n${resources.join("")}    </LocalizedStrings>\n  </Rules>\n</RulePackage>\n`;
  return { xml, warnings };
}
