/**
 * The built task pane (dist/) in headless Chromium on a fake Excel workbook loaded in place of
 * office.js: what a person does in the pane, and what the workbook carries afterwards — label
 * properties, every sheet's header/footer in Excel's format codes, the "open with the document"
 * setting. Screenshots for the README: docs/screenshots/excel-*.png.
 */
import { join } from "node:path";
import { effectiveWith } from "../support/policyFixtures";
import {
  L,
  OUR_TENANT,
  PARTNER_PROPERTIES,
  internalPolicy,
  ourLabelProperties,
} from "../addin/documentSetup";
import type { FakeDocumentOptions } from "../addin/fakes/document/browserEntry";
import { SCREENSHOTS, backend, eventually } from "./harness";
import { badge, dialogSettled, documentSuite, documentView, labelButton, ourLabel } from "./documentPane";

jest.setTimeout(120_000);

const suite = documentSuite();
const AUTO_SHOW = "Office.AutoShowTaskpaneWithDocument";
const key = (labelId: string, suffix: string) => `MSIP_Label_${labelId}_${suffix}`;
const mark = (text: string) => `&1#&"Calibri,Regular"&10&K000000${text}`;
const mandatory = effectiveWith({
  mandatoryDocuments: true,
  defaultDocumentLabel: null,
  justificationRequired: true,
  moreInfoUrl: "https://intranet.contoso.com/labels",
});

function workbook(properties: Record<string, string> = {}): FakeDocumentOptions {
  return {
    host: "Excel",
    url: "https://contoso.sharepoint.com/sites/fin/Shared%20Documents/Budget%202027.xlsx",
    excel: {
      sheets: [
        { name: "Summary", headerFooter: { leftHeader: "&BBudget 2027" }, values: [["Total", 1200]] },
        { name: "Detail" },
      ],
      properties,
    },
  };
}

