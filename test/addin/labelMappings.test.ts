/**
 * The tenant's label mappings in the add-in: a Titus classification (the real negative fixture's
 * properties) or a partner tenant's label (the real Tika file's) read as the label it maps to — in
 * Word and Excel on open, in Outlook read mode and for attachment inheritance. The pane shows the
 * mapped label and the original; decisions count the mapped label; without a mapping, nothing maps.
 */
import type { EffectivePolicy, LabelMapping } from "../../src/core/policy";
import { attachmentReader } from "../../src/addin/flows/attachmentReader";
import type { DocumentLabelingHost } from "../../src/addin/hosts/documentHost";
import { ExcelHost } from "../../src/addin/hosts/excel";
import { WordHost } from "../../src/addin/hosts/word";
import { en } from "../../src/addin/i18n/en";
import { labelNotes } from "../../src/addin/taskpane/model/labelNotes";
import { createFakeExcel, propertyMap as workbookProperties } from "./fakes/excel";
import { createFakeOffice } from "./fakes/document/office";
import { createFakeOutlook } from "./fakes/outlook/fakeOutlook";
import { createFakeWord, propertyMap } from "./fakes/word";
import { L } from "./documentSetup";
import { composeFake, hostOf, SITE } from "./outlook/setup";
import { pane as outlookPane } from "./outlook/paneHarness";
import {
  FILES,
  MS_GENERAL,
  MS_TENANT,
  TIKA_LABEL,
  TIKA_TENANT,
  fileBytes,
  fileProperties,
  mappedPolicy,
} from "./officeLabelsSetup";
import { PRIYA, documentPane } from "./documentPaneHarness";

const TITUS: LabelMapping = {
  type: "customProperty",
  name: "Titus",
  property: "Information Classification",
  value: "General",
  labelId: L.confidentialAllEmployees,
};
const FABRIKAM: LabelMapping = {
  type: "partnerLabel",
  name: "Fabrikam",
  siteId: TIKA_TENANT,
  partnerLabelId: TIKA_LABEL,
  labelId: L.general,
};
const CONTOSO_LABS: LabelMapping = {
  type: "partnerLabel",
  siteId: MS_TENANT,
  partnerLabelId: MS_GENERAL,
  labelId: L.general,
};

async function paneOn(host: DocumentLabelingHost, policy: EffectivePolicy) {
  const pane = await documentPane(host, policy);
  const { controller } = pane;
  return {
    ...pane,
    notes: () => labelNotes(controller.getState().label, controller.getState().mapped, policy, en),
  };
}

function titusWordDocument(file = FILES.customPropertiesDocx) {
  // The Titus file is a presentation: its real properties go into a Word document here.
  const fake = createFakeWord({
    sections: [{ body: ["Plan"] }],
    properties: fileProperties(FILES.titusPptx),
  });
  const office = createFakeOffice({
    host: "Word",
    url: "https://contoso.sharepoint.com/Plan.docx",
    file: fileBytes(file),
  });
  const host = new WordHost({
    office: office.Office as unknown as typeof Office,
    word: fake.Word as unknown as typeof Word,
    user: () => PRIYA,
  });
  return { fake, host };
}

const mandatoryPublicDefault = {
  mandatoryDocuments: true,
  defaultDocumentLabel: L.public,
  justificationRequired: true,
};

describe("Word: a Titus classification through a mapping", () => {
  it("opens as the mapped label, says 'Mapped from Titus', writes no default over it and shows no banner", async () => {
    const { fake, host } = titusWordDocument();
    const before = propertyMap(fake.model);
    const { controller, notes, audit } = await paneOn(host, mappedPolicy([TITUS], mandatoryPublicDefault));
    expect(controller.getState().current).toEqual({
      labelId: L.confidentialAllEmployees,
      method: "Privileged",
    });
    expect(notes()).toEqual([{ kind: "mapped", text: 'Mapped from Titus "General"' }]);
    expect(propertyMap(fake.model)).toEqual(before);
    expect(audit.map((e) => e.type)).not.toContain("unlabeled-document");
  });

  it("counts the mapped label: lowering it asks why; choosing it writes it as ours", async () => {
    const { fake, host } = titusWordDocument();
    const { controller, notes } = await paneOn(host, mappedPolicy([TITUS], mandatoryPublicDefault));
    await controller.chooseLabel(L.public);
    expect(controller.getState().justification).toMatchObject({
      target: L.public,
      from: L.confidentialAllEmployees,
    });
    await controller.cancelJustification();
    await controller.chooseLabel(L.confidentialAllEmployees);
    expect(propertyMap(fake.model)[`MSIP_Label_${L.confidentialAllEmployees}_Method`]).toBe("Privileged");
    expect(controller.getState().mapped).toBeNull();
    expect(notes()).toEqual([]);
  });

  it("without a mapping the same document is unlabeled: the default goes on", async () => {
    const { fake, host } = titusWordDocument();
    await paneOn(host, mappedPolicy([], mandatoryPublicDefault));
    expect(propertyMap(fake.model)[`MSIP_Label_${L.public}_Method`]).toBe("Standard");
  });
});

