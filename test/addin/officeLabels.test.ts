/**
 * Labels Office applied, in Word and Excel, from real Office files fed to the fake hosts: read from
 * LabelInfo.xml (through getFileAsync's slices and the package relationship) before custom
 * properties; never read as "no label"; no default, automatic or lower label written over them.
 */
import type { AuditEvent } from "../../src/core/audit";
import type { EffectivePolicy } from "../../src/core/policy";
import { chooseLabel, openDocument, type FlowDeps } from "../../src/addin/flows";
import type { DocumentFileLimits } from "../../src/addin/hosts/documentFile";
import type { DocumentLabelingHost } from "../../src/addin/hosts/documentHost";
import { ExcelHost } from "../../src/addin/hosts/excel";
import { WordHost } from "../../src/addin/hosts/word";
import { createFakeExcel, propertyMap as workbookProperties, type FakeExcel } from "./fakes/excel";
import { createFakeOffice, type FakeOffice } from "./fakes/document/office";
import { createFakeWord, propertyMap, type FakeWord } from "./fakes/word";
import { context, L, OUR_TENANT, ourLabelProperties } from "./documentSetup";
import {
  FILES,
  MS_GENERAL,
  MS_TENANT,
  TIKA_LABEL,
  TIKA_TENANT,
  fileBytes,
  fileProperties,
  microsoftPolicy,
  mappedPolicy,
} from "./officeLabelsSetup";

const PRIYA = { name: "Priya Shah", principalName: "priya@contoso.com" };

interface Doc<H extends DocumentLabelingHost> {
  host: H;
  office: FakeOffice;
  properties: () => Record<string, string>;
  fake: FakeWord | FakeExcel;
}

function word(
  file: Uint8Array | undefined,
  properties: Record<string, string> = {},
  options: {
    sets?: Record<string, string>;
    fileLimits?: DocumentFileLimits;
  } = {},
): Doc<WordHost> {
  const fake = createFakeWord({
    sections: [{ body: ["Plan 2027"], headers: { Primary: ["Acme Ltd"] } }],
    properties,
  });
  const office = createFakeOffice({
    host: "Word",
    url: "https://contoso.sharepoint.com/Plan.docx",
    file,
    requirementSets: options.sets,
  });
  const host = new WordHost({
    office: office.Office as unknown as typeof Office,
    word: fake.Word as unknown as typeof Word,
    user: () => PRIYA,
    fileLimits: options.fileLimits,
  });
  return { host, office, fake, properties: () => propertyMap(fake.model) };
}

function excel(
  file: Uint8Array | undefined,
  properties: Record<string, string> = {},
  sets?: Record<string, string>,
): Doc<ExcelHost> {
  const fake = createFakeExcel({ sheets: [{ name: "Budget" }], properties });
  const office = createFakeOffice({
    host: "Excel",
    url: "https://contoso.sharepoint.com/Budget.xlsx",
    file,
    requirementSets: sets,
  });
  const host = new ExcelHost({
    office: office.Office as unknown as typeof Office,
    excel: fake.Excel as unknown as typeof Excel,
    user: () => PRIYA,
  });
  return { host, office, fake, properties: () => workbookProperties(fake.model) };
}

function deps(
  host: DocumentLabelingHost,
  policy: EffectivePolicy,
  audit: AuditEvent[] = [],
): FlowDeps<DocumentLabelingHost> {
  return {
    host,
    policy,
    kind: "file",
    ctx: context(host.kind),
    audit: { enqueue: async (events) => void audit.push(...events) },
  };
}

const mandatoryPublicDefault = () =>
  microsoftPolicy({ mandatoryDocuments: true, defaultDocumentLabel: L.public, justificationRequired: true });

