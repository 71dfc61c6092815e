import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type LabelRecord,
  MetadataFormatError,
  PDFX_NAMESPACE,
  decodePdfInfoLabels,
  decodeXmpLabels,
  encodeLabelProperties,
  pdfLabelsInEffect,
  planPropertyUpdate,
  readXmpPdfxProperties,
  updateXmpLabels,
} from "../../../src/core/metadata";
import { FIXTURES } from "./realLabels";

interface ExpectedPdf {
  file: string;
  labels: Array<Record<string, string>>;
  effective?: string;
}
const expected = JSON.parse(readFileSync(join(FIXTURES, "pdf", "expected.json"), "utf8")) as ExpectedPdf[];

/** The fixtures keep their XMP packet uncompressed, as Office writes it. */
function packetOf(file: string): string {
  const text = readFileSync(join(FIXTURES, "pdf", file)).toString("utf8");
  const start = text.indexOf("<?xpacket begin");
  const endTag = text.indexOf("<?xpacket end", start);
  return text.slice(start, text.indexOf("?>", endTag) + 2);
}

const asExpected = (r: LabelRecord) => ({ guid: r.labelId, ...r.attributes });
const SITE = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER_SITE = "11111111-2222-4333-8444-555555555555";
const LABEL = "0f1e2d3c-4b5a-4697-8887-a6b5c4d3e2f1";

describe("XMP labels of real PDFs labeled by Microsoft's tools", () => {
  it.each(expected.map((e) => [e.file, e] as const))("%s reads to its expected labels", (file, e) => {
    const records = decodeXmpLabels(packetOf(file));
    expect(records.map(asExpected)).toEqual(expect.arrayContaining(e.labels));
    expect(records).toHaveLength(e.labels.length);
    expect(records.every((r) => r.source === "PDF XMP")).toBe(true);
    const { effective } = pdfLabelsInEffect([], records);
    expect(effective.map((r) => r.labelId)).toEqual([e.effective ?? e.labels[0].guid]);
  });

  it("the sublabel, not its parent, is in effect even though both carry a full key set", () => {
    const e = expected.find((x) => x.effective) as ExpectedPdf;
    const parent = e.labels.find((l) => !l.Parent) as Record<string, string>;
    const { effective } = pdfLabelsInEffect(decodeXmpLabels(packetOf(e.file)), null);
    expect(effective.map((r) => r.labelId)).toEqual([e.effective]);
    expect(effective[0].name).toBe("Confidential \\ Any User (No Protection)");
    expect(effective[0].method).toBe("Standard"); // from Extended_MSFT_Method
    expect(effective.map((r) => r.labelId)).not.toContain(parent.guid);
  });
});

