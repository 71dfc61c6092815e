import { validateContentMarking } from "../../../src/core/marking/limits";
import type { ContentMarking, TextMarking, WatermarkMarking } from "../../../src/core/marking/types";

const P = "labels[3].marking";
const header: TextMarking = {
  enabled: true,
  text: "Confidential",
  fontSize: 10,
  fontColor: "#000000",
  alignment: "Center",
};
const footer: TextMarking = { ...header, text: "Internal — ${User.Name}", alignment: "Left", margin: 15 };
const watermark: WatermarkMarking = {
  enabled: true,
  text: "DRAFT",
  fontSize: 48,
  fontColor: "#c0c0c0",
  layout: "Diagonal",
};

const messages = (m: ContentMarking): string[] => validateContentMarking(m, P).map((i) => i.message);

describe("validateContentMarking", () => {
  it("accepts a sound marking, including the scenario's ${User.Name} header in Excel", () => {
    expect(validateContentMarking({ header, footer, watermark }, P)).toEqual([]);
    expect(validateContentMarking({}, P)).toEqual([]);
  });

  it("limits watermark text to 255 characters", () => {
    expect(validateContentMarking({ watermark: { ...watermark, text: "w".repeat(255) } }, P)).toEqual([]);
    expect(validateContentMarking({ watermark: { ...watermark, text: "w".repeat(312) } }, P)).toEqual([
      {
        path: "labels[3].marking.watermark.text",
        rule: "max-length",
        message: "labels[3].marking.watermark.text: watermark text is 312 characters; the limit is 255",
      },
    ]);
  });

  it("limits header and footer text to 1024 characters", () => {
    // Kept out of Excel so only the 1024 rule speaks.
    const wrap = (n: number): string => "${If.App.WPO}" + "h".repeat(n - 22) + "${If.End}";
    expect(wrap(1024)).toHaveLength(1024);
    expect(validateContentMarking({ header: { ...header, text: wrap(1024) } }, P)).toEqual([]);
    expect(
      messages({ header: { ...header, text: wrap(1025) }, footer: { ...footer, text: wrap(2000) } }),
    ).toEqual([
      "labels[3].marking.header.text: header text is 1025 characters; the limit is 1024",
      "labels[3].marking.footer.text: footer text is 2000 characters; the limit is 1024",
    ]);
  });

  it.each<[Partial<TextMarking>, string, string]>([
    [
      { fontColor: "red" },
      "font-color",
      'header.fontColor: header font colour must be #rrggbb (six hex digits), got "red"',
    ],
    [
      { fontColor: "#12345" },
      "font-color",
      'header.fontColor: header font colour must be #rrggbb (six hex digits), got "#12345"',
    ],
    [
      { fontSize: 0 },
      "font-size",
      "header.fontSize: header font size must be a whole number of points from 1 to 400, got 0",
    ],
    [
      { fontSize: 401 },
      "font-size",
      "header.fontSize: header font size must be a whole number of points from 1 to 400, got 401",
    ],
    [
      { fontSize: 10.5 },
      "font-size",
      "header.fontSize: header font size must be a whole number of points from 1 to 400, got 10.5",
    ],
    [{ margin: -1 }, "margin", "header.margin: header margin must be 0 or more points, got -1"],
    [{ margin: Number.NaN }, "margin", "header.margin: header margin must be 0 or more points, got NaN"],
    [
      { alignment: "centre" as never },
      "alignment",
      'header.alignment: header alignment must be Left, Center or Right, got "centre"',
    ],
    [
      { fontName: " " },
      "font-name",
      "header.fontName: header font name must not be empty (leave it out for Calibri)",
    ],
    [
      { fontName: 'Bad"Font' },
      "font-name",
      "header.fontName: header font name \"Bad\\\"Font\" contains '\"', '&', ',' or a control character, which Excel's font code cannot carry",
    ],
    [
      { text: "  " },
      "text-required",
      "header.text: header is enabled but its text is empty, so nothing would be marked",
    ],
    [{ text: 42 as never }, "text-type", "header.text: header text must be a string"],
  ])("%j → %s", (over, rule, message) => {
    const issues = validateContentMarking({ header: { ...header, ...over } }, P);
    expect(issues).toEqual([{ path: `${P}.${message.split(":")[0]}`, rule, message: `${P}.${message}` }]);
  });

  it("accepts margin 0 and allows an empty text on a disabled mark", () => {
    expect(validateContentMarking({ footer: { ...footer, margin: 0 } }, P)).toEqual([]);
    expect(validateContentMarking({ footer: { ...footer, enabled: false, text: "" } }, P)).toEqual([]);
  });

  it("checks the watermark's colour, size and layout", () => {
    expect(
      messages({ watermark: { ...watermark, fontColor: "grey", fontSize: 500, layout: "Tilted" as never } }),
    ).toEqual([
      'labels[3].marking.watermark.fontColor: watermark font colour must be #rrggbb (six hex digits), got "grey"',
      "labels[3].marking.watermark.fontSize: watermark font size must be a whole number of points from 1 to 400, got 500",
      'labels[3].marking.watermark.layout: watermark layout must be Horizontal or Diagonal, got "Tilted"',
    ]);
  });
});

