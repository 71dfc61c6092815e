/**
 * The built task pane (dist/) in headless Chromium on a fake PowerPoint presentation loaded in place
 * of office.js: what a person does in the pane, and what the presentation carries afterwards — the
 * label's custom properties (PowerPointApi 1.7) and the marking text boxes on every slide layout,
 * beside the author's own shapes.
 */
import { effectiveWith } from "../support/policyFixtures";
import { AUTHOR_DECK, L, internalPolicy, ourLabelProperties } from "../addin/documentSetup";
import type { FakeDocumentOptions } from "../addin/fakes/document/browserEntry";
import { backend, eventually } from "./harness";
import {
  badge,
  documentSuite,
  documentView,
  labelButton,
  labelPropertiesWritten,
  ourLabel,
} from "./documentPane";

jest.setTimeout(120_000);

const suite = documentSuite();
const key = (labelId: string, suffix: string) => `MSIP_Label_${labelId}_${suffix}`;
const mandatory = effectiveWith({
  mandatoryDocuments: true,
  defaultDocumentLabel: null,
  justificationRequired: true,
});

function presentation(
  properties: Record<string, string> = {},
  extra: Partial<FakeDocumentOptions> = {},
): FakeDocumentOptions {
  return {
    host: "PowerPoint",
    url: "https://contoso.sharepoint.com/sites/sales/Shared%20Documents/Q3%20Review.pptx",
    powerpoint: { ...AUTHOR_DECK, properties },
    ...extra,
  };
}

const AUTHOR_SHAPES = [["Title 1"], ["Footer note"], []];

describe("PowerPoint task pane in Chromium", () => {
  it("mandatory: the banner stays until a label is set; the label goes into the properties and a mark onto every layout", async () => {
    const api = backend(mandatory);
    const page = await suite.open(presentation(), api);
    await page.getByTestId("label-list").waitFor();
    await expect(badge(page).textContent()).resolves.toBe("No label");
    const banner = page.getByTestId("mandatory-banner");
    await banner.waitFor();
    await eventually(
      () => api.audit.map((e) => [e.type, e.app, e.itemName]),
      [["unlabeled-document", "PowerPoint", "Q3 Review.pptx"]],
    );

    await labelButton(page, "Confidential \\ All Employees").click();
    await badge(page).getByText("Confidential \\ All Employees").waitFor();
    await banner.waitFor({ state: "detached" });

    const doc = await documentView(page);
    expect(doc.properties).toEqual(
      labelPropertiesWritten(L.confidentialAllEmployees, "Confidential_AllEmployees", "Privileged", 2),
    );
    // One footer mark per layout; the author's shapes stay where they were.
    expect(doc.layouts.map((l) => l.marks)).toEqual(Array(3).fill(["Classified as Confidential"]));
    expect(doc.layouts.map((l) => l.shapes.filter((s) => s !== "MSIPCMContentMarking"))).toEqual(
      AUTHOR_SHAPES,
    );
    await eventually(
      () => api.audit.map((e) => [e.type, e.app, e.method]).slice(1),
      [["label-applied", "PowerPoint", "Privileged"]],
    );
  });

  it("opens an unlabeled presentation with the default label", async () => {
    const page = await suite.open(presentation(), backend(internalPolicy()));
    await badge(page).getByText("Internal").waitFor();
    const doc = await documentView(page);
    expect(doc.properties[key(L.general, "Method")]).toBe("Standard");
    expect(await ourLabel(page)).toBe(L.general);
  });

  it("lowering asks why; a reason replaces the label and takes its marks off every layout", async () => {
    const api = backend(mandatory);
    const page = await suite.open(
      presentation(ourLabelProperties(L.confidentialAllEmployees, "Confidential_AllEmployees")),
      api,
    );
    await badge(page).getByText("Confidential \\ All Employees").waitFor();
    // Raising the label writes its header, footer and watermark onto every layout, once.
    await labelButton(page, "Highly Confidential \\ All Employees").click();
    await badge(page).getByText("Highly Confidential \\ All Employees").waitFor();
    const highly = (await documentView(page)).layouts.map((l) => l.marks);
    expect(highly).toEqual(
      Array(3).fill([
        "Highly Confidential",
        expect.stringMatching(/^Classified as Highly Confidential — Sam Lee, \d{4}-\d\d-\d\d \d\d:\d\d$/),
        "HIGHLY CONFIDENTIAL",
      ]),
    );

    await labelButton(page, "Public").click();
    const dialog = page.getByTestId("justification-dialog");
    await dialog.waitFor();
    expect(await ourLabel(page)).toBe(L.highlyConfidentialAllEmployees);
    await dialog.getByText("Previous label was incorrect").click();
    await dialog.getByRole("button", { name: "Change label" }).click();
    await dialog.waitFor({ state: "detached" });
    await badge(page).getByText("Public").waitFor();
    expect(await ourLabel(page)).toBe(L.public);
    const doc = await documentView(page);
    expect(doc.layouts.map((l) => l.marks)).toEqual([[], [], []]); // Public marks nothing
    expect(doc.layouts.map((l) => l.shapes)).toEqual(AUTHOR_SHAPES);
    await eventually(
      () =>
        api.audit
          .filter((e) => e.downgrade)
          .map((e) => [e.type, e.app, e.downgrade, e.justification?.reason]),
      [["label-changed", "PowerPoint", true, "Previous label was incorrect"]],
    );
  });

  it("below PowerPointApi 1.7 the pane names what is missing and writes nothing", async () => {
    const page = await suite.open(
      presentation({}, { requirementSets: { PowerPointApi: "1.5", CommonApi: "1.1" } }),
      backend(mandatory),
    );
    await page
      .getByText("Labelbridge needs PowerPointApi 1.7, which this version of PowerPoint does not offer", {
        exact: false,
      })
      .first()
      .waitFor();
    const doc = await documentView(page);
    expect(doc.properties).toEqual({});
    expect(doc.layouts.map((l) => l.marks)).toEqual([[], [], []]);
  });
});