describe("information dictionary labels", () => {
  const entries: Array<[string, string]> = [
    [`MSIP_Label_${LABEL}_Enabled`, "true"],
    [`MSIP_Label_${LABEL}_SiteId`, SITE],
    [`MSIP_Label_${LABEL}_Method`, "Privileged"],
    ["Producer", "Microsoft® Word for Microsoft 365"],
  ];

  it("reads label keys among other entries, keys in any case", () => {
    const [r] = decodePdfInfoLabels([...entries, [`msip_label_${LABEL}_contentbits`, "3"]]);
    expect(r).toMatchObject({
      labelId: LABEL,
      siteId: SITE,
      method: "Privileged",
      contentBits: 3,
      source: "PDF Info",
    });
  });

  it("a label key without SiteId is an error naming the dictionary", () => {
    expect(() => decodePdfInfoLabels([[`MSIP_Label_${LABEL}_Enabled`, "true"]])).toThrow(
      /PDF document information dictionary, label .*SiteId attribute is missing/,
    );
  });

  it("Removed=True takes a label out of effect", () => {
    const records = decodePdfInfoLabels([...entries, [`MSIP_Label_${LABEL}_Removed`, "True"]]);
    expect(pdfLabelsInEffect(records, null).effective).toEqual([]);
  });

  it("the dictionary wins over a disagreeing XMP packet, and the disagreement is said", () => {
    const other = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    const info = decodePdfInfoLabels(entries);
    const xmp = decodePdfInfoLabels([
      [`MSIP_Label_${other}_Enabled`, "true"],
      [`MSIP_Label_${other}_SiteId`, SITE],
    ]);
    const result = pdfLabelsInEffect(info, xmp);
    expect(result.effective.map((r) => r.labelId)).toEqual([LABEL]);
    expect(result.notes).toEqual([
      `tenant ${SITE}: the information dictionary says label ${LABEL}, the XMP metadata says label ${other}; the information dictionary wins`,
    ]);
  });

  it("a tenant only the XMP packet mentions still counts", () => {
    const xmp = decodePdfInfoLabels([
      [`MSIP_Label_${LABEL}_Enabled`, "true"],
      [`MSIP_Label_${LABEL}_SiteId`, OTHER_SITE],
    ]);
    const result = pdfLabelsInEffect(decodePdfInfoLabels(entries), xmp);
    expect(result.effective.map((r) => r.siteId)).toEqual([SITE, OTHER_SITE]);
    expect(result.notes).toHaveLength(2); // each place lacks the other's tenant
    expect(pdfLabelsInEffect(decodePdfInfoLabels(entries), null).notes).toEqual([]);
  });
});

