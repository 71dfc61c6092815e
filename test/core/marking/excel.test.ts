import {
  EXCEL_HEADER_FOOTER_LIMIT,
  ExcelHeaderFooterTooLongError,
  escapeExcelText,
  excelHeaderFooter,
  excelMarkingSection,
  excelStoredLength,
  findExcelMarking,
  isOurExcelMarking,
  mergeExcelMarking,
  renderExcelHeaderFooter,
  stripExcelMarking,
} from "../../../src/core/marking/excel";
import type { ResolvedMarking, ResolvedTextMarking } from "../../../src/core/marking/resolve";

const mark = (over: Partial<ResolvedTextMarking> = {}): ResolvedTextMarking => ({
  text: "Confidential",
  fontName: "Calibri",
  fontSize: 10,
  fontColor: "#FF0000",
  alignment: "Center",
  ...over,
});

/** A footer section as Office's own labeling wrote it in a real workbook (public test data). */
const OFFICE_FOOTER_RIGHT = '&D&T \nBORRADOR\r&1#&"Calibri"&10&K000000 Información Pública Clasificada ';

describe("excelMarkingSection", () => {
  it.each<[Partial<ResolvedTextMarking>, string]>([
    [{}, '&1#&"Calibri,Regular"&10&KFF0000Confidential'],
    [{ fontName: "Arial", fontSize: 8, fontColor: "#000000" }, '&1#&"Arial,Regular"&8&K000000Confidential'],
    [{ fontColor: "#c0c0c0" }, '&1#&"Calibri,Regular"&10&KC0C0C0Confidential'],
    [{ text: "R&D && Legal" }, '&1#&"Calibri,Regular"&10&KFF0000R&&D &&&& Legal'],
    [{ text: "2026 plan" }, '&1#&"Calibri,Regular"&10&KFF00002026 plan'],
    [{ text: "Line 1\nLine 2" }, '&1#&"Calibri,Regular"&10&KFF0000Line 1\nLine 2'],
    [{ fontName: 'Bad"Font' }, '&1#&"Calibri,Regular"&10&KFF0000Confidential'],
    [{ fontName: "Segoe,UI" }, '&1#&"Calibri,Regular"&10&KFF0000Confidential'],
    [{ fontSize: 10.6 }, '&1#&"Calibri,Regular"&11&KFF0000Confidential'],
    [{ fontSize: 1000 }, '&1#&"Calibri,Regular"&409&KFF0000Confidential'],
    [{ fontSize: 0 }, '&1#&"Calibri,Regular"&1&KFF0000Confidential'],
    [{ fontSize: Number.NaN }, '&1#&"Calibri,Regular"&11&KFF0000Confidential'],
    [{ fontColor: "red" }, '&1#&"Calibri,Regular"&10&K000000Confidential'],
  ])("%j → %s", (over, expected) => {
    expect(excelMarkingSection(mark(over))).toBe(expected);
  });

  it("doubles every ampersand and nothing else", () => {
    expect(escapeExcelText("&&&a&")).toBe("&&&&&&a&&");
    expect(escapeExcelText('"Q3" 100%')).toBe('"Q3" 100%');
  });
});

describe("excelHeaderFooter", () => {
  it("puts each mark in the section of its alignment and counts stored characters", () => {
    const resolved: ResolvedMarking = {
      header: mark({ alignment: "Left" }),
      footer: mark({ alignment: "Right", text: "Internal", fontColor: "#000000" }),
      contentBits: 3,
    };
    expect(excelHeaderFooter(resolved)).toEqual({
      header: { left: '&1#&"Calibri,Regular"&10&KFF0000Confidential' },
      footer: { right: '&1#&"Calibri,Regular"&10&K000000Internal' },
      // &L + 44, &R + 40
      totalLength: 2 + 44 + 2 + 40,
    });
  });

  it.each([
    ["Left", "left"],
    ["Center", "center"],
    ["Right", "right"],
  ] as const)("%s → %s", (alignment, section) => {
    expect(Object.keys(excelHeaderFooter({ header: mark({ alignment }), contentBits: 1 }).header)).toEqual([
      section,
    ]);
  });

  it("is empty without header and footer (watermarks are not Excel header codes)", () => {
    expect(
      excelHeaderFooter({
        watermark: { text: "X", fontName: "Calibri", fontSize: 40, fontColor: "#000000", layout: "Diagonal" },
        contentBits: 4,
      }),
    ).toEqual({ header: {}, footer: {}, totalLength: 0 });
  });

  it("accepts exactly 255 characters and refuses 256", () => {
    // &C + &1# + &"Calibri,Regular" + &10 + &KFF0000 = 34 characters before the text.
    const fits = { header: mark({ text: "x".repeat(221) }), contentBits: 1 };
    expect(excelHeaderFooter(fits).totalLength).toBe(EXCEL_HEADER_FOOTER_LIMIT);
    const over = { header: mark({ text: "x".repeat(222) }), contentBits: 1 };
    expect(() => excelHeaderFooter(over)).toThrow(ExcelHeaderFooterTooLongError);
    expect(renderExcelHeaderFooter(over).totalLength).toBe(256);
  });

  it("counts header and footer together, escaped ampersands included", () => {
    const resolved = {
      header: mark({ text: "&".repeat(60) }), // 34 + 120 = 154
      footer: mark({ text: "y".repeat(68) }), // 34 + 68 = 102
      contentBits: 3,
    };
    let error: unknown;
    try {
      excelHeaderFooter(resolved);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExcelHeaderFooterTooLongError);
    expect((error as ExcelHeaderFooterTooLongError).totalLength).toBe(256);
    expect((error as Error).message).toBe(
      "Excel header and footer would be 256 characters including format codes; Excel's limit is 255 and it would show none of it",
    );
  });

  it("measures stored length per section", () => {
    expect(excelStoredLength({})).toBe(0);
    expect(excelStoredLength({ left: "", center: "ab", right: "c" })).toBe(2 + 2 + 2 + 1);
  });
});

