/**
 * The Excel adapter against the fake Excel host: the default label on an unlabeled workbook with
 * "Internal — ${User.Name}" on every sheet in one round trip (scenario 4), downgrades, the
 * 255-character limit, new sheets, other tenants' labels, and bounded text for detection.
 */
import { ExcelHost } from "../../src/addin/hosts/excel";
import { decideDefaultLabel } from "../../src/core/decide";
import {
  createFakeExcel,
  propertyMap,
  storedLength,
  type FakeExcel,
  type WorksheetSpec,
} from "./fakes/excel";
import {
  L,
  OUR_TENANT,
  PARTNER_PROPERTIES,
  context,
  installGlobals,
  internalPolicy,
  ourLabelProperties,
  planChange,
  removeGlobals,
} from "./documentSetup";

const CONFIDENTIAL = L.confidentialAllEmployees;
const HIGHLY = L.highlyConfidentialAllEmployees;
const key = (labelId: string, suffix: string) => `MSIP_Label_${labelId}_${suffix}`;
const INTERNAL_MARK = '&1#&"Calibri,Regular"&10&K000000Internal — Priya Shah';
const CONFIDENTIAL_MARK = '&1#&"Calibri,Regular"&10&K000000Classified as Confidential';

let excel: FakeExcel;
let host: ExcelHost;
let clock = 1_000_000;

function setUp(
  sheets: WorksheetSpec[],
  properties: Record<string, string> = {},
  options: ConstructorParameters<typeof ExcelHost>[0] = {},
): void {
  excel = createFakeExcel({ sheets, properties: { Department: "Finance", ...properties } });
  installGlobals("Excel", { Excel: excel.Excel }, "https://contoso.sharepoint.com/Budget.xlsx");
  host = new ExcelHost({
    user: () => ({ name: "Priya Shah", principalName: "priya@contoso.com" }),
    now: () => clock,
    ...options,
  });
}

afterEach(async () => {
  await host?.dispose();
  removeGlobals();
});

const budgetSheets: WorksheetSpec[] = [
  { name: "Summary", headerFooter: { centerHeader: "&BBudget 2027", rightFooter: "Page &P of &N" } },
  { name: "Detail", state: "FirstAndDefault", firstPage: { leftHeader: "Cover" } },
  { name: "Notes" },
];

describe("Excel: default label on an unlabeled workbook (scenario 4)", () => {
  it("labels General/Internal by default and writes 'Internal — Priya Shah' on every sheet in one write", async () => {
    setUp(budgetSheets);
    const p = internalPolicy();
    const state = await host.readLabel(OUR_TENANT);
    expect(excel.runtime.stats.roundTrips).toBe(1);
    const decision = decideDefaultLabel(p, { kind: "file", current: state.current }, context("Excel"));
    if (decision.outcome !== "apply") throw new Error(decision.message);
    excel.runtime.resetStats();

    const result = await host.applyPlan(decision.plan);

    expect(excel.runtime.stats.roundTrips).toBe(1);
    expect(result).toMatchObject({ nativeLabelSet: false, contentBits: 1, warnings: [] });
    expect(result.state?.current).toEqual({ labelId: L.general, method: "Standard" });
    const [summary, detail, notes] = excel.model.worksheets;
    expect(summary.headersFooters.defaultForAllPages).toEqual({
      leftHeader: "",
      centerHeader: `&BBudget 2027\n${INTERNAL_MARK}`,
      rightHeader: "",
      leftFooter: "",
      centerFooter: "",
      rightFooter: "Page &P of &N",
    });
    expect(detail.headersFooters.defaultForAllPages.centerHeader).toBe(INTERNAL_MARK);
    expect(detail.headersFooters.firstPage).toMatchObject({
      leftHeader: "Cover",
      centerHeader: INTERNAL_MARK,
    });
    expect(notes.headersFooters.defaultForAllPages.centerHeader).toBe(INTERNAL_MARK);
    // Page types a sheet does not use are left alone.
    expect(notes.headersFooters.firstPage.centerHeader).toBe("");
    expect(propertyMap(excel.model)).toEqual({
      Department: "Finance",
      [key(L.general, "Enabled")]: "true",
      [key(L.general, "SetDate")]: "2026-11-29T10:15:30Z",
      [key(L.general, "Method")]: "Standard",
      [key(L.general, "Name")]: "General",
      [key(L.general, "SiteId")]: OUR_TENANT,
      [key(L.general, "ActionId")]: decision.plan.metadata?.actionId,
      [key(L.general, "ContentBits")]: "1",
    });
  });
});

