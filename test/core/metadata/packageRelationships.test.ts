/**
 * Finding LabelInfo.xml through the package relationship, as Office does (MS-OFFCRYPTO 2.6.3), in
 * the relationship parts of real Office files.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import {
  LABEL_INFO_RELATIONSHIP_TYPE,
  MetadataFormatError,
  packageRelationshipTarget,
  resolvePackageTarget,
} from "../../../src/core/metadata";

const OFFICE = join(__dirname, "..", "..", "fixtures", "real-labels", "office");

function rels(file: string): string {
  return strFromU8(
    unzipSync(readFileSync(join(OFFICE, file)), { filter: (f) => f.name === "_rels/.rels" })["_rels/.rels"],
  );
}

describe("packageRelationshipTarget", () => {
  it("finds LabelInfo.xml in Office-made packages that have it, and nothing in one that has not", () => {
    expect(packageRelationshipTarget(rels("markitdown__rlink.docx"), LABEL_INFO_RELATIONSHIP_TYPE)).toBe(
      "docMetadata/LabelInfo.xml",
    );
    expect(
      packageRelationshipTarget(
        rels("officedev-addin-samples__SalesTemplate.xlsx"),
        LABEL_INFO_RELATIONSHIP_TYPE,
      ),
    ).toBe("docMetadata/LabelInfo.xml");
    expect(
      packageRelationshipTarget(rels("tika__testWORD_docSecurity.docx"), LABEL_INFO_RELATIONSHIP_TYPE),
    ).toBeNull();
  });

  it("follows a target wherever the writer put it, skips external ones, and refuses a broken part", () => {
    const xml = (target: string, mode = "") =>
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="${LABEL_INFO_RELATIONSHIP_TYPE}" Target="${target}"${mode}/></Relationships>`;
    expect(packageRelationshipTarget(xml("/meta/Label%20Info.xml"), LABEL_INFO_RELATIONSHIP_TYPE)).toBe(
      "meta/Label Info.xml",
    );
    expect(
      packageRelationshipTarget(
        xml("https://x/y.xml", ' TargetMode="External"'),
        LABEL_INFO_RELATIONSHIP_TYPE,
      ),
    ).toBeNull();
    expect(() => packageRelationshipTarget("<Relationships", LABEL_INFO_RELATIONSHIP_TYPE)).toThrow(
      MetadataFormatError,
    );
    expect(resolvePackageTarget("../outside.xml")).toBeNull();
  });
});