describe("recognising and replacing a label mark", () => {
  it("recognises our marks and Office's", () => {
    expect(isOurExcelMarking(excelMarkingSection(mark()))).toBe(true);
    expect(isOurExcelMarking(OFFICE_FOOTER_RIGHT)).toBe(true);
    expect(findExcelMarking(OFFICE_FOOTER_RIGHT)).toBe(OFFICE_FOOTER_RIGHT.indexOf("&1#"));
  });

  it.each([
    "",
    "&P of &N",
    "&L&9    \n\n",
    "R&&1# budget", // an escaped ampersand followed by 1#
    '&"Arial,&1#"Bold', // inside a quoted font name
    "&11#size eleven then a hash",
    '&"unterminated',
  ])("does not take %j for a label mark", (section) => {
    expect(isOurExcelMarking(section)).toBe(false);
    expect(stripExcelMarking(section)).toBe(section);
  });

  it("strips the mark and the line break before it, keeping people's text", () => {
    expect(stripExcelMarking(OFFICE_FOOTER_RIGHT)).toBe("&D&T \nBORRADOR");
    expect(stripExcelMarking("Draft\r\n" + excelMarkingSection(mark()))).toBe("Draft");
    expect(stripExcelMarking("Draft\n" + excelMarkingSection(mark()))).toBe("Draft");
    expect(stripExcelMarking(excelMarkingSection(mark()))).toBe("");
  });

  it("replaces Office's mark with ours and keeps the user's header text", () => {
    const ours = excelHeaderFooter({ footer: mark({ text: "Internal" }), contentBits: 2 });
    const out = mergeExcelMarking({ header: { left: "&F" }, footer: { right: OFFICE_FOOTER_RIGHT } }, ours);
    expect(out).toEqual({
      header: { left: "&F", center: "", right: "" },
      footer: { left: "", center: '&1#&"Calibri,Regular"&10&KFF0000Internal', right: "&D&T \nBORRADOR" },
      // &L&F, &C + 40, &R + "&D&T \nBORRADOR" (14)
      totalLength: 2 + 2 + 2 + 40 + 2 + 14,
    });
  });

  it("never duplicates: applying a mark twice, or a second label, leaves one mark", () => {
    const first = excelHeaderFooter({ header: mark({ text: "Confidential" }), contentBits: 1 });
    const second = excelHeaderFooter({
      header: mark({ text: "Public", alignment: "Right" }),
      contentBits: 1,
    });
    const start = { header: { center: "Quarterly & co" }, footer: { left: "&P" } };
    const once = mergeExcelMarking(start, first);
    expect(once.header.center).toBe('Quarterly & co\n&1#&"Calibri,Regular"&10&KFF0000Confidential');
    expect(mergeExcelMarking(once, first)).toEqual(once);
    const relabelled = mergeExcelMarking(once, second);
    expect(relabelled.header).toEqual({
      left: "",
      center: "Quarterly & co",
      right: '&1#&"Calibri,Regular"&10&KFF0000Public',
    });
    expect(relabelled.footer).toEqual({ left: "&P", center: "", right: "" });
    // Removing the label: no marks at all, the user's text stays.
    const removed = mergeExcelMarking(relabelled, { header: {}, footer: {} });
    expect(removed.header).toEqual({ left: "", center: "Quarterly & co", right: "" });
  });

  it("refuses a merge that would push Excel past 255 characters", () => {
    const ours = excelHeaderFooter({ header: mark({ text: "x".repeat(100) }), contentBits: 1 });
    expect(() => mergeExcelMarking({ header: { left: "u".repeat(120) }, footer: {} }, ours)).toThrow(
      "Excel header and footer would be 256 characters including format codes",
    );
  });
});