describe("Excel: changing the label", () => {
  it("lowers Highly Confidential to Confidential with a justification: marks replaced, never duplicated, author text kept", async () => {
    setUp(budgetSheets);
    let state = await host.readLabel(OUR_TENANT);
    await host.applyPlan(planChange(state, HIGHLY, "Excel"));
    state = await host.readLabel(OUR_TENANT);
    excel.runtime.resetStats();
    const result = await host.applyPlan(
      planChange(state, CONFIDENTIAL, "Excel", { reason: "Previous label was incorrect" }),
    );
    expect(excel.runtime.stats.roundTrips).toBe(1);
    expect(result.contentBits).toBe(2);
    state = await host.readLabel(OUR_TENANT);
    await host.applyPlan(planChange(state, HIGHLY, "Excel"));
    state = await host.readLabel(OUR_TENANT);
    await host.applyPlan(
      planChange(state, CONFIDENTIAL, "Excel", { reason: "Previous label was incorrect" }),
    );

    const summary = excel.model.worksheets[0].headersFooters.defaultForAllPages;
    expect(summary).toEqual({
      leftHeader: "",
      centerHeader: "&BBudget 2027",
      rightHeader: "",
      leftFooter: "",
      centerFooter: CONFIDENTIAL_MARK,
      rightFooter: "Page &P of &N",
    });
    const keys = Object.keys(propertyMap(excel.model)).filter((k) => k.startsWith("MSIP_Label_"));
    expect(keys.every((k) => k.includes(CONFIDENTIAL))).toBe(true);
    expect(keys).toHaveLength(7);
  });

  it("writes header and footer for Highly Confidential, says Excel has no watermark and leaves bit 4 out", async () => {
    setUp(budgetSheets);
    const state = await host.readLabel(OUR_TENANT);
    const result = await host.applyPlan(planChange(state, HIGHLY, "Excel"));
    expect(result.contentBits).toBe(3);
    expect(result.warnings).toEqual([{ code: "watermark-not-supported", app: "Excel" }]);
    expect(excel.model.worksheets[2].headersFooters.defaultForAllPages).toMatchObject({
      centerHeader: '&1#&"Calibri,Regular"&12&KA4262CHighly Confidential',
      centerFooter:
        '&1#&"Calibri,Regular"&10&K000000Classified as Highly Confidential — Priya Shah, 29/11/2026 21:15',
    });
  });

  it("keeps within 255 characters: where the author's text leaves no room for both, the footer alone goes on and ContentBits say so", async () => {
    const long = "&BQuarterly consolidated statement of the finance department " + "x".repeat(90);
    setUp([{ name: "Summary", headerFooter: { centerHeader: long } }, { name: "Notes" }]);
    const state = await host.readLabel(OUR_TENANT);
    const result = await host.applyPlan(planChange(state, HIGHLY, "Excel"));
    const [summary, notes] = excel.model.worksheets;
    expect(summary.headersFooters.defaultForAllPages.centerHeader).toBe(long);
    expect(summary.headersFooters.defaultForAllPages.centerFooter).toContain(
      "Classified as Highly Confidential",
    );
    expect(storedLength(summary.headersFooters.defaultForAllPages)).toBeLessThanOrEqual(255);
    expect(notes.headersFooters.defaultForAllPages.centerHeader).toContain("Highly Confidential");
    expect(result.contentBits).toBe(2);
    expect(result.warnings[0]).toEqual({ code: "excel-marking-shortened", sheets: ["Summary"] });
    expect(propertyMap(excel.model)[key(HIGHLY, "ContentBits")]).toBe("2");
  });

  it("keeps the partner's label and other properties; replaces our stale label", async () => {
    setUp(budgetSheets, { ...PARTNER_PROPERTIES, ...ourLabelProperties(L.public, "Public") });
    const state = await host.readLabel(OUR_TENANT);
    expect(state.current?.labelId).toBe(L.public);
    await host.applyPlan(planChange(state, CONFIDENTIAL, "Excel"));
    const props = propertyMap(excel.model);
    for (const [k, v] of Object.entries(PARTNER_PROPERTIES)) expect(props[k]).toBe(v);
    expect(props.Department).toBe("Finance");
    expect(Object.keys(props).some((k) => k.includes(L.public))).toBe(false);
  });

  it("does not write from an old read: reads again, and keeps what the author typed in between", async () => {
    setUp(budgetSheets);
    const state = await host.readLabel(OUR_TENANT);
    excel.model.worksheets[2].headersFooters.defaultForAllPages.leftFooter = "Draft";
    clock += 60_000; // the justification dialog took a minute
    excel.runtime.resetStats();
    await host.applyPlan(planChange(state, CONFIDENTIAL, "Excel"));
    expect(excel.runtime.stats.roundTrips).toBe(2);
    expect(excel.model.worksheets[2].headersFooters.defaultForAllPages).toMatchObject({
      leftFooter: "Draft",
      centerFooter: CONFIDENTIAL_MARK,
    });
  });

  it("marks a sheet that appeared between the read and the write with one repair write", async () => {
    setUp(budgetSheets);
    const state = await host.readLabel(OUR_TENANT);
    excel.model.worksheets.push({ ...excel.model.worksheets[2], id: "{late}", name: "Late" });
    excel.model.worksheets[3].headersFooters = JSON.parse(
      JSON.stringify(excel.model.worksheets[3].headersFooters),
    );
    excel.runtime.resetStats();
    await host.applyPlan(planChange(state, CONFIDENTIAL, "Excel"));
    expect(excel.runtime.stats.roundTrips).toBe(2);
    expect(excel.model.worksheets[3].headersFooters.defaultForAllPages.centerFooter).toBe(CONFIDENTIAL_MARK);
  });
});