describe("XMP packet edits", () => {
  const write = {
    labelId: LABEL,
    siteId: SITE,
    method: "Privileged" as const,
    name: "Confidential & <Internal>",
    contentBits: 0,
    setDate: new Date(Date.UTC(2026, 11, 5, 12, 0, 0)),
    actionId: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
  };

  it("replaces our tenant's labels (parent and sublabel) and keeps everything else", () => {
    const packet = packetOf("cwyd_Master_Agreement_V1.pdf");
    const existing = readXmpPdfxProperties(packet);
    const update = planPropertyUpdate(existing, SITE, write);
    const out = updateXmpLabels(packet, update);
    const records = decodeXmpLabels(out);
    expect(records).toHaveLength(1);
    expect(records[0].attributes).toEqual(
      Object.fromEntries(
        Object.entries(encodeLabelProperties(write)).map(([k, v]) => [k.split("_").pop(), v]),
      ),
    );
    expect(records[0].name).toBe("Confidential & <Internal>");
    expect(out.startsWith('<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
    expect(out.endsWith('<?xpacket end="w"?>')).toBe(true);
    expect(out).toContain('xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 5.2-c001');
  });

  it("keeps other tenants' labels and other schemas of an Office packet, padding included", () => {
    const packet = packetOf("semantic-kernel_employees.pdf");
    const update = planPropertyUpdate(readXmpPdfxProperties(packet), OTHER_SITE, {
      ...write,
      siteId: OTHER_SITE,
    });
    const out = updateXmpLabels(packet, update);
    const sites = decodeXmpLabels(out).map((r) => r.siteId);
    expect(sites).toEqual([SITE, OTHER_SITE]);
    expect(out).toContain("<pdf:Producer>Microsoft® Word for Microsoft 365</pdf:Producer>");
    expect(out).toContain("<xmpMM:DocumentID>uuid:65526146-E403-438F-9247-B1433E6D9A6A</xmpMM:DocumentID>");
    expect(out).toContain(" ".repeat(100));
    // One pdfx description: the new keys join the existing one.
    expect(out.split(`xmlns:pdfx="${PDFX_NAMESPACE}"`)).toHaveLength(2);
  });

  it("removal leaves no label key of our tenant and keeps the others", () => {
    const packet = packetOf("markitdown_REPAIR-2022-INV-001_multipage.pdf");
    const out = updateXmpLabels(packet, planPropertyUpdate(readXmpPdfxProperties(packet), SITE, null));
    expect(decodeXmpLabels(out)).toEqual([]);
    expect(out).not.toMatch(/MSIP_Label_/);
    expect(out).toContain("<dc:creator><rdf:Seq><rdf:li>Miti Joshi</rdf:li></rdf:Seq></dc:creator>");
  });

  it("creates a packet with a pdfx description when the PDF has none", () => {
    const out = updateXmpLabels(null, planPropertyUpdate([], SITE, write));
    expect(decodeXmpLabels(out).map((r) => [r.labelId, r.siteId, r.method])).toEqual([
      [LABEL, SITE, "Privileged"],
    ]);
    expect(out).toContain(`<rdf:Description rdf:about="" xmlns:pdfx="${PDFX_NAMESPACE}">`);
  });

  it("reads and removes label properties written as attributes, and reuses the packet's rdf:about", () => {
    const packet =
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
      `<rdf:Description rdf:about="uuid:1" xmlns:p="${PDFX_NAMESPACE}" p:MSIP_Label_${LABEL}_Enabled="true" p:MSIP_Label_${LABEL}_SiteId="${SITE}" p:Other="kept"/>` +
      `</rdf:RDF></x:xmpmeta>`;
    expect(decodeXmpLabels(packet).map((r) => r.labelId)).toEqual([LABEL]);
    const out = updateXmpLabels(packet, planPropertyUpdate(readXmpPdfxProperties(packet), SITE, write));
    expect(out).toContain(`p:Other="kept"`);
    expect(out).toContain(`<p:MSIP_Label_${LABEL}_Enabled>true</p:MSIP_Label_${LABEL}_Enabled>`);
    expect(out).not.toContain(`p:MSIP_Label_${LABEL}_Enabled="true"`);
  });

  it("adds a pdfx description beside the others when none declares pdfx", () => {
    const packet =
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
      `<rdf:Description rdf:about="uuid:7" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>application/pdf</dc:format></rdf:Description>` +
      `</rdf:RDF></x:xmpmeta>`;
    const out = updateXmpLabels(packet, planPropertyUpdate([], SITE, write));
    expect(out).toContain(`<rdf:Description rdf:about="uuid:7" xmlns:pdfx="${PDFX_NAMESPACE}">`);
    expect(decodeXmpLabels(out)).toHaveLength(1);
  });
});

describe("hostile XMP", () => {
  it("a packet over the size limit is refused, not parsed", () => {
    const huge = `<x:xmpmeta xmlns:x="adobe:ns:meta/">${" ".repeat(3 * 1024 * 1024)}</x:xmpmeta>`;
    expect(() => decodeXmpLabels(huge)).toThrow(/PDF XMP metadata: .* exceed the .*-character limit/);
  });

  it("a DTD (entity expansion) is refused", () => {
    const xml = `<!DOCTYPE x [<!ENTITY a "aaaa">]><x:xmpmeta xmlns:x="adobe:ns:meta/"/>`;
    expect(() => decodeXmpLabels(xml)).toThrow(MetadataFormatError);
  });

  it("no rdf:RDF, a structured label value or two different values are errors that say so", () => {
    expect(() => decodeXmpLabels(`<x:xmpmeta xmlns:x="adobe:ns:meta/"/>`)).toThrow(/no rdf:RDF element/);
    const wrap = (inner: string) =>
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:pdfx="${PDFX_NAMESPACE}"><rdf:Description rdf:about="">${inner}</rdf:Description></rdf:RDF>`;
    expect(() =>
      decodeXmpLabels(
        wrap(`<pdfx:MSIP_Label_${LABEL}_Enabled><rdf:Alt/></pdfx:MSIP_Label_${LABEL}_Enabled>`),
      ),
    ).toThrow(/is not a simple text value/);
    expect(() =>
      decodeXmpLabels(
        wrap(
          `<pdfx:MSIP_Label_${LABEL}_Enabled>true</pdfx:MSIP_Label_${LABEL}_Enabled><pdfx:MSIP_Label_${LABEL}_Enabled>false</pdfx:MSIP_Label_${LABEL}_Enabled>`,
        ),
      ),
    ).toThrow(/appears twice with different values/);
  });
});
