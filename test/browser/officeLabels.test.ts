/**
 * The built task pane (dist/) in headless Chromium on fake Word and Excel documents fed with real
 * Office files (test/fixtures/real-labels/office) through getFileAsync: a label Office keeps only
 * in LabelInfo.xml shows as the document's label and nothing is written over it; relabeling removes
 * Office's own markings; Titus and partner labels show through the tenant's mappings and count.
 */
import { unzipSync, zipSync } from "fflate";
import type { LabelMapping } from "../../src/core/policy";
import { L, OUR_TENANT, ourLabelProperties } from "../addin/documentSetup";
import type { FakeDocumentOptions } from "../addin/fakes/document/browserEntry";
import {
  FILES,
  MS_TENANT,
  fileBytes,
  fileProperties,
  mappedPolicy,
  microsoftPolicy,
} from "../addin/officeLabelsSetup";
import { backend } from "./harness";
import { badge, documentSuite, documentView, labelButton } from "./documentPane";

jest.setTimeout(120_000);

const suite = documentSuite();
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const mandatoryPublicDefault = {
  mandatoryDocuments: true,
  defaultDocumentLabel: L.public,
  justificationRequired: true,
};
const DESKTOP_SETS = {
  WordApi: "1.5",
  WordApiDesktop: "1.2",
  CommonApi: "1.1",
  File: "1.1",
  CompressedFile: "1.1",
};

/**
 * A workbook labeled in LabelInfo.xml: the real SalesTemplate.xlsx (whose LabelInfo records a
 * removal) with the LabelInfo.xml Office wrote into rlink.docx for an active label — two real
 * parts, combined here because no workbook among the fixtures has an active LabelInfo label.
 */
function workbookLabeledInLabelInfo(): Uint8Array {
  const labelInfo = unzipSync(fileBytes(FILES.labelInfoDocx), {
    filter: (f) => f.name === "docMetadata/LabelInfo.xml",
  })["docMetadata/LabelInfo.xml"];
  const parts = unzipSync(fileBytes(FILES.removedXlsx));
  return zipSync({ ...parts, "docMetadata/LabelInfo.xml": labelInfo });
}

function word(file: Uint8Array, extra: Partial<FakeDocumentOptions> = {}): FakeDocumentOptions {
  return {
    host: "Word",
    url: "https://contoso.sharepoint.com/sites/fin/Shared%20Documents/Plan%202027.docx",
    file: base64(file),
    word: { sections: [{ body: ["Plan 2027"], headers: { Primary: ["Acme Ltd"] } }] },
    ...extra,
  };
}

function excel(file: Uint8Array, properties: Record<string, string> = {}, footer = ""): FakeDocumentOptions {
  return {
    host: "Excel",
    url: "https://contoso.sharepoint.com/sites/fin/Shared%20Documents/Budget%202027.xlsx",
    file: base64(file),
    excel: { sheets: [{ name: "Summary", headerFooter: { centerFooter: footer } }], properties },
  };
}

describe("a label Office keeps only in LabelInfo.xml, in Chromium", () => {
  it("Word: opens as labeled 'General'; no default, no banner; a lower label is refused, nothing written", async () => {
    const page = await suite.open(
      word(fileBytes(FILES.labelInfoDocx)),
      backend(microsoftPolicy(mandatoryPublicDefault)),
    );
    await badge(page).getByText("General").waitFor();
    await page.getByTestId("label-note-office-keeps-label").waitFor();
    expect(await page.getByTestId("mandatory-banner").count()).toBe(0);
    await labelButton(page, "Public").click();
    await page.getByTestId("notice-error").getByText("only Office can change", { exact: false }).waitFor();
    await badge(page).getByText("General").waitFor();
    expect((await documentView(page)).properties).toEqual({});
  });

  it("Excel: opens as labeled 'General' and the default 'Public' is not written over it", async () => {
    const page = await suite.open(
      excel(workbookLabeledInLabelInfo()),
      backend(microsoftPolicy(mandatoryPublicDefault)),
    );
    await badge(page).getByText("General").waitFor();
    await page.getByTestId("label-note-office-keeps-label").waitFor();
    const doc = await documentView(page);
    expect(doc.properties).toEqual({});
    expect(doc.sheets[0].centerFooter).toBe("");
  });
});

