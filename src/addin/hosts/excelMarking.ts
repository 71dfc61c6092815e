/**
 * Label marks in Excel headers and footers, per worksheet and per page type in use, with the core's
 * format codes and Office's `&1#` marker (core/marking/excel.ts): people's own text is kept, our
 * earlier mark is replaced, and Excel's 255-character limit for header plus footer is respected.
 * When the author's text leaves no room on a sheet, the mark that fits is written and ContentBits
 * claim only marks that are on every sheet.
 */
import {
  CONTENT_BITS,
  ExcelHeaderFooterTooLongError,
  type ExcelSections,
  type ResolvedMarking,
  findExcelMarking,
  mergeExcelMarking,
  renderExcelHeaderFooter,
} from "../../core/marking";
import type { HostWarning } from "./types";

export const HEADER_FOOTER_FIELDS = [
  "leftHeader",
  "centerHeader",
  "rightHeader",
  "leftFooter",
  "centerFooter",
  "rightFooter",
] as const;
export type HeaderFooterField = (typeof HEADER_FOOTER_FIELDS)[number];
export type HeaderFooterTexts = Record<HeaderFooterField, string>;

export const HEADER_FOOTER_GROUPS = ["defaultForAllPages", "firstPage", "oddPages", "evenPages"] as const;
export type HeaderFooterGroupName = (typeof HEADER_FOOTER_GROUPS)[number];

/** One worksheet's page setup as the last read found it. */
export interface SheetHeaders {
  id: string;
  name: string;
  /** Excel.HeaderFooterState: Default | FirstAndDefault | OddAndEven | FirstOddAndEven. */
  state: string;
  groups: Record<HeaderFooterGroupName, HeaderFooterTexts>;
}

export interface HeaderFooterWrite {
  sheetId: string;
  group: HeaderFooterGroupName;
  field: HeaderFooterField;
  value: string;
}

export interface ExcelMarkingPlan {
  writes: HeaderFooterWrite[];
  /** ContentBits of marks present on every sheet once the writes are done. */
  contentBits: number;
  warnings: HostWarning[];
}

/** The page types a sheet prints with: the default always, first and odd/even when switched on. */
export function groupsInUse(state: string): HeaderFooterGroupName[] {
  const groups: HeaderFooterGroupName[] = ["defaultForAllPages"];
  if (state === "FirstAndDefault" || state === "FirstOddAndEven") groups.push("firstPage");
  if (state === "OddAndEven" || state === "FirstOddAndEven") groups.push("oddPages", "evenPages");
  return groups;
}

function toSections(t: HeaderFooterTexts): { header: ExcelSections; footer: ExcelSections } {
  return {
    header: { left: t.leftHeader, center: t.centerHeader, right: t.rightHeader },
    footer: { left: t.leftFooter, center: t.centerFooter, right: t.rightFooter },
  };
}

function fromSections(s: {
  header: Required<ExcelSections>;
  footer: Required<ExcelSections>;
}): HeaderFooterTexts {
  return {
    leftHeader: s.header.left,
    centerHeader: s.header.center,
    rightHeader: s.header.right,
    leftFooter: s.footer.left,
    centerFooter: s.footer.center,
    rightFooter: s.footer.right,
  };
}

interface Candidate {
  header: boolean;
  footer: boolean;
  ours: { header: ExcelSections; footer: ExcelSections };
}

/** The marks to try on a page type, most complete first. */
function candidates(marking: ResolvedMarking): Candidate[] {
  const rendered = renderExcelHeaderFooter(marking);
  const hasHeader = marking.header !== undefined;
  const hasFooter = marking.footer !== undefined;
  const list: Candidate[] = [];
  const add = (header: boolean, footer: boolean): void => {
    list.push({
      header,
      footer,
      ours: { header: header ? rendered.header : {}, footer: footer ? rendered.footer : {} },
    });
  };
  if (hasHeader || hasFooter) add(hasHeader, hasFooter);
  if (hasHeader && hasFooter) {
    add(false, true);
    add(true, false);
  }
  add(false, false);
  return list;
}

const FORMAT_CODE = /&(?:&|"[^"]*"|\d+|K[0-9A-Fa-f]{6}|K\d\d[+-]\d{3}|[A-Za-z])/g;

/** A header/footer section's text as printed, format codes removed (`&&` is a literal `&`). */
export function excelPlainText(section: string): string {
  return section.replace(FORMAT_CODE, (code) => (code === "&&" ? "&" : ""));
}

/**
 * Another tool's marks, by the admin's patterns (policy settings.externalMarkingRemoval): every
 * line of a section whose printed text matches goes; the author's other lines stay.
 */
