import fc from "fast-check";
import {
  LABEL_INFO_CONTENT_TYPE,
  LABEL_INFO_NAMESPACE,
  LABEL_INFO_PART_NAME,
  LABEL_INFO_RELATIONSHIP_TYPE,
  type LabelRemoval,
  type LabelWrite,
  MetadataFormatError,
  decodeLabelInfo,
  encodeLabelInfo,
} from "../../../src/core/metadata";
import { anyGuidSpelling, canonical, labelWrite } from "./arbitraries";
import { openOfficeFile } from "./realLabels";

const NS = LABEL_INFO_NAMESPACE;
const DECL = '<?xml version="1.0" encoding="utf-8" standalone="yes"?>';
const G = "f42aa342-8706-4288-bd11-ebb85995028c";
const T = "72f988bf-86f1-41af-91ab-2d7cd011db47";

const write: LabelWrite = {
  labelId: G.toUpperCase(),
  siteId: `{${T}}`,
  method: "Standard",
  name: "General",
  contentBits: 0,
  setDate: new Date(),
  actionId: "1d4f1966-c3fd-41b2-9f3e-b4c7f5bb09bc",
};

describe("LabelInfo constants", () => {
  it("are the part, relationship and content type Office uses", () => {
    expect(LABEL_INFO_PART_NAME).toBe("/docMetadata/LabelInfo.xml");
    expect(LABEL_INFO_RELATIONSHIP_TYPE).toBe(
      "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels",
    );
    expect(LABEL_INFO_CONTENT_TYPE).toBe("application/vnd.ms-office.classificationlabels+xml");
  });
});

describe("encodeLabelInfo", () => {
  it("produces Office's bytes for a label (identical to markitdown's Word file)", () => {
    expect(encodeLabelInfo([write])).toBe(openOfficeFile("office/markitdown__rlink.docx").labelInfo);
  });

  it("produces Office's bytes for a removal (identical to the Excel sample)", () => {
    const removal: LabelRemoval = { siteId: T.toUpperCase(), removed: true };
    expect(encodeLabelInfo([removal])).toBe(
      openOfficeFile("office/officedev-addin-samples__SalesTemplate.xlsx").labelInfo,
    );
  });

  it("writes several tenants in the given order and an empty list", () => {
    const other = "3dd8961f-e488-4e60-8e11-a82d994e183d";
    expect(
      encodeLabelInfo([
        { siteId: other, removed: true },
        { ...write, method: "Privileged", contentBits: 9 },
      ]),
    ).toBe(
      `${DECL}<clbl:labelList xmlns:clbl="${NS}">` +
        `<clbl:label id="{${other}}" enabled="0" method="" siteId="{${other}}" removed="1" />` +
        `<clbl:label id="{${G}}" enabled="1" method="Privileged" siteId="{${T}}" contentBits="9" removed="0" />` +
        `</clbl:labelList>`,
    );
    expect(encodeLabelInfo([])).toBe(`${DECL}<clbl:labelList xmlns:clbl="${NS}" />`);
  });

  it("refuses two entries for one tenant and invalid writes", () => {
    expect(() => encodeLabelInfo([write, { siteId: T, removed: true }])).toThrow(
      new MetadataFormatError("docMetadata/LabelInfo.xml label 2", `a second label for tenant ${T}`),
    );
    expect(() => encodeLabelInfo([{ siteId: "x", removed: true }])).toThrow(/siteId "x" is not a GUID/);
    expect(() => encodeLabelInfo([{ ...write, method: "Manual" as never }])).toThrow(/Method "Manual"/);
  });
});

