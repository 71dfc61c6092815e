import { describeLabel, labelTree } from "../../../src/addin/taskpane/model/labelTree";
import { parseOpenContext } from "../../../src/addin/taskpane/model/openContext";
import { luminance, pickTheme } from "../../../src/addin/taskpane/model/theme";
import type { HostWarning } from "../../../src/addin/hosts/types";
import { stringsFor, primaryLanguage } from "../../../src/addin/i18n";
import { enWarnings, frWarnings, warningText } from "../../../src/addin/i18n/warnings";
import { en } from "../../../src/addin/i18n/en";
import { fr } from "../../../src/addin/i18n/fr";
import { enDecisions } from "../../../src/addin/i18n/enDecisions";
import { frDecisions } from "../../../src/addin/i18n/frDecisions";
import { L, policyWith } from "./setup";

describe("pane view model", () => {
  it("lists labels by sensitivity, sublabels under their parent, parents never appliable", () => {
    const tree = labelTree(policyWith(), "email");
    expect(tree.map((n) => [n.displayName, n.appliable, n.children.map((c) => c.displayName)])).toEqual([
      ["Personal", true, []],
      ["Public", true, []],
      ["General", true, []],
      ["Confidential", false, ["Anyone (not protected)", "All Employees", "Trusted People"]],
      ["Highly Confidential", false, ["All Employees", "Specified People"]],
    ]);
    const sub = tree[3].children[1];
    expect(sub).toMatchObject({
      id: L.confidentialAllEmployees,
      fullName: "Confidential \\ All Employees",
      color: "#CA5010",
    });
    expect(sub.tooltip.length).toBeGreaterThan(10);
    expect(describeLabel(policyWith(), "00000000-0000-0000-0000-00000000abcd")).toEqual({
      name: "00000000-0000-0000-0000-00000000abcd",
      color: null,
      known: false,
    });
  });

  it("follows Office's theme, and Windows high contrast above all", () => {
    expect(pickTheme(null, false)).toBe("light");
    expect(pickTheme({ bodyBackgroundColor: "#1F1F1F", bodyForegroundColor: "#FFFFFF" }, false)).toBe("dark");
    expect(pickTheme({ bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000" }, false)).toBe(
      "light",
    );
    expect(
      pickTheme({ bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000", isDarkTheme: true }, false),
    ).toBe("dark");
    expect(pickTheme({ bodyBackgroundColor: "#1F1F1F", bodyForegroundColor: "#FFFFFF" }, true)).toBe(
      "contrast",
    );
    expect(luminance("#ffffff")).toBeCloseTo(1);
    expect(luminance("nonsense")).toBeNull();
  });

  it("reads where a Smart Alert wants the pane to open, and nothing else", () => {
    expect(
      parseOpenContext('{"fix":"justification","reason":"justification-required","labelId":"x"}'),
    ).toEqual({
      fix: "justification",
      reason: "justification-required",
      labelId: "x",
    });
    expect(parseOpenContext('{"fix":"format-disk"}')).toBeNull();
    expect(parseOpenContext("not json")).toBeNull();
    expect(parseOpenContext(null)).toBeNull();
  });

  it("picks French for any French Office, English otherwise, with every string translated", () => {
    expect(primaryLanguage("fr-CA")).toBe("fr");
    expect(stringsFor("fr-FR")).toBe(frDecisions);
    expect(stringsFor("de-DE")).toBe(enDecisions);
    // The pane's strings carry the handlers' (one translation of each decision message).
    expect(fr).toMatchObject(frDecisions);
    expect(en).toMatchObject(enDecisions);
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    expect(fr.chooseLabelButton.length).toBeLessThanOrEqual(20);
    expect(en.chooseLabelButton.length).toBeLessThanOrEqual(20);
  });

  it("says every adapter warning in English and French, with its parameters", () => {
    const samples: HostWarning[] = [
      { code: "excel-marking-shortened", sheets: ["Budget", "Notes"] },
      { code: "watermark-not-supported", app: "Word" },
      { code: "watermark-not-supported", app: "Excel" },
      { code: "label-info-not-written" },
      { code: "document-kept-changing" },
      { code: "word-mark-count", found: 5, expected: 6 },
      { code: "open-with-document-not-saved", detail: "Internal Error" },
      { code: "mail-headers-not-supported" },
      { code: "not-in-outlook-catalog" },
      { code: "office-marks-kept" },
      { code: "mail-marking-not-on-mobile" },
    ];
    expect(new Set(samples.map((w) => w.code))).toEqual(new Set(Object.keys(enWarnings)));
    expect(Object.keys(frWarnings).sort()).toEqual(Object.keys(enWarnings).sort());
    for (const w of samples) expect(warningText("fr", w)).not.toBe(warningText("en", w));
    expect(warningText("en", samples[0])).toContain("Budget, Notes");
    expect(warningText("fr", samples[5])).toContain("5 contrôles de marquage là où 6");
    expect(warningText("de", samples[6])).toBe(warningText("en", samples[6]));
  });
});