describe("Word: a document whose label Office keeps only in LabelInfo.xml", () => {
  it("reads as labeled — Office's label, from LabelInfo, found through the package relationship — and the file is closed", async () => {
    const doc = word(fileBytes(FILES.labelInfoDocx));
    const state = await doc.host.readLabel(MS_TENANT);
    expect(state.current).toEqual({ labelId: MS_GENERAL, method: "Standard" });
    expect(state.source).toBe("labelInfo");
    expect(state.inLabelInfo).toBe(true);
    expect(doc.office.file.stats).toMatchObject({ opened: 1, open: 0 });
  });

  it("on open gets no default and no mandatory banner, and nothing is written over Office's label", async () => {
    const doc = word(fileBytes(FILES.labelInfoDocx));
    const audit: AuditEvent[] = [];
    const outcome = await openDocument(deps(doc.host, mandatoryPublicDefault(), audit), "pane");
    expect(outcome.applied).toBeNull();
    expect(outcome.decision?.reason).toBe("office-keeps-label");
    expect(outcome.mandatoryMissing).toBe(false);
    expect(doc.properties()).toEqual({});
    expect(audit).toEqual([]);
  });

  it("refuses a person's change, lower or not, with the reason: Office alone writes LabelInfo", async () => {
    const doc = word(fileBytes(FILES.labelInfoDocx));
    for (const labelId of [L.public, L.highlyConfidentialAllEmployees, null]) {
      const outcome = await chooseLabel(deps(doc.host, mandatoryPublicDefault()), { labelId });
      expect(outcome.kind === "decided" && outcome.decision).toMatchObject({
        outcome: "block",
        reason: "office-keeps-label",
      });
    }
    expect(doc.properties()).toEqual({});
  });

  it("reads the slices in order whatever their size, and sees a label Office applies while the pane is open", async () => {
    const doc = word(
      fileBytes(FILES.customPropertiesDocx),
      {},
      { fileLimits: { maxBytes: 1 << 20, timeoutMs: 5000, sliceSize: 1000 } },
    );
    expect((await doc.host.readLabel(MS_TENANT)).current).toBeNull();
    // Office's own Sensitivity button labels it: the next read (before any change) sees it.
    doc.office.file.setBytes(fileBytes(FILES.labelInfoDocx));
    expect((await doc.host.readLabel(MS_TENANT)).current?.labelId).toBe(MS_GENERAL);
    expect(doc.office.file.stats.slices).toBeGreaterThan(20);
    expect(doc.office.file.stats.open).toBe(0);
  });

  it("keeps both tenants: LabelInfo's and another's in custom properties; ours is written next to them", async () => {
    const doc = word(fileBytes(FILES.labelInfoDocx), fileProperties(FILES.customPropertiesDocx));
    const policy = mappedPolicy([], { defaultDocumentLabel: L.general });
    const state = await doc.host.readLabel(OUR_TENANT);
    expect(state.current).toBeNull();
    expect(state.records.map((r) => [r.siteId, r.labelId, r.source])).toEqual([
      [MS_TENANT, MS_GENERAL, "LabelInfo.xml"],
      [TIKA_TENANT, TIKA_LABEL, "properties"],
    ]);
    const outcome = await openDocument(deps(doc.host, policy), "pane");
    expect(outcome.applied?.labelId).toBe(L.general);
    expect(outcome.after.records.map((r) => r.siteId).sort()).toEqual(
      [MS_TENANT, OUR_TENANT, TIKA_TENANT].sort(),
    );
    expect(doc.properties()).toMatchObject(fileProperties(FILES.customPropertiesDocx));
  });
});

