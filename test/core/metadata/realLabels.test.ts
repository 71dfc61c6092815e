import {
  decodeCustomXmlLabels,
  decodeLabelInfo,
  decodeMailHeaderBlock,
  effectiveLabels,
  readCustomProperties,
} from "../../../src/core/metadata";
import { type ExpectedLabel, headerBlocks, openOfficeFile, project, readJsonFixture } from "./realLabels";

describe("msip_labels headers stamped by Exchange and Outlook", () => {
  const blocks = headerBlocks();
  const expected = readJsonFixture<ExpectedLabel[][]>("msip_headers.expected.json");

  it("has one expectation per block", () => {
    expect(blocks).toHaveLength(expected.length);
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it.each(blocks.map((block, i) => [i + 1, block, expected[i]] as const))(
    "block %i decodes to exactly the expected labels",
    (_n, block, labels) => {
      expect(decodeMailHeaderBlock(block).map((r) => project(r, false))).toEqual(labels);
    },
  );

  it("reads the typed values a decision needs", () => {
    const [aip] = decodeMailHeaderBlock(blocks[3]);
    expect(aip).toMatchObject({ enabled: true, method: "Standard", contentBits: null, removed: false });
    const [privileged] = decodeMailHeaderBlock(blocks[0]);
    expect(privileged).toMatchObject({
      enabled: true,
      method: "Privileged",
      contentBits: 1,
      source: "msip_labels",
    });
    expect(decodeMailHeaderBlock(blocks[1]).map((r) => r.method)).toEqual(["Standard", "Privileged"]);
  });

  it("finds no label in the empty header", () => {
    expect(decodeMailHeaderBlock(blocks[blocks.length - 1])).toEqual([]);
  });
});

interface OfficeExpectation {
  file: string;
  labelinfo_part: { has_bom: boolean; labels: Array<Record<string, string | null>> } | null;
  custom_xml_msip_labels: ExpectedLabel[] | null;
  custom_xml_other_properties: string[] | null;
  expected_effective_labels: ExpectedLabel[];
}

describe("Office files labeled by Office", () => {
  const expectations = readJsonFixture<OfficeExpectation[]>("office_expected.json");

  it("covers every fixture file, the Titus negative included", () => {
    expect(expectations.map((e) => e.file)).toContain("office/negative/poi__60810.pptx");
    expect(expectations).toHaveLength(7);
  });

  it.each(expectations.map((e) => [e.file, e] as const))(
    "%s gives exactly the expected labels",
    (file, e) => {
      const pkg = openOfficeFile(file);
      const labelInfo = pkg.labelInfo === null ? null : decodeLabelInfo(pkg.labelInfo);
      const custom = pkg.customXml === null ? [] : decodeCustomXmlLabels(pkg.customXml);

      expect(effectiveLabels(labelInfo, custom).map((r) => project(r, true))).toEqual(
        e.expected_effective_labels,
      );

      // The layers underneath agree with the fixture too.
      expect(pkg.labelInfo === null).toBe(e.labelinfo_part === null);
      if (e.labelinfo_part && pkg.labelInfo !== null) {
        expect(pkg.labelInfo.startsWith("\uFEFF")).toBe(e.labelinfo_part.has_bom);
        expect(
          (labelInfo ?? []).map((r) => ({
            guid: r.labelId,
            enabled: r.attributes.Enabled,
            method: r.attributes.Method,
            siteId: r.siteId,
            contentBits: r.attributes.ContentBits ?? null,
            removed: r.attributes.Removed,
          })),
        ).toEqual(e.labelinfo_part.labels);
      }
      expect(custom.map((r) => project(r, false))).toEqual(e.custom_xml_msip_labels ?? []);
      const others = pkg.customXml === null ? [] : readCustomProperties(pkg.customXml).map((p) => p.name);
      expect(others.filter((n) => !/^MSIP_Label_/i.test(n))).toEqual(e.custom_xml_other_properties ?? []);
    },
  );

  it("reads the removal record as a removal, not as a label", () => {
    const pkg = openOfficeFile("office/officedev-addin-samples__SalesTemplate.xlsx");
    const [record] = decodeLabelInfo(pkg.labelInfo as string);
    expect(record).toMatchObject({
      labelId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      siteId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      enabled: false,
      removed: true,
      method: null,
      contentBits: null,
    });
  });

  it("maps the AIP client's Extended_MSFT_Method=Automatic to Standard", () => {
    const pkg = openOfficeFile("office/openxmlsdk__malformed_uri.xlsx");
    const [record] = decodeCustomXmlLabels(pkg.customXml as string);
    expect(record).toMatchObject({
      enabled: true,
      method: "Standard",
      name: "General",
      source: "custom.xml",
    });
  });
});
