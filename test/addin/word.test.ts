/**
 * The Word adapter against the fake Word host: what a person relies on — the label keys in the
 * document, the footer/header marks in every section, their own header text untouched, other
 * tenants' labels kept, and one round trip per label change.
 */
import { WordHost } from "../../src/addin/hosts/word";
import { WORD_MARK_TAGS } from "../../src/addin/hosts/wordMarking";
import { AUTO_SHOW_TASKPANE_SETTING } from "../../src/addin/hosts/documentHost";
import { decideLabelChange } from "../../src/core/decide";
import {
  allContentControls,
  createFakeWord,
  HEADER_FOOTER_TYPES,
  propertyMap,
  section,
  storyText,
  type FakeWord,
} from "./fakes/word";
import {
  L,
  OUR_TENANT,
  PARTNER_LABEL,
  PARTNER_PROPERTIES,
  PARTNER_TENANT,
  context,
  installGlobals,
  ourLabelProperties,
  planChange,
  policy,
  removeGlobals,
} from "./documentSetup";
import type { FakeOffice } from "./fakes/document/office";

const CONFIDENTIAL = L.confidentialAllEmployees;
const HIGHLY = L.highlyConfidentialAllEmployees;
const key = (labelId: string, suffix: string) => `MSIP_Label_${labelId}_${suffix}`;

function threeSectionDocument(properties: Record<string, string> = {}): FakeWord {
  return createFakeWord({
    sections: [
      {
        body: ["Budget 2027", "Card 4111 1111 1111 1111"],
        headers: { Primary: ["Acme Ltd — Finance"] },
        footers: { Primary: ["Page 1"] },
      },
      { body: ["Appendix A"], headers: { Primary: ["Acme Ltd — Appendix"], FirstPage: ["Cover"] } },
      { body: ["Appendix B"] },
    ],
    properties: { Owner: "Priya", ...properties },
  });
}

let word: FakeWord;
let office: FakeOffice;
let host: WordHost;

function setUp(doc: FakeWord, options: ConstructorParameters<typeof WordHost>[0] = {}): void {
  word = doc;
  office = installGlobals(
    "Word",
    { Word: word.Word },
    "https://contoso.sharepoint.com/sites/fin/Shared%20Documents/Budget%202027.docx",
  );
  host = new WordHost({
    user: () => ({ name: "Priya Shah", principalName: "priya@contoso.com" }),
    ...options,
  });
}

afterEach(() => removeGlobals());

function marksIn(story: { blocks: unknown[] }): Array<{ tag: string; text: string }> {
  return (story.blocks as Array<{ kind: string; tag?: string; children?: Array<{ text: string }> }>)
    .filter((b) => b.kind === "contentControl")
    .map((b) => ({ tag: b.tag ?? "", text: (b.children ?? []).map((p) => p.text).join("") }));
}

describe("Word: reading the label", () => {
  it("reads our tenant's label as current and lists the partner's label, in one round trip", async () => {
    setUp(
      threeSectionDocument({
        ...PARTNER_PROPERTIES,
        ...ourLabelProperties(CONFIDENTIAL, "Confidential_AllEmployees"),
      }),
    );
    const state = await host.readLabel(OUR_TENANT);
    expect(word.runtime.stats.roundTrips).toBe(1);
    expect(state.current).toEqual({ labelId: CONFIDENTIAL, method: "Privileged" });
    expect(state.source).toBe("properties");
    expect(state.records.map((r) => [r.siteId, r.labelId]).sort()).toEqual(
      [
        [OUR_TENANT, CONFIDENTIAL],
        [PARTNER_TENANT, PARTNER_LABEL],
      ].sort(),
    );
  });

  it("treats a document with only the partner's label as unlabeled for us", async () => {
    setUp(threeSectionDocument(PARTNER_PROPERTIES));
    const state = await host.readLabel(OUR_TENANT);
    expect(state.current).toBeNull();
    expect(state.source).toBe("none");
    expect(state.records).toHaveLength(1);
  });

  it("reads a label whose keys another writer spelled in lower case, and old AIP 'True'", async () => {
    setUp(
      threeSectionDocument({
        [`msip_label_${CONFIDENTIAL}_enabled`]: "True",
        [`msip_label_${CONFIDENTIAL}_siteid`]: OUR_TENANT,
        [`msip_label_${CONFIDENTIAL}_method`]: "Standard",
      }),
    );
    const state = await host.readLabel(OUR_TENANT);
    expect(state.current).toEqual({ labelId: CONFIDENTIAL, method: "Standard" });
  });

  it("skips a broken label instead of failing, and still sees the good ones", async () => {
    setUp(
      threeSectionDocument({
        ...PARTNER_PROPERTIES,
        "MSIP_Label_not-a-guid_Enabled": "true",
        [`MSIP_Label_${L.public}_Method`]: "Privileged", // no Enabled, no SiteId
      }),
    );
    const state = await host.readLabel(OUR_TENANT);
    expect(state.records.map((r) => r.labelId)).toEqual([PARTNER_LABEL]);
  });
});

