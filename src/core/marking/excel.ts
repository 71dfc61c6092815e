/**
 * Header and footer marks in Excel's format codes (Office.js `HeaderFooter.leftHeader` etc.).
 *
 * A mark renders as `&1#&"<font>,Regular"&<size>&K<RRGGBB><text>` with `&` in the text doubled.
 * The leading `&1#` (a one-point "#") is the convention Office's own sensitivity labeling uses in
 * Excel: a labeled workbook's footer reads `…_x000D_&1#&"Calibri"&10&K000000 <label text>`. Using
 * the same marker means a label change replaces the mark whoever wrote it — ours or Office's —
 * instead of stacking a second one, and people's own header text before it stays untouched.
 * A mark is always the last thing in its section; text someone types after it goes with it.
 *
 * Excel's limit is 255 characters for header and footer together, format codes included. We count
 * what the file stores: each non-empty section with its `&L`/`&C`/`&R` code.
 */
import type { ResolvedMarking, ResolvedTextMarking } from "./resolve";
import { DEFAULT_MARKING_FONT } from "./resolve";
import type { MarkingAlignment } from "./types";

export const EXCEL_HEADER_FOOTER_LIMIT = 255;
/** Starts every label mark in an Excel header/footer section (Office's convention, see above). */
export const EXCEL_MARKING_MARKER = "&1#";
/** Excel's font-size range for format codes. */
const EXCEL_MAX_FONT_SIZE = 409;

export interface ExcelSections {
  left?: string;
  center?: string;
  right?: string;
}

export interface ExcelHeaderFooter {
  header: ExcelSections;
  footer: ExcelSections;
  /** Characters Excel stores for header plus footer, section codes included. */
  totalLength: number;
}

/** All six sections spelled out, so an adapter writing them also clears a mark that moved. */
export interface ExcelHeaderFooterUpdate {
  header: Required<ExcelSections>;
  footer: Required<ExcelSections>;
  totalLength: number;
}

export class ExcelHeaderFooterTooLongError extends Error {
  readonly totalLength: number;
  readonly limit = EXCEL_HEADER_FOOTER_LIMIT;
  constructor(totalLength: number) {
    super(
      `Excel header and footer would be ${totalLength} characters including format codes; Excel's limit is ${EXCEL_HEADER_FOOTER_LIMIT} and it would show none of it`,
    );
    this.name = "ExcelHeaderFooterTooLongError";
    this.totalLength = totalLength;
  }
}

const SECTION_OF: Readonly<Record<MarkingAlignment, keyof ExcelSections>> = {
  Left: "left",
  Center: "center",
  Right: "right",
};
const SECTIONS = ["left", "center", "right"] as const;

/** A literal `&` is `&&` in Excel format codes; nothing else in plain text needs escaping. */
export function escapeExcelText(text: string): string {
  return text.replace(/&/g, "&&");
}

// A quote would end the font code and a comma would be read as the style separator.
function excelFontName(name: string): string {
  return name !== "" && !/["&,\r\n]/.test(name) ? name : DEFAULT_MARKING_FONT;
}

function excelFontSize(size: number): number {
  if (!Number.isFinite(size)) return 11;
  return Math.min(EXCEL_MAX_FONT_SIZE, Math.max(1, Math.round(size)));
}

/** One mark as the content of its section. */
export function excelMarkingSection(mark: ResolvedTextMarking): string {
  const colour = /^#[0-9a-fA-F]{6}$/.test(mark.fontColor) ? mark.fontColor.slice(1).toUpperCase() : "000000";
  return (
    EXCEL_MARKING_MARKER +
    `&"${excelFontName(mark.fontName)},Regular"` +
    `&${excelFontSize(mark.fontSize)}` +
    `&K${colour}` +
    escapeExcelText(mark.text)
  );
}

/** What Excel stores for one header or footer: `&L…&C…&R…`, empty sections left out. */
export function excelStoredLength(sections: ExcelSections): number {
  let n = 0;
  for (const s of SECTIONS) {
    const text = sections[s];
    if (text) n += 2 + text.length;
  }
  return n;
}

function sectionsFor(mark: ResolvedTextMarking | undefined): ExcelSections {
  if (!mark) return {};
  return { [SECTION_OF[mark.alignment] ?? "center"]: excelMarkingSection(mark) };
}

/** The marks in format codes, with their length, whether or not Excel would accept them. */
export function renderExcelHeaderFooter(resolved: ResolvedMarking): ExcelHeaderFooter {
  const header = sectionsFor(resolved.header);
  const footer = sectionsFor(resolved.footer);
  return { header, footer, totalLength: excelStoredLength(header) + excelStoredLength(footer) };
}

/**
 * The marks in format codes. Throws ExcelHeaderFooterTooLongError beyond 255 characters, because
 * Excel would then silently drop the whole header and footer.
 */
export function excelHeaderFooter(resolved: ResolvedMarking): ExcelHeaderFooter {
  const out = renderExcelHeaderFooter(resolved);
  if (out.totalLength > EXCEL_HEADER_FOOTER_LIMIT) throw new ExcelHeaderFooterTooLongError(out.totalLength);
  return out;
}

/**
 * Where a label mark starts in a section, or -1. Walks the format codes so that an escaped `&&1#`
 * in someone's text or a quoted font name is not mistaken for the marker.
 */
export function findExcelMarking(section: string): number {
  let i = 0;
  while (i < section.length) {
    const at = section.indexOf("&", i);
    if (at < 0) return -1;
    const next = section[at + 1];
    if (next === "&") {
      i = at + 2;
    } else if (next === '"') {
      const close = section.indexOf('"', at + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (section.startsWith(EXCEL_MARKING_MARKER, at)) {
      return at;
    } else {
      i = at + 1;
    }
  }
  return -1;
}

/** Whether this header/footer section holds a label mark (ours or Office's). */
export function isOurExcelMarking(section: string): boolean {
  return findExcelMarking(section) >= 0;
}

/** The section without its label mark and the line break that set the mark apart. */
export function stripExcelMarking(section: string): string {
  const at = findExcelMarking(section);
  if (at < 0) return section;
  let end = at;
  if (section[end - 1] === "\n") end--;
  if (section[end - 1] === "\r") end--;
  return section.slice(0, end);
}

/**
 * The six sections to write: every existing label mark removed, people's own text kept, and our
 * marks appended on a new line in their sections. Throws ExcelHeaderFooterTooLongError when the
 * result is beyond Excel's 255 characters.
 */
export function mergeExcelMarking(
  existing: { header: ExcelSections; footer: ExcelSections },
  ours: { header: ExcelSections; footer: ExcelSections },
): ExcelHeaderFooterUpdate {
  const merge = (own: ExcelSections, mark: ExcelSections): Required<ExcelSections> => {
    const out = { left: "", center: "", right: "" };
    for (const s of SECTIONS) {
      const kept = stripExcelMarking(own[s] ?? "");
      const add = mark[s] ?? "";
      out[s] = kept === "" ? add : add === "" ? kept : `${kept}\n${add}`;
    }
    return out;
  };
  const header = merge(existing.header, ours.header);
  const footer = merge(existing.footer, ours.footer);
  const totalLength = excelStoredLength(header) + excelStoredLength(footer);
  if (totalLength > EXCEL_HEADER_FOOTER_LIMIT) throw new ExcelHeaderFooterTooLongError(totalLength);
  return { header, footer, totalLength };
}
