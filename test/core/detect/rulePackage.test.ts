import { readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { detectSensitiveInfo } from "../../../src/core/detect";
import { exportRulePackage } from "../../../src/core/detect/rulePackage/export";
import { importRulePackage } from "../../../src/core/detect/rulePackage/import";
import { RulePackageError } from "../../../src/core/detect/rulePackage/parse";
import { customInfoTypeSchema, type CustomInfoType } from "../../../src/core/policy/infoTypes";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(__dirname, "../../fixtures/rule-packages", name)));

function utf16leWithoutBom(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[2 * i] = text.charCodeAt(i) & 0xff;
    out[2 * i + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
}

function found(types: CustomInfoType[], id: string, text: string): Array<[string, number]> {
  const d = detectSensitiveInfo(text, { types: [id], customTypes: types }).detections[0];
  return (d?.instances ?? []).map((i) => [text.slice(i.start, i.end), i.confidence]);
}

describe("importing Purview rule packages", () => {
  test("the Compliance Partner Workshops package (UTF-16 with BOM, keyword-only)", () => {
    const result = importRulePackage(fixture("CompliancePartnerWorkshops_rulepack.xml"));
    expect(result.rulePack).toMatchObject({
      id: "5da58d7a-25f1-4205-93d0-beb10054c503",
      version: "1.0.0.0",
      publisherName: "Compliance Workshop Team",
      name: "MRUS Rule Pack",
    });
    expect(result.entities.map((e) => [e.name, e.imported, e.problems])).toEqual([
      ["Project Obsidian", true, []],
      ["Project Olivine", true, []],
    ]);
    expect(result.infoTypes[0]).toEqual({
      id: "6212dc65-df8f-45e2-ad7c-3980a81271b6",
      name: "Project Obsidian",
      description: "Project Obsidian",
      proximity: 300,
      recommendedConfidence: 65,
      elements: [
        {
          id: "Project Obsidian Keywords",
          kind: "keywords",
          terms: ["Project Obsidian"],
          matchStyle: "word",
          caseSensitive: false,
        },
      ],
      patterns: [
        { confidence: 65, idMatch: "Project Obsidian Keywords", matches: [], any: [], proximity: 300 },
      ],
    });
    expect(found(result.infoTypes, result.infoTypes[0].id, "Status of project obsidian: green.")).toEqual([
      ["project obsidian", 65],
    ]);
  });

  test("the Wortell Dutch healthcare package: regexes, counts, functions; what cannot map is reported per entity", () => {
    const result = importRulePackage(fixture("wortell_HealthCare.xml"));
    expect(result.entities).toHaveLength(13);
    expect(result.infoTypes).toHaveLength(11);
    const notImported = result.entities.filter((e) => !e.imported);
    expect(notImported.map((e) => [e.name, e.problems])).toEqual([
      [
        "Custom - Netherlands ZIP Code + City",
        [
          "'86c85b56-0be8-4cc8-896a-e303b754d193' is not in this package (a tenant keyword dictionary or another package's element)",
          "pattern 1 (confidence 85): left out, a Match it requires cannot be mapped",
          "not imported: no pattern could be mapped",
        ],
      ],
      [
        "Custom - healthcare cure set 2",
        [
          "'86c85b56-0be8-4cc8-896a-e303b754d193' is not in this package (a tenant keyword dictionary or another package's element)",
          "pattern 1 (confidence 60): left out, its IdMatch cannot be mapped",
          "pattern 2 (confidence 75): left out, a Match it requires cannot be mapped",
          "pattern 3 (confidence 80): left out, a Match it requires cannot be mapped",
          "not imported: no pattern could be mapped",
        ],
      ],
    ]);
    const byName = (name: string) => result.infoTypes.find((t) => t.name === name)!;

    const bsn = byName("Custom - Netherlands Citizen's Service (BSN) Number");
    expect(bsn.proximity).toBe(50);
    expect(bsn.elements.map((e) => [e.id, e.kind])).toEqual([
      ["Func_netherlands_bsn", "function"],
      ["Keywords_netherlands_bsn_edited", "keywords"],
    ]);
    expect(found(result.infoTypes, bsn.id, "Het BSN van de cliënt is 111222333.")).toEqual([
      ["111222333", 85],
    ]);
    expect(found(result.infoTypes, bsn.id, `111222333 ${"x".repeat(60)} BSN`)).toEqual([]);

    const passport = byName("Custom - Dutch Passport number");
    expect(passport.elements[0]).toEqual({
      id: "regex_dutch_pasport",
      kind: "regex",
      pattern: "(?<![a-zA-Z])[A-Z]{2}[A-Z0-9]{6}[0-9](?![0-9])",
      ignoreCase: false,
    });
    expect(found(result.infoTypes, passport.id, "paspoortnummer NW1234X56")).toEqual([["NW1234X56", 85]]);
    expect(found(result.infoTypes, passport.id, "paspoortnummer xNW1234X56")).toEqual([]);

    const email = byName("Custom - Email addresses");
    expect(
      found(
        result.infoTypes,
        email.id,
        `Stuur j.jansen@zorg.nl vandaag${" dus".repeat(20)}; e-mailadres: p.devries@wortell.nl`,
      ),
    ).toEqual([
      ["j.jansen@zorg.nl", 60],
      ["p.devries@wortell.nl", 85],
    ]);

    const general = byName("Custom - general Sensitive Keywords");
    expect(general.patterns[0]).toMatchObject({
      confidence: 75,
      idMatch: "Func_eu_date",
      matches: [{ ref: "Keywords_sensitive_general", minCount: 3, uniqueResults: true }],
    });
    const id = general.id;
    expect(found(result.infoTypes, id, "Geboortedatum 12-03-1984, geslacht M, achternaam Jansen.")).toEqual([
      ["12-03-1984", 75],
    ]);
    expect(found(result.infoTypes, id, "Geboortedatum 12-03-1984, geboortedatum, geboortedatum.")).toEqual(
      [],
    );
  });

  test("real tenant exports: UTF-16 without BOM on one line, Version wrappers, Any, validators, filters, affinities", () => {
    const xml =
      '<?xml version="1.0" encoding="utf-16"?><RulePackage xmlns="http://schemas.microsoft.com/office/2011/mce">' +
      '<RulePack id="AAAAAAAA-1111-4111-8111-111111111111"><Version major="2" minor="1" build="0" revision="3"/><Publisher id="bbbbbbbb-1111-4111-8111-111111111111"/>' +
      '<Details defaultLangCode="en"><LocalizedDetails langcode="en"><PublisherName>Contoso</PublisherName><Name>Contoso pack</Name><Description>d</Description></LocalizedDetails></Details></RulePack>' +
      '<Rules><Version minEngineVersion="16.0.0.0">' +
      '<Entity id="CCCCCCCC-1111-4111-8111-111111111111" patternsProximity="200" recommendedConfidence="75" relaxProximity="true">' +
      '<Pattern confidenceLevel="75"><IdMatch idRef="Regex_acct"/><Any minMatches="1" maxMatches="2"><Match idRef="kw_a"/><Match idRef="kw_b"/></Any></Pattern>' +
      '<Pattern confidenceLevel="85"><IdMatch idRef="Regex_acct"/><Match idRef="kw_a"/><Filters><Filter type="TextMatchFilter"/></Filters></Pattern>' +
      "</Entity>" +
      '<Entity id="DDDDDDDD-1111-4111-8111-111111111111" patternsProximity="300"><Pattern confidenceLevel="65"><IdMatch idRef="Func_india_aadhaar"/></Pattern></Entity>' +
      '<Entity id="EEEEEEEE-1111-4111-8111-111111111111" patternsProximity="300"><Pattern confidenceLevel="65"><IdMatch idRef="Regex_evil"/></Pattern></Entity>' +
      '<Validators id="v_acct"><Validator type="Checksum"><Param name="Weights">1,2,1,2,1,2,1,0</Param><Param name="Mod">10</Param><Param name="CheckDigit">8</Param><Param name="AllowAlphabets">0</Param></Validator></Validators>' +
      '<Regex id="Regex_acct" validators="v_acct">\\b[0-9]{8}\\b</Regex><Regex id="Regex_evil">(\\w?)+x</Regex>' +
      '<Keyword id="kw_a"><Group matchStyle="word"><Term>account</Term></Group></Keyword><Keyword id="kw_b"><Group matchStyle="string"><Term>acct</Term></Group></Keyword>' +
      '<Affinity id="FFFFFFFF-1111-4111-8111-111111111111" evidencesProximity="300" thresholdConfidenceLevel="65"/>' +
      "</Version>" +
      '<LocalizedStrings><Resource idRef="CCCCCCCC-1111-4111-8111-111111111111"><Name default="false" langcode="nl">Rekening</Name><Name default="true" langcode="en">Account</Name><Description default="true" langcode="en">Accounts</Description></Resource></LocalizedStrings>' +
      "</Rules></RulePackage>";
    const result = importRulePackage(utf16leWithoutBom(xml));
    expect(result.rulePack).toMatchObject({
      id: "aaaaaaaa-1111-4111-8111-111111111111",
      version: "2.1.0.3",
      name: "Contoso pack",
    });
    expect(result.problems).toEqual([
      "Affinity 'FFFFFFFF-1111-4111-8111-111111111111' is not supported and was not imported",
    ]);
    expect(result.entities.map((e) => [e.name, e.imported, e.patterns, e.problems])).toEqual([
      [
        "Account",
        true,
        { total: 2, imported: 1 },
        [
          "relaxProximity (evidence anywhere in the text) is not supported: the window applies",
          "pattern 2 (confidence 85): Filters not supported; left out rather than loosened",
        ],
      ],
      [
        "dddddddd-1111-4111-8111-111111111111",
        false,
        { total: 1, imported: 0 },
        [
          "built-in function Func_india_aadhaar is not one Labelbridge implements",
          "pattern 1 (confidence 65): left out, its IdMatch cannot be mapped",
          "not imported: no pattern could be mapped",
        ],
      ],
      [
        "eeeeeeee-1111-4111-8111-111111111111",
        false,
        { total: 1, imported: 0 },
        [
          "regex 'Regex_evil' \"(\\\\w?)+x\": a repeated part can match nothing, so the repetition can loop without consuming text (catastrophic backtracking) (at character 1)",
          "pattern 1 (confidence 65): left out, its IdMatch cannot be mapped",
          "not imported: no pattern could be mapped",
        ],
      ],
    ]);
    const account = result.infoTypes[0];
    expect(account.elements[0]).toMatchObject({
      checksum: { kind: "checkDigit", weights: [1, 2, 1, 2, 1, 2, 1, 0], modulus: 10, position: 8 },
    });
    // 12345670: 1+4+3+8+5+12+7 = 40 → 0 ✓; 12345671 fails.
    expect(found(result.infoTypes, account.id, "account 12345670, acct 12345671")).toEqual([
      ["12345670", 75],
    ]);
    expect(found(result.infoTypes, account.id, "number 12345670")).toEqual([]);
    expect(found(result.infoTypes, account.id, "myacct 12345670")).toEqual([["12345670", 75]]);
  });

  test.each([
    ["not XML", "<<<", "not well-formed XML"],
    ["another document", '<?xml version="1.0"?><Policy/>', "root is not RulePackage"],
    [
      "no Rules",
      '<RulePackage xmlns="http://schemas.microsoft.com/office/2011/mce"><RulePack id="x"/></RulePackage>',
      "no Rules element",
    ],
  ])("%s is refused with a clear error", (_case, xml, message) => {
    expect(() => importRulePackage(xml)).toThrow(RulePackageError);
    expect(() => importRulePackage(xml)).toThrow(message);
  });
});

describe("exporting custom types as a rule package", () => {
  const identity = {
    id: "12345678-1111-4111-8111-111111111111",
    publisherId: "87654321-1111-4111-8111-111111111111",
    publisherName: "Contoso & Co",
    name: "Contoso <types>",
  };
  const ours = customInfoTypeSchema.parse({
    id: "6a0c39cd-8f37-4c59-9d1e-3d6bb2a6a009",
    name: "Employee id",
    description: "E- and 8 digits",
    proximity: 120,
    recommendedConfidence: 85,
    elements: [
      {
        id: "id",
        kind: "regex",
        pattern: "e-[0-9]{8}",
        ignoreCase: true,
        checksum: {
          kind: "checkDigit",
          weights: [1, 2, 1, 2, 1, 2, 1, 0],
          modulus: 10,
          position: 8,
          allowLetters: false,
        },
      },
      {
        id: "kw",
        kind: "keywords",
        terms: ["employee", "personeel & staf"],
        matchStyle: "word",
        caseSensitive: false,
      },
      { id: "hr", kind: "keywords", terms: ["HR"], matchStyle: "string", caseSensitive: true },
      { id: "Func_eu_date", kind: "function", name: "Func_eu_date" },
    ],
    patterns: [
      { confidence: 75, idMatch: "id" },
      {
        confidence: 85,
        idMatch: "id",
        matches: [{ ref: "kw", minCount: 2, uniqueResults: true }],
        proximity: 60,
      },
      {
        confidence: 95,
        idMatch: "id",
        any: [{ minMatches: 1, maxMatches: 2, matches: [{ ref: "hr" }, { ref: "Func_eu_date" }] }],
      },
    ],
  });

  test("round-trips our types and the imported ones", () => {
    const imported = importRulePackage(fixture("wortell_HealthCare.xml")).infoTypes;
    const types = [ours, ...imported];
    const { xml, warnings } = exportRulePackage(types, identity);
    expect(warnings).toEqual([]);
    const back = importRulePackage(xml);
    expect(back.entities.every((e) => e.imported && e.problems.length === 0)).toBe(true);
    expect(back.infoTypes).toEqual(types);
    expect(back.rulePack).toMatchObject({
      id: identity.id,
      publisherName: "Contoso & Co",
      name: "Contoso <types>",
    });
  });

  test("is well-formed XML in the rule package namespace", () => {
    const { xml } = exportRulePackage([ours], identity);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml, true);
    expect(doc.RulePackage["@_xmlns"]).toBe("http://schemas.microsoft.com/office/2011/mce");
    expect(xml).toContain('<Regex id="id" validators="id-checksum">(?i)e-[0-9]{8}</Regex>');
  });

  test("a checksum the format cannot state is left out with a warning naming type and element", () => {
    const luhn = {
      ...ours,
      elements: [{ ...ours.elements[0], checksum: { kind: "luhn" as const } }, ...ours.elements.slice(1)],
    };
    const { warnings } = exportRulePackage([luhn], identity);
    expect(warnings).toEqual([
      "info type 'Employee id', element 'id': a luhn checksum has no rule-package form; exported without it (add Purview's validator after upload)",
    ]);
  });

  test("element ids two types share are made unique", () => {
    const other = { ...ours, id: "6a0c39cd-8f37-4c59-9d1e-3d6bb2a6a00a", name: "Other" };
    const back = importRulePackage(exportRulePackage([ours, other], identity).xml).infoTypes;
    expect(back[1].elements.map((e) => e.id)).toEqual(["id-2", "kw-2", "hr-2", "Func_eu_date"]);
    expect(back[1].patterns[1].matches[0].ref).toBe("kw-2");
  });
});

describe("rule package text encodings", () => {
  const identity = {
    id: "12345678-1111-4111-8111-111111111111",
    publisherId: "87654321-1111-4111-8111-111111111111",
    publisherName: "Cøntoso Ltd",
    name: "Types — naïve",
  };
  const xml = exportRulePackage(
    importRulePackage(fixture("CompliancePartnerWorkshops_rulepack.xml")).infoTypes,
    identity,
  ).xml;

  test.each([
    ["UTF-8 with BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(xml)])],
    ["UTF-8 without BOM", new TextEncoder().encode(xml)],
    [
      "UTF-16BE with BOM",
      new Uint8Array([
        0xfe,
        0xff,
        ...[...xml].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]),
      ]),
    ],
  ])("%s reads the same", (_case, bytes) => {
    const result = importRulePackage(bytes);
    expect(result.rulePack).toMatchObject({ publisherName: "Cøntoso Ltd", name: "Types — naïve" });
    expect(result.infoTypes.map((t) => t.name)).toEqual(["Project Obsidian", "Project Olivine"]);
  });
});
