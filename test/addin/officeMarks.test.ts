/**
 * A label change removes the previous label's markings whoever wrote them: ours, Office's own
 * (Word: shapes named MSIPCM…/MSIPWM… in headers and footers; Excel: the `&1#` mark), and what the
 * admin names for other tools (shape names, text patterns). The author's own header text and
 * shapes stay.
 */
import type { EffectivePolicy } from "../../src/core/policy";
import { chooseLabel, type FlowDeps } from "../../src/addin/flows";
import type { DocumentLabelingHost } from "../../src/addin/hosts/documentHost";
import { ExcelHost } from "../../src/addin/hosts/excel";
import { WordHost } from "../../src/addin/hosts/word";
import { createFakeExcel } from "./fakes/excel";
import { createFakeOffice } from "./fakes/document/office";
import { createFakeWord, shapeNames, storyText, type SectionSpec } from "./fakes/word";
import { context, L, OUR_TENANT, ourLabelProperties } from "./documentSetup";
import { effectiveWith } from "../support/policyFixtures";

const PRIYA = { name: "Priya Shah", principalName: "priya@contoso.com" };
const DESKTOP = { WordApi: "1.5", WordApiDesktop: "1.2", CompressedFile: "1.1" };
const WEB = { WordApi: "1.5", CompressedFile: "1.1" };

/** A document Office labeled Confidential: its header text box and watermark, and the author's logo. */
const officeMarked: SectionSpec = {
  body: ["Plan 2027"],
  headers: { Primary: ["Acme Ltd", "INTERNAL USE ONLY"] },
  headerShapes: {
    Primary: [
      { name: "MSIPCMb0c7e1a93f1d4b2f8e22a5d6", text: "Confidential" },
      { name: "MSIPWM_v1_main", text: "CONFIDENTIAL", type: "GeometricShape" },
      { name: "Acme logo", type: "Picture" },
      { name: "TITUS1HeaderPrimary", text: "TITUS: Restricted" },
    ],
  },
  footerShapes: { Primary: [{ name: "msipcm_v1_footer", text: "Confidential" }] },
};

function word(sets: Record<string, string>, properties: Record<string, string>) {
  const fake = createFakeWord(
    { sections: [officeMarked, { body: ["Appendix"] }], properties },
    {
      wordApiDesktop: sets.WordApiDesktop ?? null,
    },
  );
  const office = createFakeOffice({ host: "Word", requirementSets: sets });
  const host = new WordHost({
    office: office.Office as unknown as typeof Office,
    word: fake.Word as unknown as typeof Word,
    user: () => PRIYA,
  });
  return { fake, host };
}

function deps(host: DocumentLabelingHost, policy: EffectivePolicy): FlowDeps<DocumentLabelingHost> {
  return { host, policy, kind: "file", ctx: context(host.kind), audit: { enqueue: async () => undefined } };
}

const confidential = ourLabelProperties(
  L.confidentialAllEmployees,
  "Confidential_AllEmployees",
  "Standard",
  "5",
);

describe("Word: Office's own label marks go with a label change", () => {
  it("removes Office's MSIPCM/MSIPWM shapes from headers and footers, keeps the author's, and marks the new label", async () => {
    const { fake, host } = word(DESKTOP, confidential);
    const outcome = await chooseLabel(deps(host, effectiveWith({ justificationRequired: false })), {
      labelId: L.highlyConfidentialAllEmployees,
    });
    expect(outcome.kind === "decided" && outcome.decision.outcome).toBe("allow");
    const first = fake.model.sections[0];
    expect(shapeNames(first.headers.Primary)).toEqual(["Acme logo", "TITUS1HeaderPrimary"]);
    expect(shapeNames(first.footers.Primary)).toEqual([]);
    expect(storyText(first.headers.Primary)).toContain("Acme Ltd");
    expect(outcome.kind === "decided" && outcome.result?.warnings).toEqual([]);
  });

  it("removes the shapes and header text the admin names for other tools (WordShapeNameToRemove, ExternalContentMarkingToRemove)", async () => {
    const { fake, host } = word(DESKTOP, confidential);
    const policy = effectiveWith({
      externalMarkingRemoval: { wordShapeNames: ["titus1"], textPatterns: ["^internal use only$"] },
    });
    await chooseLabel(deps(host, policy), { labelId: L.highlyConfidentialAllEmployees });
    const header = fake.model.sections[0].headers.Primary;
    expect(shapeNames(header)).toEqual(["Acme logo"]);
    expect(storyText(header)).not.toContain("INTERNAL USE ONLY");
    expect(storyText(header)).toContain("Acme Ltd");
  });

  it("Word without shapes (the web) keeps Office's shapes and says so, where the label replaced had marks none of which were ours", async () => {
    const { fake, host } = word(WEB, confidential);
    const outcome = await chooseLabel(deps(host, effectiveWith()), {
      labelId: L.highlyConfidentialAllEmployees,
    });
    expect(outcome.kind === "decided" && outcome.result?.warnings).toEqual([{ code: "office-marks-kept" }]);
    expect(shapeNames(fake.model.sections[0].headers.Primary)).toContain("MSIPCMb0c7e1a93f1d4b2f8e22a5d6");
    expect(fake.model.properties.find((p) => p.key.endsWith("_SiteId"))?.value).toBe(OUR_TENANT);
  });
});

describe("Excel: Office's `&1#` mark and other tools' lines", () => {
  it("replaces Office's footer mark, and removes the lines the admin's patterns name, keeping the author's text", async () => {
    const fake = createFakeExcel({
      sheets: [
        {
          name: "Budget",
          headerFooter: {
            centerHeader: "Budget 2027\nTITUS: Restricted",
            centerFooter: 'Page &P\r&1#&"Calibri"&10&K000000 Confidential',
          },
        },
      ],
      properties: confidential,
    });
    const office = createFakeOffice({ host: "Excel" });
    const host = new ExcelHost({
      office: office.Office as unknown as typeof Office,
      excel: fake.Excel as unknown as typeof Excel,
      user: () => PRIYA,
    });
    const policy = effectiveWith({
      justificationRequired: false,
      externalMarkingRemoval: { wordShapeNames: [], textPatterns: ["^titus:"] },
    });
    await chooseLabel(deps(host, policy), { labelId: L.public });
    const hf = fake.model.worksheets[0].headersFooters.defaultForAllPages;
    expect(hf.centerHeader).toBe("Budget 2027");
    expect(hf.centerFooter).toBe("Page &P");
  });
});