describe("Excel task pane in Chromium", () => {
  it("mandatory: the banner stays until a label is set; the label goes into the properties and every sheet's footer", async () => {
    const api = backend(mandatory);
    const page = await suite.open(workbook(), api);
    await page.getByTestId("label-list").waitFor();
    await expect(badge(page).textContent()).resolves.toBe("No label");
    const banner = page.getByTestId("mandatory-banner");
    await banner.getByText("Office has no event before a save", { exact: false }).waitFor();
    expect((await documentView(page)).settings[AUTO_SHOW]).toBe(true);
    await eventually(
      () => api.audit.map((e) => [e.type, e.app, e.itemName]),
      [["unlabeled-document", "Excel", "Budget 2027.xlsx"]],
    );
    await page.screenshot({ path: join(SCREENSHOTS, "excel-mandatory-light.png"), fullPage: true });

    await labelButton(page, "Confidential \\ All Employees").click();
    await badge(page).getByText("Confidential \\ All Employees").waitFor();
    await banner.waitFor({ state: "detached" });

    const book = await documentView(page);
    expect(book.properties).toEqual({
      [key(L.confidentialAllEmployees, "Enabled")]: "true",
      [key(L.confidentialAllEmployees, "SetDate")]: expect.stringMatching(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
      ),
      [key(L.confidentialAllEmployees, "Method")]: "Privileged",
      [key(L.confidentialAllEmployees, "Name")]: "Confidential_AllEmployees",
      [key(L.confidentialAllEmployees, "SiteId")]: OUR_TENANT,
      [key(L.confidentialAllEmployees, "ActionId")]: expect.stringMatching(/^[0-9a-f-]{36}$/),
      [key(L.confidentialAllEmployees, "ContentBits")]: "2",
    });
    expect(book.sheets).toEqual([
      {
        name: "Summary",
        leftHeader: "&BBudget 2027",
        centerHeader: "",
        centerFooter: mark("Classified as Confidential"),
      },
      { name: "Detail", leftHeader: "", centerHeader: "", centerFooter: mark("Classified as Confidential") },
    ]);
    expect(AUTO_SHOW in book.settings).toBe(false);
    await eventually(
      () => api.audit.map((e) => [e.type, e.app, e.method]).slice(1),
      [["label-applied", "Excel", "Privileged"]],
    );
    await page.screenshot({ path: join(SCREENSHOTS, "excel-labeled-light.png"), fullPage: true });
  });

  it("says what a write did short of the label — a marking shortened to fit, no watermark — in Fluent warning bars", async () => {
    const long = "&BQuarterly consolidated statement of the finance department " + "x".repeat(90);
    const book: FakeDocumentOptions = {
      ...workbook(),
      excel: { sheets: [{ name: "Summary", headerFooter: { centerHeader: long } }, { name: "Detail" }] },
    };
    const page = await suite.open(book, backend(mandatory));
    await page.getByTestId("label-list").waitFor();
    await labelButton(page, "Highly Confidential \\ All Employees").click();
    await badge(page).getByText("Highly Confidential \\ All Employees").waitFor();

    const bars = page.getByTestId("host-warning");
    await eventually(() => bars.count(), 2);
    const texts = await bars.allTextContents();
    expect(texts[0]).toContain(
      "Excel allows 255 characters for a sheet's header and footer together. With the text already there, the label's marking did not fit in full on: Summary.",
    );
    expect(texts[1]).toContain("Excel has no watermarks: the label's watermark was not written.");
    // Fluent's MessageBar with intent "warning": painted with the status-warning colours.
    const look = await bars.first().evaluate((el) => {
      const probe = document.createElement("div");
      probe.style.backgroundColor = "var(--colorStatusWarningBackground1)";
      el.parentElement!.appendChild(probe);
      const warning = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return {
        fluent: el.classList.contains("fui-MessageBar"),
        role: el.getAttribute("role"),
        matches: getComputedStyle(el).backgroundColor === warning,
      };
    });
    expect(look).toEqual({ fluent: true, role: "group", matches: true });
    // As the first bar says: the author's header stays, our footer went on.
    const [summary] = (await documentView(page)).sheets;
    expect(summary.centerHeader).toBe(long);
    expect(summary.centerFooter).toContain("Classified as Highly Confidential");

    await bars.first().getByRole("button", { name: "Dismiss" }).click();
    await eventually(() => bars.count(), 1);
  });

  it("a Labelbridge-protected label: written as metadata, and the pane says when and where the file is encrypted", async () => {
    const labels = mandatory.labels.map((l) =>
      l.id === L.highlyConfidentialAllEmployees
        ? {
            ...l,
            protection: {
              kind: "labelbridge" as const,
              rightsGroups: ["6c1f4a52-9d2e-4c1b-8a77-3f0e5d9b2a10"],
              rightsUsers: [],
            },
          }
        : l,
    );
    const page = await suite.open(workbook(), backend({ ...mandatory, labels }));
    await page.getByTestId("label-list").waitFor();
    await labelButton(page, "Highly Confidential \\ All Employees").click();
    await badge(page).getByText("Highly Confidential \\ All Employees").waitFor();
    await page
      .getByTestId("notice-warning")
      .getByText(
        'the file is encrypted when the Labelbridge scanner (scan --mode enforce) or "labelbridge label" runs on the saved file',
        { exact: false },
      )
      .waitFor();
    await expect(ourLabel(page)).resolves.toBe(L.highlyConfidentialAllEmployees);
  });

  it("opens an unlabeled workbook with the default label, every sheet marked with the signed-in person's name", async () => {
    const page = await suite.open(workbook(), backend(internalPolicy()));
    await badge(page).getByText("Internal").waitFor();
    const book = await documentView(page);
    expect(book.properties[key(L.general, "Method")]).toBe("Standard");
    expect(book.sheets.map((s) => s.centerHeader)).toEqual([
      mark("Internal — Sam Lee"),
      mark("Internal — Sam Lee"),
    ]);
  });

  it("lowering asks why: 'Other' without text is refused, 'Other' with text applies it and is audited", async () => {
    const api = backend(mandatory);
    const page = await suite.open(
      workbook(ourLabelProperties(L.highlyConfidentialAllEmployees, "Highly Confidential")),
      api,
    );
    await badge(page).getByText("Highly Confidential \\ All Employees").waitFor();

    await labelButton(page, "General").click();
    const dialog = page.getByTestId("justification-dialog");
    await dialog.waitFor();
    await dialog.getByText("Other (explain) - Do not enter sensitive information").click();
    await dialog.getByRole("button", { name: "Change label" }).click();
    await dialog.getByText('Explain why in the text box when you choose "Other".').waitFor();
    expect(await ourLabel(page)).toBe(L.highlyConfidentialAllEmployees);

    await dialog.getByLabel("Explain why").fill("Figures were published in the annual report");
    await dialogSettled(page);
    await page.screenshot({ path: join(SCREENSHOTS, "excel-justification-light.png") });
    await dialog.getByRole("button", { name: "Change label" }).click();
    await dialog.waitFor({ state: "detached" });
    await badge(page).getByText("General").waitFor();
    expect(await ourLabel(page)).toBe(L.general);
    expect((await documentView(page)).sheets[0].leftHeader).toBe("&BBudget 2027");
    await eventually(
      () => api.audit.map((e) => [e.type, e.app, e.downgrade, e.justification]),
      [
        [
          "label-changed",
          "Excel",
          true,
          {
            reason: "Other (explain) - Do not enter sensitive information",
            text: "Figures were published in the annual report",
          },
        ],
      ],
    );
  });

  it("shows another organisation's label as kept, and keeps it when ours is set", async () => {
    const page = await suite.open(workbook(PARTNER_PROPERTIES), backend(mandatory));
    const others = page.getByTestId("other-tenant-labels");
    await others.getByText("Not Protected_2").waitFor();
    await others.getByText("Kept as it is", { exact: false }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "excel-other-tenant-light.png"), fullPage: true });

    await labelButton(page, "Public").click();
    await badge(page).getByText("Public").waitFor();
    expect((await documentView(page)).properties).toMatchObject(PARTNER_PROPERTIES);
    expect(await ourLabel(page)).toBe(L.public);
    await others.getByText("Not Protected_2").waitFor();
  });
});