describe("partner tenants' labels through a mapping", () => {
  it("Word: the Tika file's partner label (custom properties) shows as ours with its origin", async () => {
    const fake = createFakeWord({ properties: fileProperties(FILES.customPropertiesDocx) });
    const office = createFakeOffice({ host: "Word", file: fileBytes(FILES.customPropertiesDocx) });
    const host = new WordHost({
      office: office.Office as unknown as typeof Office,
      word: fake.Word as unknown as typeof Word,
    });
    const { controller, notes } = await paneOn(host, mappedPolicy([FABRIKAM], mandatoryPublicDefault));
    expect(controller.getState().current?.labelId).toBe(L.general);
    expect(notes()).toEqual([{ kind: "mapped", text: 'Mapped from Fabrikam "Not Protected_2"' }]);
    expect(Object.keys(propertyMap(fake.model)).some((k) => k.includes(L.public))).toBe(false);
  });

  it("Word: a partner label Office keeps in LabelInfo.xml maps too (named by id: LabelInfo has no names)", async () => {
    const fake = createFakeWord({ sections: [{ body: ["Notes"] }] });
    const office = createFakeOffice({ host: "Word", file: fileBytes(FILES.labelInfoDocx) });
    const host = new WordHost({
      office: office.Office as unknown as typeof Office,
      word: fake.Word as unknown as typeof Word,
    });
    const { controller, notes } = await paneOn(host, mappedPolicy([CONTOSO_LABS], mandatoryPublicDefault));
    expect(controller.getState().current?.labelId).toBe(L.general);
    expect(notes()).toEqual([
      { kind: "mapped", text: `Mapped from a partner organisation's label "${MS_GENERAL}"` },
    ]);
    expect(propertyMap(fake.model)).toEqual({});
  });

  it("Excel: the AIP client's properties of another tenant map through a partner mapping", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Budget" }], properties: fileProperties(FILES.aipXlsx) });
    const office = createFakeOffice({ host: "Excel", file: fileBytes(FILES.aipXlsx) });
    const host = new ExcelHost({
      office: office.Office as unknown as typeof Office,
      excel: fake.Excel as unknown as typeof Excel,
    });
    const { controller, notes } = await paneOn(host, mappedPolicy([CONTOSO_LABS], mandatoryPublicDefault));
    expect(controller.getState().current?.labelId).toBe(L.general);
    expect(notes()).toEqual([
      { kind: "mapped", text: 'Mapped from a partner organisation\'s label "General"' },
    ]);
    expect(workbookProperties(fake.model)).toEqual(fileProperties(FILES.aipXlsx));
  });

  it("Outlook read mode: a received mail's partner label shows as the mapped label, with its origin", async () => {
    const raw =
      `msip_labels: MSIP_Label_${TIKA_LABEL}_Enabled=true; MSIP_Label_${TIKA_LABEL}_SiteId=${TIKA_TENANT};` +
      ` MSIP_Label_${TIKA_LABEL}_Name=Not Protected_2\r\n`;
    const fake = createFakeOutlook({ mode: "read", rawHeaders: raw, subject: "Figures" });
    const policy = mappedPolicy([FABRIKAM]);
    const { controller } = await outlookPane(fake, policy);
    const s = controller.getState();
    expect(s.current?.labelId).toBe(L.general);
    expect(labelNotes(s.label, s.mapped, policy, en)).toEqual([
      { kind: "mapped", text: 'Mapped from Fabrikam "Not Protected_2"' },
    ]);
    const unmapped = await outlookPane(
      createFakeOutlook({ mode: "read", rawHeaders: raw, subject: "x" }),
      mappedPolicy([]),
    );
    expect(unmapped.controller.getState().current).toBeNull();
  });
});

describe("attachment inheritance through mappings", () => {
  const b64 = (name: string) => Buffer.from(fileBytes(name)).toString("base64");

  it("reads a Titus attachment and a partner's attachment as the labels they map to, and nothing without mappings", async () => {
    const attachments = [
      { id: "a1", name: "Deck.pptx", size: 150_000, content: b64(FILES.titusPptx) },
      { id: "a2", name: "Partner.docx", size: 13_000, content: b64(FILES.customPropertiesDocx) },
    ];
    const policy = mappedPolicy([TITUS, FABRIKAM]);
    const host = hostOf(composeFake(policy, { attachments }));
    const mapped = await host.refreshAttachmentLabels(SITE, attachmentReader(policy));
    expect(mapped.map((a) => [a.name, a.labelId])).toEqual([
      ["Deck.pptx", L.confidentialAllEmployees],
      ["Partner.docx", L.general],
    ]);
    const plain = hostOf(composeFake(mappedPolicy([]), { attachments }));
    const none = await plain.refreshAttachmentLabels(SITE, attachmentReader(mappedPolicy([])));
    expect(none.map((a) => a.labelId)).toEqual([null, null]);
  });
});
