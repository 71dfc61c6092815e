import { resolveContentMarking } from "../../../src/core/marking/resolve";
import {
  CONTENT_BITS,
  type ContentMarking,
  type MarkingContext,
  type OfficeApp,
  type TextMarking,
  type WatermarkMarking,
} from "../../../src/core/marking/types";

const ctx: MarkingContext = {
  app: "Word",
  labelDisplayName: "Confidential",
  itemName: "plan.docx",
  itemLocation: "C:\\docs\\plan.docx",
  userName: "Priya Patel",
  userPrincipalName: "priya@contoso.com",
  eventDateTime: "2026-09-03 14:05",
};
const inApp = (app: OfficeApp): MarkingContext => ({ ...ctx, app });

const header: TextMarking = {
  enabled: true,
  text: "${Item.Label}",
  fontSize: 10,
  fontColor: "#ff0000",
  alignment: "Left",
  margin: 15,
};
const footer: TextMarking = {
  enabled: true,
  text: "Internal — ${User.Name}",
  fontName: "Arial",
  fontSize: 8,
  fontColor: "#000000",
  alignment: "Center",
};
const watermark: WatermarkMarking = {
  enabled: true,
  text: "CONFIDENTIAL",
  fontSize: 48,
  fontColor: "#C0C0C0",
  layout: "Diagonal",
};

describe("resolveContentMarking", () => {
  it("resolves every enabled mark for the app, Calibri by default, colours upper case", () => {
    expect(resolveContentMarking({ header, footer, watermark }, ctx)).toEqual({
      header: {
        text: "Confidential",
        fontName: "Calibri",
        fontSize: 10,
        fontColor: "#FF0000",
        alignment: "Left",
        margin: 15,
      },
      footer: {
        text: "Internal — Priya Patel",
        fontName: "Arial",
        fontSize: 8,
        fontColor: "#000000",
        alignment: "Center",
      },
      watermark: {
        text: "CONFIDENTIAL",
        fontName: "Calibri",
        fontSize: 48,
        fontColor: "#C0C0C0",
        layout: "Diagonal",
      },
      contentBits: CONTENT_BITS.header | CONTENT_BITS.footer | CONTENT_BITS.watermark,
    });
  });

  it("leaves margin out when the label does not set one", () => {
    expect("margin" in (resolveContentMarking({ footer }, ctx).footer ?? {})).toBe(false);
  });

  it.each<[string, ContentMarking | undefined, number, string[], Partial<MarkingContext>?]>([
    ["no marking", undefined, 0, []],
    ["an empty marking", {}, 0, []],
    ["header only", { header }, 1, ["header"]],
    ["footer only", { footer }, 2, ["footer"]],
    ["watermark only", { watermark }, 4, ["watermark"]],
    ["header and watermark", { header, watermark }, 5, ["header", "watermark"]],
    ["a disabled header", { header: { ...header, enabled: false }, footer }, 2, ["footer"]],
    ["a disabled watermark", { watermark: { ...watermark, enabled: false } }, 0, []],
    ["empty header text", { header: { ...header, text: "" } }, 0, []],
    ["blank footer text", { footer: { ...footer, text: "  \n " } }, 0, []],
    ["a header only for PowerPoint", { header: { ...header, text: "${If.App.P}Slides${If.End}" } }, 0, []],
    [
      "a variable that resolves to nothing",
      { header: { ...header, text: "${Item.Name}" } },
      0,
      [],
      { itemName: "" },
    ],
  ])("%s: ContentBits %i, marks %j", (_name, marking, bits, parts, overrides = {}) => {
    const out = resolveContentMarking(marking, { ...ctx, ...overrides });
    expect(out.contentBits).toBe(bits);
    expect(
      Object.keys(out)
        .filter((k) => k !== "contentBits")
        .sort(),
    ).toEqual([...parts].sort());
  });

  it("never sets a bit for a mark it does not return", () => {
    const marks: ContentMarking = { header, footer, watermark };
    for (const app of ["Word", "Excel", "PowerPoint", "Outlook"] as const) {
      for (const on of [0, 1, 2, 3, 4, 5, 6, 7]) {
        const m: ContentMarking = {
          header: { ...header, enabled: (on & 1) !== 0 },
          footer: { ...footer, enabled: (on & 2) !== 0 },
          watermark: { ...watermark, enabled: (on & 4) !== 0 },
        };
        const out = resolveContentMarking(m, inApp(app));
        const expected =
          (out.header ? CONTENT_BITS.header : 0) |
          (out.footer ? CONTENT_BITS.footer : 0) |
          (out.watermark ? CONTENT_BITS.watermark : 0);
        expect(out.contentBits).toBe(expected);
        expect(out.contentBits & CONTENT_BITS.encryption).toBe(0);
      }
    }
    expect(resolveContentMarking(marks, ctx).contentBits).toBe(7);
  });

  it("writes no watermark in Outlook, where email has none", () => {
    const out = resolveContentMarking({ header, footer, watermark }, inApp("Outlook"));
    expect(out.watermark).toBeUndefined();
    expect(out.contentBits).toBe(CONTENT_BITS.header | CONTENT_BITS.footer);
    expect(resolveContentMarking({ watermark }, inApp("Outlook"))).toEqual({ contentBits: 0 });
  });

  it("keeps watermarks in Excel and PowerPoint", () => {
    expect(resolveContentMarking({ watermark }, inApp("Excel")).contentBits).toBe(CONTENT_BITS.watermark);
    expect(resolveContentMarking({ watermark }, inApp("PowerPoint")).contentBits).toBe(
      CONTENT_BITS.watermark,
    );
  });

  it("applies per-app text", () => {
    const m: ContentMarking = {
      footer: {
        ...footer,
        text: "${If.App.WXO}This content is confidential.${If.End}${If.App.P}This presentation is confidential.${If.End}",
      },
    };
    expect(resolveContentMarking(m, inApp("Outlook")).footer?.text).toBe("This content is confidential.");
    expect(resolveContentMarking(m, inApp("PowerPoint")).footer?.text).toBe(
      "This presentation is confidential.",
    );
  });

  it("falls back to Calibri and black for values a flawed policy let through", () => {
    const out = resolveContentMarking(
      { header: { ...header, fontName: " ", fontColor: "red" }, watermark: { ...watermark, fontName: "" } },
      ctx,
    );
    expect(out.header?.fontName).toBe("Calibri");
    expect(out.header?.fontColor).toBe("#000000");
    expect(out.watermark?.fontName).toBe("Calibri");
  });

  it("treats a mark whose text is not a string as absent", () => {
    const broken = { ...header, text: undefined } as unknown as TextMarking;
    expect(resolveContentMarking({ header: broken }, ctx)).toEqual({ contentBits: 0 });
  });
});