describe("Excel: Office's removal record and the AIP client's properties", () => {
  it("a LabelInfo removal record means no label, whatever properties say, and only Office can label it again", async () => {
    const stale = ourLabelProperties(L.confidentialAllEmployees, "Confidential_AllEmployees");
    const asMicrosoft = Object.fromEntries(
      Object.entries(stale).map(([k, v]) => [k, v === OUR_TENANT ? MS_TENANT : v]),
    );
    const doc = excel(fileBytes(FILES.removedXlsx), asMicrosoft);
    const state = await doc.host.readLabel(MS_TENANT);
    expect(state.current).toBeNull();
    expect(state.inLabelInfo).toBe(true);
    const outcome = await openDocument(deps(doc.host, mandatoryPublicDefault()), "pane");
    expect(outcome.applied).toBeNull();
    expect(outcome.decision?.reason).toBe("office-keeps-label");
    expect(outcome.mandatoryMissing).toBe(true);
    expect(doc.properties()).toEqual(asMicrosoft);
  });

  it("reads the AIP client's custom properties where the workbook has no LabelInfo: a lower default is not written", async () => {
    const doc = excel(fileBytes(FILES.aipXlsx), fileProperties(FILES.aipXlsx));
    const outcome = await openDocument(deps(doc.host, mandatoryPublicDefault()), "pane");
    expect(outcome.before.current?.labelId).toBe(MS_GENERAL);
    expect(outcome.before.source).toBe("properties");
    expect(outcome.decision?.reason).toBe("already-labeled");
    expect(doc.properties()).toEqual(fileProperties(FILES.aipXlsx));
  });
});

describe("where LabelInfo.xml cannot be read", () => {
  const noCompressedFile = { ExcelApi: "1.9", WordApi: "1.5" };

  it("Excel on the web (no CompressedFile): no default label by itself, no banner claiming no label", async () => {
    const doc = excel(undefined, {}, noCompressedFile);
    const outcome = await openDocument(deps(doc.host, mandatoryPublicDefault()), "pane");
    expect(outcome.before.unread).toEqual({ reason: "not-supported" });
    expect(outcome.decision?.reason).toBe("office-label-unknown");
    expect(outcome.mandatoryMissing).toBe(false);
    expect(doc.properties()).toEqual({});
    expect(doc.office.file.stats.opened).toBe(0);
  });

  it("still labels by default where the tenant keeps labels in custom properties only", async () => {
    const policy = microsoftPolicy({ defaultDocumentLabel: L.public }, { labelStorage: "customProperties" });
    const doc = excel(undefined, {}, noCompressedFile);
    const outcome = await openDocument(deps(doc.host, policy), "pane");
    expect(outcome.applied?.labelId).toBe(L.public);
  });

  it("too large or too slow is unknown too, never unlabeled; the file is closed either way", async () => {
    const big = word(
      fileBytes(FILES.labelInfoDocx),
      {},
      { fileLimits: { maxBytes: 4096, timeoutMs: 5000, sliceSize: 1024 } },
    );
    const state = await big.host.readLabel(MS_TENANT);
    expect(state.unread?.reason).toBe("too-large");
    expect(big.office.file.stats.open).toBe(0);

    const slow = word(
      fileBytes(FILES.labelInfoDocx),
      {},
      { fileLimits: { maxBytes: 1 << 20, timeoutMs: 200, sliceSize: 4096 } },
    );
    slow.office.file.setSliceDelay(150);
    const outcome = await openDocument(deps(slow.host, mandatoryPublicDefault()), "pane");
    expect(outcome.before.unread?.reason).toBe("timed-out");
    expect(outcome.applied).toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    expect(slow.office.file.stats.open).toBe(0);
    expect(slow.properties()).toEqual({});
  });

  it("a person may still choose a label: it is written, and the state says Office's may be elsewhere", async () => {
    const doc = excel(undefined, {}, noCompressedFile);
    const outcome = await chooseLabel(deps(doc.host, microsoftPolicy()), {
      labelId: L.confidentialAllEmployees,
    });
    expect(outcome.kind === "decided" && outcome.decision.outcome).toBe("allow");
    expect(outcome.kind === "decided" && outcome.result?.state?.unread?.reason).toBe("not-supported");
    expect(Object.keys(doc.properties())).toContain(`MSIP_Label_${L.confidentialAllEmployees}_SiteId`);
  });
});