describe("relabeling removes Office's own markings, in Chromium", () => {
  const confidential = ourLabelProperties(
    L.confidentialAllEmployees,
    "Confidential_AllEmployees",
    "Standard",
    "5",
  );

  it("Word for Windows: Office's MSIPCM/MSIPWM shapes go, the author's logo stays", async () => {
    const page = await suite.open(
      word(fileBytes(FILES.customPropertiesDocx), {
        requirementSets: DESKTOP_SETS,
        wordHost: { wordApiDesktop: "1.2" },
        word: {
          sections: [
            {
              body: ["Plan 2027"],
              headers: { Primary: ["Acme Ltd"] },
              headerShapes: {
                Primary: [
                  { name: "MSIPCM_v1_header", text: "Confidential" },
                  { name: "Acme logo", type: "Picture" },
                ],
              },
              footerShapes: { Primary: [{ name: "MSIPWM_v1_main", text: "CONFIDENTIAL" }] },
            },
          ],
          properties: confidential,
        },
      }),
      backend(mappedPolicy([], { justificationRequired: false })),
    );
    await badge(page).getByText("Confidential \\ All Employees").waitFor();
    await labelButton(page, "Highly Confidential \\ All Employees").click();
    await badge(page).getByText("Highly Confidential \\ All Employees").waitFor();
    const doc = await documentView(page);
    expect(doc.sections[0].shapes).toEqual(["Acme logo"]);
    expect(doc.properties[`MSIP_Label_${L.highlyConfidentialAllEmployees}_SiteId`]).toBe(OUR_TENANT);
  });

  it("Excel: Office's `&1#` footer mark is replaced, the author's footer text stays", async () => {
    const officeMark = 'Page &P\r&1#&"Calibri"&10&K000000 Confidential';
    const page = await suite.open(
      excel(fileBytes(FILES.aipXlsx), confidential, officeMark),
      backend(mappedPolicy([], { justificationRequired: false })),
    );
    await badge(page).getByText("Confidential \\ All Employees").waitFor();
    await labelButton(page, "Public").click();
    await badge(page).getByText("Public").waitFor();
    expect((await documentView(page)).sheets[0].centerFooter).toBe("Page &P");
  });
});

describe("mapped Titus and partner labels, in Chromium", () => {
  const titus: LabelMapping = {
    type: "customProperty",
    name: "Titus",
    property: "Information Classification",
    value: "General",
    labelId: L.confidentialAllEmployees,
  };
  const partner: LabelMapping = {
    type: "partnerLabel",
    name: "Contoso Labs",
    siteId: MS_TENANT,
    partnerLabelId: "f42aa342-8706-4288-bd11-ebb85995028c",
    labelId: L.general,
  };

  it("Word: a Titus document shows 'Mapped from Titus' and lowering it asks why", async () => {
    const page = await suite.open(
      word(fileBytes(FILES.customPropertiesDocx), {
        word: { sections: [{ body: ["Deck notes"] }], properties: fileProperties(FILES.titusPptx) },
      }),
      backend(mappedPolicy([titus], mandatoryPublicDefault)),
    );
    await badge(page).getByText("Confidential \\ All Employees").waitFor();
    await page.getByTestId("label-note-mapped").getByText('Mapped from Titus "General"').waitFor();
    expect(Object.keys((await documentView(page)).properties).some((k) => k.startsWith("MSIP_Label_"))).toBe(
      false,
    );
    await labelButton(page, "Public").click();
    await page.getByTestId("justification-dialog").waitFor();
  });

  it("Excel: another tenant's AIP label shows as the label it maps to, with its origin", async () => {
    const page = await suite.open(
      excel(fileBytes(FILES.aipXlsx), fileProperties(FILES.aipXlsx)),
      backend(mappedPolicy([partner], mandatoryPublicDefault)),
    );
    await badge(page).getByText("General").waitFor();
    await page.getByTestId("label-note-mapped").getByText('Mapped from Contoso Labs "General"').waitFor();
    expect(await page.getByTestId("mandatory-banner").count()).toBe(0);
    expect((await documentView(page)).properties).toEqual(fileProperties(FILES.aipXlsx));
  });
});
