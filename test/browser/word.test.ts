/**
 * The built task pane (dist/) in headless Chromium on a fake Word document loaded in place of
 * office.js: what a person does in the pane, and what the document carries afterwards — label
 * properties, header/footer marks in every section, the "open with the document" setting.
 * Screenshots for the README: docs/screenshots/word-*.png.
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
const mandatory = effectiveWith({
  mandatoryDocuments: true,
  defaultDocumentLabel: null,
  justificationRequired: true,
  moreInfoUrl: "https://intranet.contoso.com/labels",
});

function wordDocument(
  properties: Record<string, string> = {},
  extra: Partial<FakeDocumentOptions> = {},
): FakeDocumentOptions {
  return {
    host: "Word",
    url: "https://contoso.sharepoint.com/sites/fin/Shared%20Documents/Plan%202027.docx",
    word: {
      sections: [
        { body: ["Plan 2027"], headers: { Primary: ["Acme Ltd — Finance"] }, footers: { Primary: ["Page"] } },
        { body: ["Appendix"] },
      ],
      properties,
    },
    ...extra,
  };
}

describe("Word task pane in Chromium", () => {
  it("mandatory: the banner says why it is here until a label is set; the label is written to the document's properties and footers", async () => {
    const api = backend(mandatory);
    const page = await suite.open(wordDocument(), api);
    await page.getByTestId("label-list").waitFor();
    await expect(badge(page).textContent()).resolves.toBe("No label");
    const banner = page.getByTestId("mandatory-banner");
    await banner.getByText("Office has no event before a save", { exact: false }).waitFor();
    await banner.getByText("the scanner enforces labels on saved files", { exact: false }).waitFor();
    expect((await documentView(page)).settings[AUTO_SHOW]).toBe(true);
    await eventually(
      () => api.audit.map((e) => [e.type, e.app, e.itemName]),
      [["unlabeled-document", "Word", "Plan 2027.docx"]],
    );
    await page.screenshot({ path: join(SCREENSHOTS, "word-mandatory-light.png"), fullPage: true });

    await labelButton(page, "Confidential \\ All Employees").click();
    await badge(page).getByText("Confidential \\ All Employees").waitFor();
    await banner.waitFor({ state: "detached" });

    const doc = await documentView(page);
    expect(doc.properties).toEqual({
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
    // The footer mark in all three footers of both sections; the author's own text untouched.
    expect(doc.sections.map((s) => s.marks.map((m) => m.text))).toEqual([
      Array(3).fill("Classified as Confidential"),
      Array(3).fill("Classified as Confidential"),
    ]);
    expect(doc.sections[0].headers.Primary).toEqual(["Acme Ltd — Finance"]);
    expect(doc.sections[0].footers.Primary).toContain("Page");
    expect(AUTO_SHOW in doc.settings).toBe(false);
    await eventually(
      () => api.audit.map((e) => [e.type, e.app, e.method]).slice(1),
      [["label-applied", "Word", "Privileged"]],
    );
    await page.screenshot({ path: join(SCREENSHOTS, "word-labeled-light.png"), fullPage: true });
  });

  it("opens a new document with the default label, marked with the signed-in person's name from the token", async () => {
    const page = await suite.open(wordDocument(), backend(internalPolicy()));
    await badge(page).getByText("Internal").waitFor();
    await page.getByTestId("notice-info").getByText('Labeled "Internal" by default.').waitFor();
    const doc = await documentView(page);
    expect(doc.properties[key(L.general, "Method")]).toBe("Standard");
    expect(doc.sections[0].marks.map((m) => m.text)).toEqual(Array(3).fill("Internal — Sam Lee"));
  });

  it("lowering asks why: 'Other' without text is refused, cancel keeps the label, a reason applies it", async () => {
    const api = backend(mandatory);
    const page = await suite.open(
      wordDocument(ourLabelProperties(L.confidentialAllEmployees, "Confidential_AllEmployees")),
      api,
    );
    await badge(page).getByText("Confidential \\ All Employees").waitFor();

    await labelButton(page, "Public").click();
    const dialog = page.getByTestId("justification-dialog");
    await dialog.waitFor();
    await dialog.getByText("Other (explain) - Do not enter sensitive information").click();
    await dialog.getByRole("button", { name: "Change label" }).click();
    await dialog.getByText('Explain why in the text box when you choose "Other".').waitFor();
    expect(await ourLabel(page)).toBe(L.confidentialAllEmployees);
    await dialogSettled(page);
    await page.screenshot({ path: join(SCREENSHOTS, "word-justification-light.png") });

    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await ourLabel(page)).toBe(L.confidentialAllEmployees);

    await labelButton(page, "Public").click();
    await dialog.waitFor();
    await dialog.getByText("Previous label was incorrect").click();
    await dialog.getByRole("button", { name: "Change label" }).click();
    await dialog.waitFor({ state: "detached" });
    await badge(page).getByText("Public").waitFor();
    expect(await ourLabel(page)).toBe(L.public);
    const doc = await documentView(page);
    expect(Object.keys(doc.properties).filter((k) => k.includes(L.confidentialAllEmployees))).toEqual([]);
    expect(doc.sections.flatMap((s) => s.marks)).toEqual([]); // Public marks nothing
    await eventually(
      () => api.audit.map((e) => [e.type, e.app, e.downgrade, e.justification?.reason]),
      [["label-changed", "Word", true, "Previous label was incorrect"]],
    );
  });

  it("shows another organisation's label as kept, and keeps it when ours is set", async () => {
    const page = await suite.open(wordDocument(PARTNER_PROPERTIES), backend(mandatory));
    const others = page.getByTestId("other-tenant-labels");
    await others.getByText("Not Protected_2").waitFor();
    await others.getByText("Kept as it is", { exact: false }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, "word-other-tenant-light.png"), fullPage: true });

    await labelButton(page, "General").click();
    await badge(page).getByText("General").waitFor();
    expect((await documentView(page)).properties).toMatchObject(PARTNER_PROPERTIES);
    expect(await ourLabel(page)).toBe(L.general);
    await others.getByText("Not Protected_2").waitFor();
  });

  it("follows Word's dark theme", async () => {
    const page = await suite.open(
      wordDocument(PARTNER_PROPERTIES, {
        theme: { bodyBackgroundColor: "#292929", bodyForegroundColor: "#FFFFFF", isDarkTheme: true },
      }),
      backend(mandatory),
      { colorScheme: "dark" },
    );
    await page.getByTestId("mandatory-banner").waitFor();
    await expect(page.locator("[data-theme]").getAttribute("data-theme")).resolves.toBe("dark");
    const bg = await page.locator("[data-theme]").evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g)!.map(Number);
    expect(r + g + b).toBeLessThan(3 * 80);
    await page.screenshot({ path: join(SCREENSHOTS, "word-taskpane-dark.png"), fullPage: true });
  });
});
