/**
 * The PowerPoint adapter against the fake PowerPoint host: the label in the presentation's custom
 * properties (PowerPointApi 1.7) with the shared codec, marks as text boxes on every slide layout —
 * replaced, never duplicated, the author's shapes untouched, Office's own marking shapes replaced —
 * other tenants' labels kept, older clients told what they lack, and text for detection.
 */
import { MissingRequirementError } from "../../src/addin/hosts/types";
import { PowerPointHost } from "../../src/addin/hosts/powerpoint";
import { PPT_MARK_NAME, PPT_MARK_TAG } from "../../src/addin/hosts/powerpointMarking";
import { decideDefaultLabel } from "../../src/core/decide";
import { effectiveWith } from "../support/policyFixtures";
import {
  AUTHOR_DECK,
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
import {
  allLayouts,
  createFakePowerPoint,
  marksOn,
  propertyMap,
  type FakePowerPoint,
  type PresentationSpec,
} from "./fakes/powerpoint";

const key = (labelId: string, suffix: string) => `MSIP_Label_${labelId}_${suffix}`;
const HIGHLY = L.highlyConfidentialAllEmployees;
const CONFIDENTIAL = L.confidentialAllEmployees;

let ppt: FakePowerPoint;
let host: PowerPointHost;

function setUp(spec: PresentationSpec = {}, api = "1.10"): void {
  ppt = createFakePowerPoint(spec, { powerPointApi: api });
  installGlobals(
    "PowerPoint",
    { PowerPoint: ppt.PowerPoint },
    "https://contoso.sharepoint.com/sites/sales/Q3%20Review.pptx",
    { PowerPointApi: api, CommonApi: "1.1", File: "1.1", CompressedFile: "1.1" },
  );
  host = new PowerPointHost({ user: () => ({ name: "Priya Shah", principalName: "priya@contoso.com" }) });
}

afterEach(() => removeGlobals());

/** Each layout's marks as kind → text, in layout order. */
function marks(): Array<Record<string, string>> {
  return allLayouts(ppt.model).map((layout) =>
    Object.fromEntries(marksOn(layout).map((s) => [s.tags[PPT_MARK_TAG] ?? "office", s.text ?? ""])),
  );
}

const authorDeck = AUTHOR_DECK;

describe("PowerPoint: default label on an unlabeled presentation", () => {
  it("writes the label keys and the header on every layout in one write; the author's shapes stay", async () => {
    setUp(authorDeck);
    const p = internalPolicy();
    const state = await host.readLabel(OUR_TENANT);
    expect(state).toEqual({ current: null, records: [], source: "none", properties: [] });
    expect(ppt.runtime.stats.roundTrips).toBe(3);
    const decision = decideDefaultLabel(p, { kind: "file", current: null }, context("PowerPoint"));
    if (decision.outcome !== "apply") throw new Error(decision.message);
    ppt.runtime.resetStats();

    const result = await host.applyPlan(decision.plan);

    expect(ppt.runtime.stats.roundTrips).toBe(1);
    expect(result).toMatchObject({ nativeLabelSet: false, contentBits: 1, warnings: [] });
    expect(result.state?.current).toEqual({ labelId: L.general, method: "Standard" });
    expect(propertyMap(ppt.model)).toEqual({
      [key(L.general, "Enabled")]: "true",
      [key(L.general, "SetDate")]: "2026-11-29T10:15:30Z",
      [key(L.general, "Method")]: "Standard",
      [key(L.general, "Name")]: "General",
      [key(L.general, "SiteId")]: OUR_TENANT,
      [key(L.general, "ActionId")]: expect.stringMatching(/^[0-9a-f-]{36}$/),
      [key(L.general, "ContentBits")]: "1",
    });
    expect(marks()).toEqual([
      { header: "Internal — Priya Shah" },
      { header: "Internal — Priya Shah" },
      { header: "Internal — Priya Shah" },
    ]);
    const [title, content] = ppt.model.masters[0].layouts;
    expect(title.shapes.map((s) => s.name)).toEqual(["Title 1", PPT_MARK_NAME]);
    expect(content.shapes[0]).toMatchObject({ name: "Footer note", text: "Contoso Ltd" });
    // Nothing on the master: a layout may hide its master's graphics, never its own shapes.
    expect(ppt.model.masters[0].shapes.map((s) => s.name)).toEqual(["Logo"]);
    const header = marksOn(title)[0];
    expect(header).toMatchObject({
      type: "TextBox",
      top: 15,
      left: 18,
      width: 924,
      font: { name: "Calibri", size: 10, color: "#000000" },
      horizontalAlignment: "Center",
      verticalAlignment: "Top",
    });
  });
});

describe("PowerPoint: changing the label", () => {
  it("replaces the marks on every layout, never duplicates them, and removes the stale keys", async () => {
    setUp(authorDeck);
    await host.applyPlan(planChange(await host.readLabel(OUR_TENANT), CONFIDENTIAL, "PowerPoint"));
    expect(marks()).toEqual(Array(3).fill({ footer: "Classified as Confidential" }));

    ppt.runtime.resetStats();
    const result = await host.applyPlan(planChange(await host.readLabel(OUR_TENANT), HIGHLY, "PowerPoint"));

    expect(ppt.runtime.stats.roundTrips).toBe(4);
    expect(result.contentBits).toBe(7);
    expect(marks()).toEqual(
      Array(3).fill({
        header: "Highly Confidential",
        footer: "Classified as Highly Confidential — Priya Shah, 29/11/2026 21:15",
        watermark: "HIGHLY CONFIDENTIAL",
      }),
    );
    const props = propertyMap(ppt.model);
    expect(Object.keys(props).filter((k) => k.includes(CONFIDENTIAL))).toEqual([]);
    expect(props[key(HIGHLY, "ContentBits")]).toBe("7");
    const layout = ppt.model.masters[0].layouts[1];
    const footer = marksOn(layout).find((s) => s.tags[PPT_MARK_TAG] === "footer")!;
    expect(footer.top + footer.height).toBeLessThanOrEqual(540 - 15);
    const watermark = marksOn(layout).find((s) => s.tags[PPT_MARK_TAG] === "watermark")!;
    expect(watermark).toMatchObject({ rotation: 315, font: { size: 48, color: "#C0C0C0" } });
    expect(layout.shapes[0]).toMatchObject({ name: "Footer note", text: "Contoso Ltd" });
  });

  it("removing the label removes its marks and keys and keeps another organisation's label", async () => {
    setUp({
      ...authorDeck,
      properties: { ...PARTNER_PROPERTIES, ...ourLabelProperties(CONFIDENTIAL, "Confidential") },
    });
    const state = await host.readLabel(OUR_TENANT);
    expect(state.current).toEqual({ labelId: CONFIDENTIAL, method: "Privileged" });
    expect(state.records.map((r) => r.siteId)).toEqual(
      expect.arrayContaining([OUR_TENANT, "61e6eeb3-5fd7-4aaa-ae3c-61e8deb09b79"]),
    );
    await host.applyPlan(planChange(state, HIGHLY, "PowerPoint"));
    await host.applyPlan(
      planChange(
        await host.readLabel(OUR_TENANT),
        null,
        "PowerPoint",
        { reason: "Previous label was incorrect" },
        effectiveWith({ mandatoryDocuments: false }),
      ),
    );
    expect(propertyMap(ppt.model)).toEqual(PARTNER_PROPERTIES);
    expect(marks()).toEqual([{}, {}, {}]);
  });

  it("replaces the marking shapes Office wrote (on masters and layouts) and leaves the author's text boxes", async () => {
    setUp({
      masters: [
        {
          shapes: [
            { name: PPT_MARK_NAME, text: "OFFICIAL" },
            { name: "Date Placeholder 3", type: "Placeholder" },
          ],
          layouts: [
            {
              name: "Title Slide",
              shapes: [
                { name: PPT_MARK_NAME, text: "OFFICIAL" },
                { name: "Title 1", text: "OFFICIAL" },
              ],
            },
            { name: "Blank" },
          ],
        },
      ],
    });
    await host.applyPlan(planChange(await host.readLabel(OUR_TENANT), CONFIDENTIAL, "PowerPoint"));
    expect(ppt.model.masters[0].shapes.map((s) => s.name)).toEqual(["Date Placeholder 3"]);
    expect(marks()).toEqual([
      { footer: "Classified as Confidential" },
      { footer: "Classified as Confidential" },
    ]);
    // The author's own "OFFICIAL" title is not a marking shape: kept.
    expect(ppt.model.masters[0].layouts[0].shapes[0]).toMatchObject({ name: "Title 1", text: "OFFICIAL" });
  });

  it("a layout added between the read and the write gets the marks too (one repair write)", async () => {
    setUp(authorDeck);
    const state = await host.readLabel(OUR_TENANT);
    ppt.model.masters[0].layouts.push({
      id: "2147483700",
      name: "Section Header",
      shapes: [],
      deleted: false,
    });
    const result = await host.applyPlan(planChange(state, CONFIDENTIAL, "PowerPoint"));
    expect(result.warnings).toEqual([]);
    expect(marks()).toEqual(Array(4).fill({ footer: "Classified as Confidential" }));
  });

  it("a mark someone else added since the read is not duplicated: the write verifies and repairs", async () => {
    setUp(authorDeck);
    const state = await host.readLabel(OUR_TENANT);
    ppt.model.masters[0].layouts[2].shapes.push({
      ...ppt.model.masters[0].layouts[0].shapes[0],
      id: "999",
      name: PPT_MARK_NAME,
      text: "Internal",
    });
    await host.applyPlan(planChange(state, CONFIDENTIAL, "PowerPoint"));
    expect(marks()).toEqual(Array(3).fill({ footer: "Classified as Confidential" }));
  });
});

describe("PowerPoint: older clients", () => {
  it("below PowerPointApi 1.7: no write is attempted, the missing set is named, the label is read-only", async () => {
    setUp(authorDeck, "1.5");
    await expect(host.capabilities()).resolves.toMatchObject({
      canWriteLabel: false,
      headerFooterMarking: false,
    });
    const error = await host.readLabel(OUR_TENANT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingRequirementError);
    expect(error).toMatchObject({ app: "PowerPoint", set: "PowerPointApi 1.7" });
    expect(ppt.runtime.stats.roundTrips).toBe(0);
  });

  it("PowerPointApi 1.9: no pageSetup (16:9 assumed), the diagonal watermark written level", async () => {
    setUp({ ...authorDeck, slideWidth: 720 }, "1.9");
    await host.applyPlan(planChange(await host.readLabel(OUR_TENANT), HIGHLY, "PowerPoint"));
    const layout = ppt.model.masters[0].layouts[0];
    const watermark = marksOn(layout).find((s) => s.tags[PPT_MARK_TAG] === "watermark")!;
    expect(watermark.rotation).toBe(0);
    expect(marksOn(layout).find((s) => s.tags[PPT_MARK_TAG] === "header")!.width).toBe(924);
    expect(ppt.runtime.log.some((c) => c.startsWith("PowerPoint.PageSetup"))).toBe(false);
  });

  it("PowerPointApi 1.10 on a 4:3 deck: the marks follow the slide's width", async () => {
    setUp({ ...authorDeck, slideWidth: 720 });
    await host.applyPlan(planChange(await host.readLabel(OUR_TENANT), CONFIDENTIAL, "PowerPoint"));
    expect(marksOn(ppt.model.masters[0].layouts[0])[0].width).toBe(684);
  });
});

describe("PowerPoint: text for detection", () => {
  it("reads the slides' text shapes (not images), bounded", async () => {
    setUp(authorDeck);
    await expect(host.readText(10_000)).resolves.toBe(
      "Q3 Review\nRevenue up 12%\nCustomer 4111 1111 1111 1111",
    );
    await expect(host.readText(12)).resolves.toBe("Q3 Review\nRe");
  });

  it("names the file from the document URL and says it is a document", async () => {
    setUp(authorDeck);
    await expect(host.itemInfo()).resolves.toMatchObject({ kind: "file", name: "Q3 Review.pptx" });
  });
});