describe("Word: applying a label", () => {
  it("writes the full key set, the footer in all nine footers, keeps the author's text — in ONE sync after the read", async () => {
    setUp(threeSectionDocument(PARTNER_PROPERTIES));
    const state = await host.readLabel(OUR_TENANT);
    const plan = planChange(state, CONFIDENTIAL, "Word");
    word.runtime.resetStats();

    const result = await host.applyPlan(plan);

    expect(word.runtime.stats.roundTrips).toBe(1);
    expect(word.runtime.stats.syncCalls).toBe(1);
    expect(result).toMatchObject({ nativeLabelSet: false, contentBits: 2, warnings: [] });
    // The state after the write comes back from that same round trip: nobody needs to read again.
    expect(result.state?.current).toEqual({ labelId: CONFIDENTIAL, method: "Privileged" });
    expect(result.state?.records.map((r) => r.labelId).sort()).toEqual([CONFIDENTIAL, PARTNER_LABEL].sort());
    const props = propertyMap(word.model);
    expect(props).toEqual({
      Owner: "Priya",
      ...PARTNER_PROPERTIES,
      [key(CONFIDENTIAL, "Enabled")]: "true",
      [key(CONFIDENTIAL, "SetDate")]: "2026-11-29T10:15:30Z",
      [key(CONFIDENTIAL, "Method")]: "Privileged",
      [key(CONFIDENTIAL, "Name")]: "Confidential_AllEmployees",
      [key(CONFIDENTIAL, "SiteId")]: OUR_TENANT,
      [key(CONFIDENTIAL, "ActionId")]: plan.metadata?.actionId,
      [key(CONFIDENTIAL, "ContentBits")]: "2",
    });
    for (const s of word.model.sections) {
      for (const t of HEADER_FOOTER_TYPES) {
        expect(marksIn(s.footers[t])).toEqual([
          { tag: WORD_MARK_TAGS.footer, text: "Classified as Confidential" },
        ]);
        expect(marksIn(s.headers[t])).toEqual([]);
      }
    }
    // The author's header and footer paragraphs are exactly as they were.
    expect(storyText(word.model.sections[0].headers.Primary)).toEqual(["Acme Ltd — Finance"]);
    expect(storyText(word.model.sections[0].footers.Primary)).toEqual([
      "Page 1",
      "Classified as Confidential",
    ]);
    expect(storyText(word.model.sections[1].headers.FirstPage)).toEqual(["Cover"]);
    // Our control carries the label's formatting and is locked against edits.
    const control = allContentControls(word.model)[0];
    expect(control).toMatchObject({
      appearance: "Hidden",
      cannotDelete: true,
      cannotEdit: true,
      font: { name: "Calibri", size: 10, color: "#000000" },
    });
    expect(control.children[0].alignment).toBe("Centered");
  });

  it("lowers Confidential to Public after a justification: the footer mark goes, header text stays, nothing duplicates", async () => {
    setUp(threeSectionDocument());
    let state = await host.readLabel(OUR_TENANT);
    await host.applyPlan(planChange(state, HIGHLY, "Word"));
    state = await host.readLabel(OUR_TENANT);
    await host.applyPlan(planChange(state, CONFIDENTIAL, "Word", { reason: "Previous label was incorrect" }));
    state = await host.readLabel(OUR_TENANT);
    await host.applyPlan(planChange(state, HIGHLY, "Word"));
    state = await host.readLabel(OUR_TENANT);

    // A downgrade without a justification is refused by the same engine the pane uses.
    const refused = decideLabelChange(
      policy(),
      { kind: "file", current: state.current },
      { labelId: L.public },
      context("Word"),
    );
    expect(refused.outcome).toBe("justify");

    word.runtime.resetStats();
    const result = await host.applyPlan(
      planChange(state, L.public, "Word", { reason: "Previous label no longer applies" }),
    );
    expect(word.runtime.stats.roundTrips).toBe(1);
    expect(result.contentBits).toBe(0);
    expect(allContentControls(word.model)).toEqual([]);
    expect(storyText(word.model.sections[0].headers.Primary)).toEqual(["Acme Ltd — Finance"]);
    expect(storyText(word.model.sections[0].footers.Primary)).toEqual(["Page 1"]);
    const props = propertyMap(word.model);
    expect(
      Object.keys(props)
        .filter((k) => k.startsWith("MSIP_Label_"))
        .every((k) => k.includes(L.public)),
    ).toBe(true);
    expect(props[key(L.public, "ContentBits")]).toBe("0");
  });

  it("a second change to the same marks never duplicates them", async () => {
    setUp(threeSectionDocument());
    let state = await host.readLabel(OUR_TENANT);
    await host.applyPlan(planChange(state, HIGHLY, "Word"));
    state = await host.readLabel(OUR_TENANT);
    await host.applyPlan(planChange(state, L.highlyConfidentialSpecifiedPeople, "Word"));
    for (const s of word.model.sections) {
      for (const t of HEADER_FOOTER_TYPES) {
        expect(marksIn(s.headers[t]).map((m) => m.tag)).toEqual([WORD_MARK_TAGS.header]);
        expect(marksIn(s.footers[t]).map((m) => m.tag)).toEqual([WORD_MARK_TAGS.footer]);
      }
    }
  });

  it("writes header, footer (with ${User.Name}) and the watermark shape for Highly Confidential; ContentBits 7", async () => {
    setUp(threeSectionDocument());
    const state = await host.readLabel(OUR_TENANT);
    const result = await host.applyPlan(planChange(state, HIGHLY, "Word"));
    expect(result.contentBits).toBe(7);
    const header = word.model.sections[2].headers.EvenPages;
    expect(marksIn(header)).toEqual([
      { tag: WORD_MARK_TAGS.header, text: "Highly Confidential" },
      { tag: WORD_MARK_TAGS.watermark, text: "" },
    ]);
    const watermark = allContentControls(word.model).find((c) => c.tag === WORD_MARK_TAGS.watermark);
    expect(watermark?.children[0].ooxml[0]).toContain('string="HIGHLY CONFIDENTIAL"');
    expect(watermark?.children[0].ooxml[0]).toContain("rotation:315");
    expect(storyText(word.model.sections[2].footers.Primary)).toEqual([
      "",
      "Classified as Highly Confidential — Priya Shah, 29/11/2026 21:15",
    ]);
    expect(propertyMap(word.model)[key(HIGHLY, "ContentBits")]).toBe("7");
  });

  it("says honestly when it does not write the watermark, and leaves the bit out", async () => {
    setUp(threeSectionDocument(), { watermark: false });
    expect((await host.capabilities()).watermark).toBe(false);
    const state = await host.readLabel(OUR_TENANT);
    const result = await host.applyPlan(planChange(state, HIGHLY, "Word"));
    expect(result.contentBits).toBe(3);
    expect(result.warnings).toEqual([{ code: "watermark-not-supported", app: "Word" }]);
    expect(propertyMap(word.model)[key(HIGHLY, "ContentBits")]).toBe("3");
    expect(allContentControls(word.model).some((c) => c.tag === WORD_MARK_TAGS.watermark)).toBe(false);
  });

  it("replaces our tenant's stale label keys and keeps the partner's label and other properties", async () => {
    setUp(
      threeSectionDocument({
        ...PARTNER_PROPERTIES,
        ...ourLabelProperties(L.general, "General", "Standard", "0"),
        [`MSIP_Label_${L.general}_GeneratedBy`]: "old tool",
      }),
    );
    const state = await host.readLabel(OUR_TENANT);
    expect(state.current).toEqual({ labelId: L.general, method: "Standard" });
    await host.applyPlan(planChange(state, CONFIDENTIAL, "Word"));
    const props = propertyMap(word.model);
    expect(Object.keys(props).some((k) => k.includes(L.general))).toBe(false);
    for (const [k, v] of Object.entries(PARTNER_PROPERTIES)) expect(props[k]).toBe(v);
    expect(props.Owner).toBe("Priya");
    expect((await host.readLabel(OUR_TENANT)).current).toEqual({
      labelId: CONFIDENTIAL,
      method: "Privileged",
    });
  });

  it("removes our label and our marks, and nothing else", async () => {
    setUp(threeSectionDocument(PARTNER_PROPERTIES));
    let state = await host.readLabel(OUR_TENANT);
    await host.applyPlan(planChange(state, CONFIDENTIAL, "Word"));
    state = await host.readLabel(OUR_TENANT);
    const p = policy();
    p.settings.mandatoryDocuments = false;
    await host.applyPlan(planChange(state, null, "Word", { reason: "Previous label was incorrect" }, p));
    expect(propertyMap(word.model)).toEqual({ Owner: "Priya", ...PARTNER_PROPERTIES });
    expect(allContentControls(word.model)).toEqual([]);
  });

  it("without a prior read it costs exactly one read and one write", async () => {
    setUp(threeSectionDocument());
    const plan = planChange({ current: null, records: [], source: "none" }, CONFIDENTIAL, "Word");
    await host.applyPlan(plan);
    expect(word.runtime.stats.roundTrips).toBe(2);
  });

  it("marks a section added between the read and the write with one repair write", async () => {
    setUp(threeSectionDocument());
    const state = await host.readLabel(OUR_TENANT);
    word.model.sections.push(section({ body: ["Appendix C"] }));
    word.runtime.resetStats();
    await host.applyPlan(planChange(state, CONFIDENTIAL, "Word"));
    expect(word.runtime.stats.roundTrips).toBe(2);
    for (const s of word.model.sections) {
      for (const t of HEADER_FOOTER_TYPES) expect(marksIn(s.footers[t])).toHaveLength(1);
    }
  });

  it("recovers when our control vanished since the read: fresh read, one more write, correct result", async () => {
    setUp(threeSectionDocument());
    let state = await host.readLabel(OUR_TENANT);
    await host.applyPlan(planChange(state, CONFIDENTIAL, "Word"));
    state = await host.readLabel(OUR_TENANT);
    // Someone deletes a whole footer (and our locked control with it) in another window.
    const footer = word.model.sections[1].footers.Primary;
    for (const b of footer.blocks) b.deleted = true;
    footer.blocks = [
      {
        kind: "paragraph",
        text: "",
        alignment: "Left",
        font: { name: "Calibri", size: 11, color: "#000000" },
        ooxml: [],
        parent: footer,
        deleted: false,
      },
    ];
    word.runtime.resetStats();
    await host.applyPlan(planChange(state, HIGHLY, "Word"));
    expect(word.runtime.stats.roundTrips).toBe(3); // failed write, fresh read, write
    for (const s of word.model.sections) {
      for (const t of HEADER_FOOTER_TYPES) {
        expect(marksIn(s.footers[t]).map((m) => m.text)).toEqual([
          "Classified as Highly Confidential — Priya Shah, 29/11/2026 21:15",
        ]);
      }
    }
  });

  it("reports a HostError naming the call when Word refuses the write twice", async () => {
    setUp(threeSectionDocument());
    const state = await host.readLabel(OUR_TENANT);
    word.runtime.failNext({
      match: (c) => c === "Word.CustomPropertyCollection.add",
      code: "GeneralException",
      message: "busy",
    });
    word.runtime.failNext({
      match: (c) => c === "Word.CustomPropertyCollection.add",
      code: "GeneralException",
      message: "busy",
    });
    await expect(host.applyPlan(planChange(state, CONFIDENTIAL, "Word"))).rejects.toMatchObject({
      name: "HostError",
      operation: "applyPlan",
      code: "GeneralException",
      message: "busy (Word.CustomPropertyCollection.add)",
    });
  });
});

