import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { buildDocx, buildXlsx } from "../../bench/scanner/ooxml";
import type { LabelWrite } from "../../src/core/metadata";
import { readCustomProperties } from "../../src/core/metadata";
import type { LabelStorage } from "../../src/core/policy";
import { officeLabels, openOfficeFile, writeOfficeLabel } from "../../src/cli/ooxml/officeFile";
import { tenantLabel } from "../../src/cli/ooxml/labels";
import { bufferSource } from "../../src/cli/ooxml/source";
import { findEntry, localRecord, openZip } from "../../src/cli/ooxml/zipRead";
import {
  L,
  OTHER_SITE,
  REPO,
  SITE,
  cleanup,
  labelInfoXml,
  msipProps,
  sha256,
  tempDir,
  write,
} from "./support/helpers";

const dec = new TextDecoder();
let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => cleanup(dir));

const ours = (
  labelId: string = L.confidentialAllEmployees,
  method: "Standard" | "Privileged" = "Standard",
): LabelWrite => ({
  labelId,
  siteId: SITE,
  method,
  name: "Confidential_AllEmployees",
  contentBits: 0,
  setDate: "2026-01-02T03:04:05Z",
  actionId: "6ce2bdf9-7c0e-4ecf-8912-00008769d35e",
});

function label(path: string, write: LabelWrite | null, storage: LabelStorage = "auto") {
  const file = openOfficeFile(path);
  try {
    return writeOfficeLabel(file, officeLabels(file), SITE, write, { storage });
  } finally {
    file.close();
  }
}

function parts(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(unzipSync(readFileSync(path)))) out[k] = dec.decode(v);
  return out;
}

function read(path: string) {
  const file = openOfficeFile(path);
  try {
    return officeLabels(file);
  } finally {
    file.close();
  }
}

/** The raw local record of every entry not in `changed` is identical in both files. */
function expectCarriedOver(before: Uint8Array, after: Uint8Array, changed: string[]): void {
  const a = openZip(bufferSource(before));
  const b = openZip(bufferSource(after));
  for (const e of a.entries) {
    if (changed.includes(e.name)) continue;
    const f = findEntry(b, e.name)!;
    const ra = localRecord(a, e);
    const rb = localRecord(b, f);
    expect(Buffer.from(after.subarray(f.localHeaderOffset, rb.end))).toEqual(
      Buffer.from(before.subarray(e.localHeaderOffset, ra.end)),
    );
  }
}

describe("writing a label into custom.xml", () => {
  test("a document without custom properties gets custom.xml, its relationship and its content type; nothing else changes", () => {
    const path = write(join(dir, "a.docx"), buildDocx([["Hello"]]));
    const before = readFileSync(path);
    expect(label(path, ours())).toEqual({ changed: true, target: "custom.xml" });
    const after = readFileSync(path);
    const p = parts(path);
    expect(readCustomProperties(p["docProps/custom.xml"]).map((x) => [x.name, x.value])).toEqual([
      [`MSIP_Label_${L.confidentialAllEmployees}_Enabled`, "true"],
      [`MSIP_Label_${L.confidentialAllEmployees}_SetDate`, "2026-01-02T03:04:05Z"],
      [`MSIP_Label_${L.confidentialAllEmployees}_Method`, "Standard"],
      [`MSIP_Label_${L.confidentialAllEmployees}_Name`, "Confidential_AllEmployees"],
      [`MSIP_Label_${L.confidentialAllEmployees}_SiteId`, SITE],
      [`MSIP_Label_${L.confidentialAllEmployees}_ActionId`, "6ce2bdf9-7c0e-4ecf-8912-00008769d35e"],
      [`MSIP_Label_${L.confidentialAllEmployees}_ContentBits`, "0"],
    ]);
    expect(p["_rels/.rels"]).toContain(
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
    );
    expect(p["[Content_Types].xml"]).toContain(
      '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
    );
    expectCarriedOver(before, after, ["_rels/.rels", "[Content_Types].xml"]);
    expect(tenantLabel(read(path), SITE)).toMatchObject({
      labelId: L.confidentialAllEmployees,
      method: "Standard",
      source: "custom.xml",
    });
  });

  test("another tenant's label and other properties are kept; our older label's keys go", () => {
    const props = {
      ...msipProps({ labelId: "f42aa342-8706-4288-bd11-ebb85995028c", siteId: OTHER_SITE, name: "Partner" }),
      ...msipProps({ labelId: L.general, name: "General" }),
      Department: "Finance",
    };
    const path = write(join(dir, "b.xlsx"), buildXlsx([["x"]], { customProperties: props }));
    const before = readFileSync(path);
    label(path, ours());
    const names = readCustomProperties(parts(path)["docProps/custom.xml"]).map((x) => x.name);
    expect(names.filter((n) => n.includes("f42aa342"))).toHaveLength(7);
    expect(names.filter((n) => n.includes(L.general))).toHaveLength(0);
    expect(names.filter((n) => n.includes(L.confidentialAllEmployees))).toHaveLength(7);
    expect(names).toContain("Department");
    // Only custom.xml changed: no new relationship, no new content type.
    expectCarriedOver(before, readFileSync(path), ["docProps/custom.xml"]);
    const labels = read(path);
    expect(labels.effective.map((r) => r.siteId).sort()).toEqual([OTHER_SITE, SITE].sort());
  });

  test("removal drops only our tenant's keys", () => {
    const props = {
      ...msipProps({ labelId: L.general }),
      ...msipProps({ labelId: "f42aa342-8706-4288-bd11-ebb85995028c", siteId: OTHER_SITE }),
    };
    const path = write(join(dir, "c.docx"), buildDocx([["x"]], { customProperties: props }));
    expect(label(path, null)).toEqual({ changed: true, target: "custom.xml" });
    const labels = read(path);
    expect(labels.effective.map((r) => r.siteId)).toEqual([OTHER_SITE]);
  });
});