describe("Excel: new sheets", () => {
  it("gives a sheet the person adds the label's marks (1 read + 1 write), and does not double a copied sheet's", async () => {
    setUp(budgetSheets);
    const state = await host.readLabel(OUR_TENANT);
    await host.applyPlan(planChange(state, HIGHLY, "Excel"));
    excel.runtime.resetStats();

    const added = excel.userAddsWorksheet("Q3");
    await excel.runtime.settleEvents();
    expect(excel.runtime.stats.roundTrips).toBe(2);
    expect(added.headersFooters.defaultForAllPages).toEqual(
      excel.model.worksheets[2].headersFooters.defaultForAllPages,
    );

    const copy = excel.userCopiesWorksheet(excel.model.worksheets[0], "Summary (2)");
    await excel.runtime.settleEvents();
    expect(copy.headersFooters.defaultForAllPages).toEqual(
      excel.model.worksheets[0].headersFooters.defaultForAllPages,
    );
  });

  it("stops marking new sheets after dispose", async () => {
    setUp(budgetSheets);
    const state = await host.readLabel(OUR_TENANT);
    await host.applyPlan(planChange(state, CONFIDENTIAL, "Excel"));
    await host.dispose();
    const added = excel.userAddsWorksheet("Later");
    await excel.runtime.settleEvents();
    expect(added.headersFooters.defaultForAllPages.centerFooter).toBe("");
  });
});

describe("Excel: text for detection and capabilities", () => {
  it("reads a bounded share of every sheet's used range", async () => {
    const big = Array.from({ length: 2000 }, (_, r) => [`Row ${r}`, "4111 1111 1111 1111", r]);
    setUp([
      { name: "Big", values: big },
      { name: "Empty" },
      { name: "Small", values: [["", "IBAN", "DE89 3704 0044 0532 0130 00"]] },
    ]);
    const text = await host.readText(2000);
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.startsWith("Row 0\t4111 1111 1111 1111\t0\nRow 1\t")).toBe(true);
    expect(text.endsWith("\nIBAN\tDE89 3704 0044 0532 0130 00")).toBe(true);
    expect(excel.runtime.stats.roundTrips).toBe(3);
  });

  it("has header/footer marking but no watermark, and no label writing in a read-only workbook", async () => {
    setUp(budgetSheets);
    const office = (globalThis as unknown as { Office: { context: { document: { mode: string } } } }).Office;
    expect(await host.capabilities()).toEqual({
      nativeLabels: false,
      canWriteLabel: true,
      headerFooterMarking: true,
      watermark: false,
      subjectMarking: false,
      bodyMarkingOnSend: false,
      internetHeaders: false,
    });
    office.context.document.mode = "readOnly";
    expect((await host.capabilities()).canWriteLabel).toBe(false);
  });
});