describe("Word: text, item, capabilities, mandatory labeling", () => {
  it("reads body text up to the limit in one round trip", async () => {
    setUp(
      createFakeWord({
        sections: [{ body: Array.from({ length: 5000 }, (_, i) => `Paragraph ${i} ${"x".repeat(90)}`) }],
      }),
    );
    const text = await host.readText(1000);
    expect(word.runtime.stats.roundTrips).toBe(1);
    expect(text).toHaveLength(1000);
    expect(text.startsWith("Paragraph 0 xxx")).toBe(true);
    expect(text.split("\n")[1].startsWith("Paragraph 1 ")).toBe(true);
  });

  it("names the document from its URL and the user from sign-in", async () => {
    setUp(threeSectionDocument());
    expect(await host.itemInfo()).toEqual({
      kind: "file",
      mode: "document",
      name: "Budget 2027.docx",
      location: "https://contoso.sharepoint.com/sites/fin/Shared%20Documents/Budget%202027.docx",
      user: { name: "Priya Shah", principalName: "priya@contoso.com" },
    });
  });

  it("cannot write the label in a read-only document or without WordApi 1.3", async () => {
    setUp(threeSectionDocument());
    (office.Office.context as { document: { mode: string } }).document.mode = "readOnly";
    expect((await host.capabilities()).canWriteLabel).toBe(false);
  });

  it("saves Office.AutoShowTaskpaneWithDocument in the document so the pane opens with it", async () => {
    setUp(threeSectionDocument());
    expect(await host.opensWithDocument()).toBe(false);
    await host.ensureOpensWithDocument(true);
    expect(office.savedSettings[AUTO_SHOW_TASKPANE_SETTING]).toBe(true);
    expect(await host.opensWithDocument()).toBe(true);
    await host.ensureOpensWithDocument(false);
    expect(AUTO_SHOW_TASKPANE_SETTING in office.savedSettings).toBe(false);
  });
});