describe("writing a label into LabelInfo.xml", () => {
  const LABEL_INFO_REL = "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels";

  test("when the policy says the tenant uses LabelInfo: the part in Office's canonical bytes, its relationship and content type", () => {
    const path = write(join(dir, "a.docx"), buildDocx([["Hello"]]));
    expect(label(path, ours(), "labelInfo")).toEqual({ changed: true, target: "LabelInfo.xml" });
    const p = parts(path);
    expect(p["docMetadata/LabelInfo.xml"]).toBe(
      '<?xml version="1.0" encoding="utf-8" standalone="yes"?><clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata">' +
        `<clbl:label id="{${L.confidentialAllEmployees}}" enabled="1" method="Standard" siteId="{${SITE}}" contentBits="0" removed="0" /></clbl:labelList>`,
    );
    expect(p["_rels/.rels"]).toContain(
      `<Relationship Id="rId3" Type="${LABEL_INFO_REL}" Target="docMetadata/LabelInfo.xml"/>`,
    );
    expect(p["[Content_Types].xml"]).toContain(
      '<Override PartName="/docMetadata/LabelInfo.xml" ContentType="application/vnd.ms-office.classificationlabels+xml"/>',
    );
    expect(p["docProps/custom.xml"]).toBeUndefined();
    expect(tenantLabel(read(path), SITE)).toMatchObject({
      labelId: L.confidentialAllEmployees,
      source: "LabelInfo.xml",
    });
  });

  test("a file that already has LabelInfo (a real Office file, another tenant) gets our element next to theirs", () => {
    const path = join(dir, "rlink.docx");
    copyFileSync(join(REPO, "test/fixtures/real-labels/office/markitdown__rlink.docx"), path);
    const before = readFileSync(path);
    expect(label(path, ours())).toEqual({ changed: true, target: "LabelInfo.xml" });
    expect(parts(path)["docMetadata/LabelInfo.xml"]).toBe(
      '<?xml version="1.0" encoding="utf-8" standalone="yes"?><clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata">' +
        `<clbl:label id="{f42aa342-8706-4288-bd11-ebb85995028c}" enabled="1" method="Standard" siteId="{${OTHER_SITE}}" contentBits="0" removed="0" />` +
        `<clbl:label id="{${L.confidentialAllEmployees}}" enabled="1" method="Standard" siteId="{${SITE}}" contentBits="0" removed="0" /></clbl:labelList>`,
    );
    expectCarriedOver(before, readFileSync(path), ["docMetadata/LabelInfo.xml"]);
    // Writing the same label again produces the same bytes: nothing to do.
    const hash = sha256(path);
    expect(label(path, ours())).toEqual({ changed: false, target: "LabelInfo.xml" });
    expect(sha256(path)).toBe(hash);
  });

  test("LabelInfo then speaks for our tenant: our custom-property keys are dropped, other properties stay", () => {
    const props = { ...msipProps({ labelId: L.general }), Department: "Finance" };
    const path = write(
      join(dir, "d.docx"),
      buildDocx([["x"]], {
        customProperties: props,
        labelInfo: labelInfoXml([{ labelId: L.general, siteId: SITE }]),
      }),
    );
    label(path, ours());
    const p = parts(path);
    expect(readCustomProperties(p["docProps/custom.xml"]).map((x) => x.name)).toEqual(["Department"]);
    const labels = read(path);
    expect(labels.disagreements).toEqual([]);
    expect(tenantLabel(labels, SITE)).toMatchObject({
      labelId: L.confidentialAllEmployees,
      source: "LabelInfo.xml",
    });
  });

  test("removal leaves a record of the deliberate removal (id = siteId, enabled 0, removed 1)", () => {
    const path = write(
      join(dir, "e.docx"),
      buildDocx([["x"]], { labelInfo: labelInfoXml([{ labelId: L.general, siteId: SITE }]) }),
    );
    label(path, null);
    expect(parts(path)["docMetadata/LabelInfo.xml"]).toBe(
      '<?xml version="1.0" encoding="utf-8" standalone="yes"?><clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata">' +
        `<clbl:label id="{${SITE}}" enabled="0" method="" siteId="{${SITE}}" removed="1" /></clbl:labelList>`,
    );
    expect(tenantLabel(read(path), SITE)).toBeNull();
  });

  test("custom properties contradicting LabelInfo are reported as a disagreement, LabelInfo winning", () => {
    const path = write(
      join(dir, "f.docx"),
      buildDocx([["x"]], {
        customProperties: msipProps({ labelId: L.public }),
        labelInfo: labelInfoXml([{ labelId: L.general, siteId: SITE }]),
      }),
    );
    const labels = read(path);
    expect(tenantLabel(labels, SITE)?.labelId).toBe(L.general);
    expect(labels.disagreements.map((d) => [d.siteId, d.labelInfo.labelId, d.custom.labelId])).toEqual([
      [SITE, L.general, L.public],
    ]);
  });
});
