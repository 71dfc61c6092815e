import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { inspect } from "../../../src/cli/scan/inspect";
import { SITE, cleanup, tempDir, write } from "../support/helpers";
import { SITE_B, appendRevision, buildPdf, flateBomb, infoEntries, xmpPacket } from "./support";

const FIXTURES = join(__dirname, "..", "..", "fixtures", "real-labels", "pdf");
interface ExpectedPdf {
  file: string;
  sha256: string;
  labels: Array<Record<string, string>>;
  effective?: string;
}
const expected = JSON.parse(readFileSync(join(FIXTURES, "expected.json"), "utf8")) as ExpectedPdf[];

const A = "0a0a0a0a-1111-4222-8333-444444444444";
const B = "0b0b0b0b-1111-4222-8333-444444444444";

let dir: string;
beforeEach(() => (dir = tempDir("lb-pdf-")));
afterEach(() => cleanup(dir));

const asExpected = (l: { labelId: string; attributes: Record<string, string> }) => ({
  guid: l.labelId,
  ...l.attributes,
});

describe("inspect reads the labels of real PDFs labeled by Microsoft's tools", () => {
  it.each(expected.map((e) => [e.file, e] as const))("%s", async (file, e) => {
    const path = join(dir, file);
    copyFileSync(join(FIXTURES, file), path);
    const r = await inspect(path);
    expect(r.error).toBeNull();
    expect(r.type).toBe("pdf");
    for (const place of [r.pdf!.info, r.pdf!.xmp!]) {
      expect(place.map(asExpected)).toEqual(expect.arrayContaining(e.labels));
      expect(place).toHaveLength(e.labels.length);
    }
    expect(r.labels.map((l) => [l.labelId, l.location])).toEqual([
      [e.effective ?? e.labels[0].guid, "PDF Info"],
    ]);
    expect(r.notes).toEqual([]);
    expect(r.pdf!.protection).toBeNull();
  });
});

describe("the latest revision of an incrementally updated PDF", () => {
  const original = () =>
    buildPdf({
      info: `/Title (Plan) ${infoEntries(A, SITE_B)}`,
      xmp: { data: Buffer.from(xmpPacket(A, SITE_B)) },
    });

  it("a revision redefining the Info and Metadata objects (same numbers) overrides them", async () => {
    const updated = appendRevision(
      original(),
      {
        5: `<< /Title (Plan) ${infoEntries(B, SITE_B)} >>`,
        6: `<< /Type /Metadata /Subtype /XML /Length ${Buffer.byteLength(xmpPacket(B, SITE_B))} >>\nstream\n${xmpPacket(B, SITE_B)}\nendstream`,
      },
      "/Root 1 0 R /Info 5 0 R",
    );
    const r = await inspect(write(join(dir, "a.pdf"), updated));
    expect(r.error).toBeNull();
    expect(r.pdf!.info.map((l) => l.labelId)).toEqual([B]);
    expect(r.pdf!.xmp!.map((l) => l.labelId)).toEqual([B]);
  });

  it("a revision pointing the trailer and catalog at new objects is followed", async () => {
    const packet = xmpPacket(B, SITE_B);
    const updated = appendRevision(
      original(),
      {
        1: "<< /Type /Catalog /Pages 2 0 R /Metadata 9 0 R >>",
        8: `<< /Title (Plan v2) ${infoEntries(B, SITE_B)} >>`,
        9: `<< /Type /Metadata /Subtype /XML /Length ${Buffer.byteLength(packet)} >>\nstream\n${packet}\nendstream`,
      },
      "/Root 1 0 R /Info 8 0 R",
    );
    const r = await inspect(write(join(dir, "b.pdf"), updated));
    expect(r.labels.map((l) => l.labelId)).toEqual([B]);
    expect(r.pdf!.xmp!.map((l) => l.labelId)).toEqual([B]);
  });

  it("a revision that drops the label from Info leaves only the XMP's, and says they disagree", async () => {
    const updated = appendRevision(original(), { 5: "<< /Title (Plan) >>" }, "/Root 1 0 R /Info 5 0 R");
    const r = await inspect(write(join(dir, "c.pdf"), updated));
    expect(r.pdf!.info).toEqual([]);
    expect(r.labels.map((l) => [l.labelId, l.location])).toEqual([[A, "PDF XMP"]]);
    expect(r.notes).toEqual([
      `tenant ${SITE_B}: the information dictionary says no label, the XMP metadata says label ${A}; the XMP metadata is used`,
    ]);
  });
});