describe("decodeLabelInfo", () => {
  it("accepts any prefix, unbraced GUIDs, true/false, a BOM and pretty-printing", () => {
    const xml =
      `\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<m:labelList xmlns:m="${NS}">\r\n  ` +
      `<m:label id="${G.toUpperCase()}" enabled=" true " method="Privileged" siteId="${T}" removed="false" extra="x"/>\r\n` +
      `  <m:extLst><m:ext uri="{1}"/></m:extLst>\r\n</m:labelList>\r\n`;
    const [r] = decodeLabelInfo(xml);
    expect(r).toEqual({
      labelId: G,
      siteId: T,
      enabled: true,
      method: "Privileged",
      setDate: null,
      name: null,
      contentBits: null,
      actionId: null,
      removed: false,
      attributes: {
        Id: G.toUpperCase(),
        Enabled: " true ",
        Method: "Privileged",
        SiteId: T,
        Removed: "false",
        extra: "x",
      },
      source: "LabelInfo.xml",
    });
  });

  it("finds the namespace by URI even as the default namespace, and an empty list", () => {
    expect(
      decodeLabelInfo(
        `<labelList xmlns="${NS}"><label id="{${G}}" enabled="1" method="Standard" siteId="{${T}}" removed="0"/></labelList>`,
      ),
    ).toHaveLength(1);
    expect(decodeLabelInfo(`<clbl:labelList xmlns:clbl="${NS}"/>`)).toEqual([]);
    // Same local names in another namespace are not labels.
    expect(decodeLabelInfo(`<labelList xmlns="${NS}"><x:label xmlns:x="urn:x" id="1"/></labelList>`)).toEqual(
      [],
    );
  });

  it.each([
    ["a wrong root namespace", `<clbl:labelList xmlns:clbl="urn:other"/>`, /is not labelList in/],
    ["an undeclared prefix", `<clbl:labelList/>`, /prefix "clbl" is not declared/],
    [
      "a missing siteId",
      `<labelList xmlns="${NS}"><label id="{${G}}" enabled="1" method="Standard" removed="0"/></labelList>`,
      /label 1: the required siteId attribute is missing/,
    ],
    [
      "a missing removed",
      `<labelList xmlns="${NS}"><label id="{${G}}" enabled="1" method="Standard" siteId="{${T}}"/></labelList>`,
      /required removed attribute/,
    ],
    [
      "a short GUID",
      `<labelList xmlns="${NS}"><label id="{f42aa342}" enabled="1" method="Standard" siteId="{${T}}" removed="0"/></labelList>`,
      /id "\{f42aa342\}" is not a GUID/,
    ],
    [
      "a half-braced GUID",
      `<labelList xmlns="${NS}"><label id="{${G}" enabled="1" method="Standard" siteId="{${T}}" removed="0"/></labelList>`,
      /not a GUID/,
    ],
    [
      "a bad boolean",
      `<labelList xmlns="${NS}"><label id="{${G}}" enabled="yes" method="Standard" siteId="{${T}}" removed="0"/></labelList>`,
      /enabled="yes" is not an xsd:boolean/,
    ],
    [
      "True (xsd:boolean is case-sensitive)",
      `<labelList xmlns="${NS}"><label id="{${G}}" enabled="True" method="Standard" siteId="{${T}}" removed="0"/></labelList>`,
      /xsd:boolean/,
    ],
    [
      "bad contentBits",
      `<labelList xmlns="${NS}"><label id="{${G}}" enabled="1" method="Standard" siteId="{${T}}" contentBits="-1" removed="0"/></labelList>`,
      /ContentBits "-1"/,
    ],
    [
      "two labels for a tenant",
      `<labelList xmlns="${NS}"><label id="{${G}}" enabled="1" method="Standard" siteId="{${T}}" removed="0"/><label id="{${T}}" enabled="0" method="" siteId="{${T}}" removed="1"/></labelList>`,
      /label 2: a second label for tenant/,
    ],
    [
      "an unknown entity",
      `<labelList xmlns="${NS}">&nbsp;</labelList>`,
      /"&nbsp;" is not a character reference/,
    ],
    ["a bad character reference", `<labelList xmlns="${NS}" a="&#0;"/>`, /character reference/],
    [
      "two roots",
      `<labelList xmlns="${NS}"/><labelList xmlns="${NS}"/>`,
      /line 1, column 79: a second root element/,
    ],
    [
      "no root",
      `<?xml version="1.0"?>`,
      /not well-formed XML at line 1, column 1: expected one root element, found 0/,
    ],
    [
      "text after the root",
      `<labelList xmlns="${NS}"/>text`,
      /line 1, column 79: text outside the root element/,
    ],
    ["an unclosed element", `<labelList xmlns="${NS}"><label/>`, /element "labelList" is not closed/],
    [
      "an XML declaration later on",
      ` <?xml version="1.0"?><labelList xmlns="${NS}"/>`,
      /only allowed at the start/,
    ],
    ["CDATA outside the root", `<![CDATA[x]]><labelList xmlns="${NS}"/>`, /CDATA outside the root element/],
    ["an unquoted attribute", `<labelList xmlns="${NS}" a=1/>`, /the value of "a" is not quoted/],
    ["'<' in an attribute", `<labelList xmlns="${NS}" a="<"/>`, /the value of "a" contains '<'/],
    ["attributes run together", `<labelList xmlns="${NS}"a="1"/>`, /expected whitespace, '>' or '\/>'/],
    [
      "a processing instruction without space",
      `<?pi"x"?><labelList xmlns="${NS}"/>`,
      /expected whitespace after the target/,
    ],
    ["an unclosed XML declaration", `<?xml version="1.0"`, /the XML declaration is not closed/],
    ["an end tag with attributes", `<labelList xmlns="${NS}"></labelList a="1">`, /expected ">"/],
    ["a name starting with a digit", `<1abel/>`, /expected an element name/],
    [
      "a mismatched tag",
      `<labelList xmlns="${NS}"><label></labelList>`,
      /line 1, column 85: end tag "labelList" does not close "label"/,
    ],
  ])("refuses %s", (_what, xml, message) => {
    expect(() => decodeLabelInfo(xml)).toThrow(message);
    expect(() => decodeLabelInfo(xml)).toThrow(MetadataFormatError);
  });

  it("round-trips any list of labels and removals", () => {
    const entry = fc.oneof(
      labelWrite(),
      anyGuidSpelling().map((siteId): LabelRemoval => ({ siteId, removed: true })),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, { selector: (e) => canonical(e.siteId), maxLength: 5 }),
        (entries) => {
          const xml = encodeLabelInfo(entries);
          const decoded = decodeLabelInfo(xml);
          expect(decoded).toHaveLength(entries.length);
          decoded.forEach((r, i) => {
            const e = entries[i];
            if ("removed" in e) {
              expect(r).toMatchObject({
                labelId: canonical(e.siteId),
                siteId: canonical(e.siteId),
                enabled: false,
                removed: true,
                method: null,
                contentBits: null,
              });
            } else {
              expect(r).toMatchObject({
                labelId: canonical(e.labelId),
                siteId: canonical(e.siteId),
                enabled: true,
                removed: false,
                method: e.method,
                contentBits: e.contentBits,
              });
            }
          });
          // Canonical: re-encoding what was read gives the same bytes.
          const again = decoded.map((r): LabelWrite | LabelRemoval =>
            r.removed
              ? { siteId: r.siteId, removed: true }
              : ({ ...entries[decoded.indexOf(r)], labelId: r.labelId, siteId: r.siteId } as LabelWrite),
          );
          expect(encodeLabelInfo(again)).toBe(xml);
        },
      ),
    );
  });
});