export function withoutForeignText(texts: HeaderFooterTexts, matchers: readonly RegExp[]): HeaderFooterTexts {
  if (matchers.length === 0) return texts;
  const out = { ...texts };
  for (const field of HEADER_FOOTER_FIELDS) {
    const lines = texts[field].split(/\r\n|\r|\n/);
    const kept = lines.filter((line) => !matchers.some((m) => m.test(excelPlainText(line).trim())));
    if (kept.length !== lines.length) out[field] = kept.join("\n");
  }
  return out;
}

/**
 * The writes that put `marking` on every sheet (and take stale marks off page types not in use):
 * every label mark already there goes — ours or Office's, both start with `&1#` — and lines
 * matching `foreign` (another tool's marks).
 */
export function planExcelMarking(
  sheets: readonly SheetHeaders[],
  marking: ResolvedMarking,
  foreign: readonly RegExp[] = [],
): ExcelMarkingPlan {
  const options = candidates(marking);
  const none = options[options.length - 1];
  let headerEverywhere = marking.header !== undefined;
  let footerEverywhere = marking.footer !== undefined;
  const writes: HeaderFooterWrite[] = [];
  const shortSheets: string[] = [];
  for (const sheet of sheets) {
    const inUse = new Set(groupsInUse(sheet.state));
    for (const group of HEADER_FOOTER_GROUPS) {
      const existing = sheet.groups[group];
      const cleaned = withoutForeignText(existing, foreign);
      let chosen: Candidate | null = null;
      let merged: HeaderFooterTexts | null = null;
      for (const candidate of inUse.has(group) ? options : [none]) {
        try {
          merged = fromSections(mergeExcelMarking(toSections(cleaned), candidate.ours));
          chosen = candidate;
          break;
        } catch (error) {
          if (!(error instanceof ExcelHeaderFooterTooLongError)) throw error;
        }
      }
      if (!chosen || !merged) continue; // only when the author's own text is already beyond the limit
      if (inUse.has(group)) {
        if (!chosen.header) headerEverywhere = false;
        if (!chosen.footer) footerEverywhere = false;
        if (chosen !== options[0] && !shortSheets.includes(sheet.name)) shortSheets.push(sheet.name);
      }
      for (const field of HEADER_FOOTER_FIELDS) {
        if (merged[field] !== existing[field])
          writes.push({ sheetId: sheet.id, group, field, value: merged[field] });
      }
    }
  }
  const warnings: HostWarning[] = [];
  if (shortSheets.length > 0) warnings.push({ code: "excel-marking-shortened", sheets: shortSheets });
  if (marking.watermark) warnings.push({ code: "watermark-not-supported", app: "Excel" });
  const contentBits =
    (headerEverywhere ? CONTENT_BITS.header : 0) | (footerEverywhere ? CONTENT_BITS.footer : 0);
  return { writes, contentBits, warnings };
}

/**
 * The label marks on a sheet's page type, as they stand (ours or Office's): what a new sheet gets
 * copied from an already marked one.
 */
export function marksOf(texts: HeaderFooterTexts): {
  header: ExcelSections;
  footer: ExcelSections;
  count: number;
} {
  const mark = (section: string): string | undefined => {
    const at = findExcelMarking(section);
    return at < 0 ? undefined : section.slice(at);
  };
  const header = {
    left: mark(texts.leftHeader),
    center: mark(texts.centerHeader),
    right: mark(texts.rightHeader),
  };
  const footer = {
    left: mark(texts.leftFooter),
    center: mark(texts.centerFooter),
    right: mark(texts.rightFooter),
  };
  const count = [header.left, header.center, header.right, footer.left, footer.center, footer.right].filter(
    (m) => m !== undefined,
  ).length;
  return { header, footer, count };
}

/** The writes that give a new sheet the marks found on the best-marked other sheet. */
export function planNewSheetMarking(
  sheet: SheetHeaders,
  others: readonly SheetHeaders[],
): HeaderFooterWrite[] {
  let best: ReturnType<typeof marksOf> | null = null;
  for (const other of others) {
    const marks = marksOf(other.groups.defaultForAllPages);
    if (marks.count > (best?.count ?? 0)) best = marks;
  }
  if (!best) return [];
  const ours = { header: best.header, footer: best.footer };
  const writes: HeaderFooterWrite[] = [];
  for (const group of groupsInUse(sheet.state)) {
    const existing = sheet.groups[group];
    let merged: HeaderFooterTexts;
    try {
      merged = fromSections(mergeExcelMarking(toSections(existing), ours));
    } catch (error) {
      if (error instanceof ExcelHeaderFooterTooLongError) continue;
      throw error;
    }
    for (const field of HEADER_FOOTER_FIELDS) {
      if (merged[field] !== existing[field])
        writes.push({ sheetId: sheet.id, group, field, value: merged[field] });
    }
  }
  return writes;
}