describe("validateContentMarking: Excel's 255 characters for header and footer together", () => {
  it("reports the worst case on the longer part, with both lengths", () => {
    // Each mark costs 34 characters of codes in Excel: &C &1# &"Calibri,Regular" &10 &K000000.
    const issues = validateContentMarking(
      { header: { ...header, text: "x".repeat(200) }, footer: { ...footer, text: "y".repeat(30) } },
      P,
    );
    expect(issues).toEqual([
      {
        path: "labels[3].marking.header.text",
        rule: "excel-total-length",
        message:
          "labels[3].marking.header.text: in Excel the header and footer come to 298 characters including format codes " +
          "(header 234, footer 64, variables at their planned lengths); Excel's limit is 255 and beyond it shows nothing — " +
          "shorten the text or keep long parts out of Excel with ${If.App.WPO}…${If.End}",
      },
    ]);
    const footerHeavy = validateContentMarking(
      { header: { ...header, text: "x" }, footer: { ...footer, text: "y".repeat(230) } },
      P,
    );
    expect(footerHeavy.map((i) => i.path)).toEqual(["labels[3].marking.footer.text"]);
  });

  it("plans for variables at their documented lengths", () => {
    // ${Item.Location} is planned at 218 (Excel's path limit): 34 + 218 = 252 fits, 4 more do not.
    expect(validateContentMarking({ header: { ...header, text: "${Item.Location}" } }, P)).toEqual([]);
    const over = validateContentMarking({ header: { ...header, text: "${Item.Location}!!!!" } }, P);
    expect(over.map((i) => i.rule)).toEqual(["excel-total-length"]);
    expect(over[0].message).toContain("come to 256 characters");
    // The planned lengths can be tuned per tenant.
    expect(
      validateContentMarking({ header: { ...header, text: "${Item.Location}!!!!" } }, P, {
        excelVariableBudget: { "Item.Location": 100 },
      }),
    ).toEqual([]);
  });

  it("counts only what Excel shows: its own blocks, enabled marks, doubled ampersands", () => {
    const long = "z".repeat(240);
    expect(
      validateContentMarking({ header: { ...header, text: `\${If.App.WPO}${long}\${If.End}ok` } }, P),
    ).toEqual([]);
    expect(validateContentMarking({ header, footer: { ...footer, enabled: false, text: long } }, P)).toEqual(
      [],
    );
    // 111 ampersands are 222 characters in Excel: 34 + 222 = 256.
    expect(
      validateContentMarking({ header: { ...header, text: "&".repeat(111) } }, P).map((i) => i.rule),
    ).toEqual(["excel-total-length"]);
    expect(validateContentMarking({ header: { ...header, text: "&".repeat(110) } }, P)).toEqual([]);
  });
});