describe("encrypted and protected PDFs are reported as such, with their visible label", () => {
  it("a Microsoft Purview protected PDF (encrypted payload inside a wrapper)", async () => {
    const path = write(
      join(dir, "wrapped.pdf"),
      buildPdf({
        info: infoEntries(A, SITE_B),
        xmp: { data: Buffer.from(xmpPacket(A, SITE_B)) },
        catalogExtra: " /Names << /EmbeddedFiles << /Names [(payload.pdf) 7 0 R] >> >> /AF [7 0 R]",
        extra: [
          "<< /Type /Filespec /F (payload.pdf) /UF (payload.pdf) /AFRelationship /EncryptedPayload " +
            "/EP << /Type /EncryptedPayload /Subtype /MicrosoftIRMServices /Version (2) >> >>",
        ],
      }),
    );
    const r = await inspect(path);
    expect(r.error).toBeNull();
    expect(r.labels.map((l) => l.labelId)).toEqual([A]);
    expect(r.pdf!.protection).toBe(
      "a Microsoft Purview protected PDF: the document is an encrypted payload (MicrosoftIRMServices) inside an unencrypted wrapper",
    );
    expect(r.notes).toContain(
      "a Microsoft Purview protected PDF: the document is an encrypted payload (MicrosoftIRMServices) inside an unencrypted wrapper: its label is reported, never rewritten",
    );
  });

  it("the payload's file specification may be a direct object in the catalog", async () => {
    const path = write(
      join(dir, "direct.pdf"),
      buildPdf({
        info: infoEntries(A, SITE_B),
        catalogExtra:
          " /AF [<< /Type /Filespec /F (p.pdf) /AFRelationship /EncryptedPayload /EP << /Type /EncryptedPayload /Subtype /MicrosoftIRMServices >> >>]",
      }),
    );
    expect((await inspect(path)).pdf!.protection).toMatch(/^a Microsoft Purview protected PDF/);
  });

  it("Microsoft's first protected-PDF format (the payload attachment's name)", async () => {
    const path = write(
      join(dir, "v1.pdf"),
      buildPdf({
        info: infoEntries(A, SITE_B),
        extra: ["<< /Type /Filespec /F (MicrosoftIRMServices Protected PDF.pdf) >>"],
      }),
    );
    expect((await inspect(path)).pdf!.protection).toMatch(/^a Microsoft Purview protected PDF/);
  });

  it("a PDF encrypted with Microsoft's security handler names the labels its keys show", async () => {
    const path = write(
      join(dir, "irm.pdf"),
      buildPdf({
        info: infoEntries(A, SITE_B).replace(/\(([^)]*)\)/g, "<00112233>"),
        extra: ["<< /Filter /MicrosoftIRMServices /V 4 /R 4 >>"],
        trailerExtra:
          " /Encrypt 7 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
      }),
    );
    const r = await inspect(path);
    expect(r.error).toBeNull();
    expect(r.labels).toEqual([]);
    expect(r.pdf!.protection).toBe(
      "encrypted by Microsoft Purview Information Protection (MicrosoftIRMServices)",
    );
    expect(r.notes).toContain(`the information dictionary names label ${A}, but its values are encrypted`);
  });
});

describe("hostile PDFs give clear rows", () => {
  const cases: Array<[string, () => Buffer, string, RegExp]> = [
    [
      "not a PDF",
      () => Buffer.from("PK\x03\x04 not a pdf at all"),
      "corrupt",
      /not a PDF: there is no %PDF- header/,
    ],
    [
      "a Flate bomb in the metadata stream",
      () =>
        buildPdf({
          info: infoEntries(A, SITE_B),
          xmp: { data: flateBomb(64 * 1024 * 1024), filter: "FlateDecode" },
        }),
      "too-large",
      /the XMP metadata stream inflates beyond 2097152 bytes \(a Flate bomb\?\); it is not read/,
    ],
    [
      "a huge uncompressed XMP packet",
      () => buildPdf({ xmp: { data: Buffer.alloc(3 * 1024 * 1024, 0x20) } }),
      "too-large",
      /the XMP metadata stream is 3145728 bytes; over 2097152 is not read/,
    ],
    [
      "XMP in a filter we do not decode",
      () => buildPdf({ xmp: { data: Buffer.from("3C3F78>"), filter: "ASCIIHexDecode" } }),
      "unsupported",
      /the XMP metadata stream is encoded with ASCIIHexDecode, which Labelbridge does not decode/,
    ],
    [
      "a malformed label key",
      () => buildPdf({ info: "/MSIP_Label_not-a-guid_Enabled (true)" }),
      "label-metadata",
      /PDF document information dictionary: label key "MSIP_Label_not-a-guid_Enabled": "not-a-guid" is not a GUID/,
    ],
  ];
  it.each(cases)("%s", async (_name, bytes, code, message) => {
    const r = await inspect(write(join(dir, "h.pdf"), bytes()));
    expect(r.error?.code).toBe(code);
    expect(r.error?.message).toMatch(message);
  });

  it("compressed XMP (Flate) is read", async () => {
    const path = write(
      join(dir, "z.pdf"),
      buildPdf({
        xmp: { data: deflateSync(xmpPacket(A, SITE)), filter: "FlateDecode" },
      }),
    );
    const r = await inspect(path);
    expect(r.error).toBeNull();
    expect(r.labels.map((l) => [l.labelId, l.location])).toEqual([[A, "PDF XMP"]]);
  });

  it("a damaged cross-reference table: labels are still read, and the damage is said", async () => {
    const good = buildPdf({ info: infoEntries(A, SITE_B) });
    const text = good.toString("latin1");
    const broken = Buffer.from(text.replace(/startxref\n\d+/, "startxref\n12"), "latin1");
    const r = await inspect(write(join(dir, "x.pdf"), broken));
    expect(r.error).toBeNull();
    expect(r.labels.map((l) => l.labelId)).toEqual([A]);
    expect(r.notes).toEqual([
      "the cross-reference table is damaged (startxref points to byte 12, where there is no cross-reference section); labels were read by scanning the objects",
    ]);
  });
});
