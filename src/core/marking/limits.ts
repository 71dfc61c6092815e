/**
 * The limits Purview and the Office apps put on content markings (docs/reference/label-policy.md §8), checked
 * where an admin can still fix them. Template syntax is validateMarkingTemplate's job.
 */
import { EXCEL_HEADER_FOOTER_LIMIT, excelStoredLength, renderExcelHeaderFooter } from "./excel";
import { resolveContentMarking } from "./resolve";
import type { MarkingVariable } from "./template";
import type { ContentMarking, MarkingContext, MarkingIssue, TextMarking, WatermarkMarking } from "./types";

export const WATERMARK_TEXT_LIMIT = 255;
export const HEADER_FOOTER_TEXT_LIMIT = 1024;
export const MIN_FONT_SIZE = 1;
/** The policy model's bound; Excel, the most limited app, goes to 409. */
export const MAX_FONT_SIZE = 400;

/**
 * Lengths we plan for when a variable is filled in, for the Excel 255-character check. Hard limits
 * where one exists (label display names: 64; Excel paths incl. file name: 218), practical ones
 * elsewhere (a 256-character display name is allowed but would make every ${User.Name} fail).
 */
export const EXCEL_VARIABLE_BUDGET: Readonly<Record<MarkingVariable, number>> = {
  "Item.Label": 64,
  "Item.Name": 128,
  "Item.Location": 218,
  "User.Name": 64,
  "User.PrincipalName": 64,
  "Event.DateTime": 32,
};

export interface ContentMarkingLimitsOptions {
  /** Override the planned variable lengths of the Excel check. */
  excelVariableBudget?: Partial<Record<MarkingVariable, number>>;
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;
const ALIGNMENTS: readonly string[] = ["Left", "Center", "Right"];
const LAYOUTS: readonly string[] = ["Horizontal", "Diagonal"];

type Part = "header" | "footer" | "watermark";

function checkCommon(
  part: Part,
  mark: TextMarking | WatermarkMarking,
  base: string,
  limit: number,
  issue: (path: string, rule: string, detail: string) => void,
): void {
  const at = `${base}.${part}`;
  if (typeof mark.text !== "string") {
    issue(`${at}.text`, "text-type", `${part} text must be a string`);
  } else {
    if (mark.text.length > limit) {
      issue(
        `${at}.text`,
        "max-length",
        `${part} text is ${mark.text.length} characters; the limit is ${limit}`,
      );
    }
    if (mark.enabled === true && mark.text.trim() === "") {
      issue(
        `${at}.text`,
        "text-required",
        `${part} is enabled but its text is empty, so nothing would be marked`,
      );
    }
  }
  if (typeof mark.fontColor !== "string" || !COLOUR.test(mark.fontColor)) {
    issue(
      `${at}.fontColor`,
      "font-color",
      `${part} font colour must be #rrggbb (six hex digits), got ${JSON.stringify(mark.fontColor)}`,
    );
  }
  const size = mark.fontSize;
  if (typeof size !== "number" || !Number.isInteger(size) || size < MIN_FONT_SIZE || size > MAX_FONT_SIZE) {
    issue(
      `${at}.fontSize`,
      "font-size",
      `${part} font size must be a whole number of points from ${MIN_FONT_SIZE} to ${MAX_FONT_SIZE}, got ${String(size)}`,
    );
  }
  if (mark.fontName !== undefined) {
    if (typeof mark.fontName !== "string" || mark.fontName.trim() === "") {
      issue(`${at}.fontName`, "font-name", `${part} font name must not be empty (leave it out for Calibri)`);
    } else if (/["&,\u0000-\u001f]/.test(mark.fontName)) {
      issue(
        `${at}.fontName`,
        "font-name",
        `${part} font name ${JSON.stringify(mark.fontName)} contains '"', '&', ',' or a control character, which Excel's font code cannot carry`,
      );
    }
  }
}

function worstCaseContext(budget: Record<MarkingVariable, number>): MarkingContext {
  const filler = (variable: MarkingVariable): string => "x".repeat(Math.max(0, budget[variable]));
  return {
    app: "Excel",
    labelDisplayName: filler("Item.Label"),
    itemName: filler("Item.Name"),
    itemLocation: filler("Item.Location"),
    userName: filler("User.Name"),
    userPrincipalName: filler("User.PrincipalName"),
    eventDateTime: filler("Event.DateTime"),
  };
}

/** Every limit problem of one label's content marking; paths start at `path` (e.g. `labels[3].marking`). */
export function validateContentMarking(
  m: ContentMarking,
  path: string,
  options: ContentMarkingLimitsOptions = {},
): MarkingIssue[] {
  const issues: MarkingIssue[] = [];
  const issue = (at: string, rule: string, detail: string): void => {
    issues.push({ path: at, rule, message: `${at}: ${detail}` });
  };

  for (const part of ["header", "footer"] as const) {
    const mark = m[part];
    if (!mark) continue;
    checkCommon(part, mark, path, HEADER_FOOTER_TEXT_LIMIT, issue);
    if (!ALIGNMENTS.includes(mark.alignment)) {
      issue(
        `${path}.${part}.alignment`,
        "alignment",
        `${part} alignment must be Left, Center or Right, got ${JSON.stringify(mark.alignment)}`,
      );
    }
    if (mark.margin !== undefined && (typeof mark.margin !== "number" || !(mark.margin >= 0))) {
      issue(
        `${path}.${part}.margin`,
        "margin",
        `${part} margin must be 0 or more points, got ${String(mark.margin)}`,
      );
    }
  }
  if (m.watermark) {
    checkCommon("watermark", m.watermark, path, WATERMARK_TEXT_LIMIT, issue);
    if (!LAYOUTS.includes(m.watermark.layout)) {
      issue(
        `${path}.watermark.layout`,
        "layout",
        `watermark layout must be Horizontal or Diagonal, got ${JSON.stringify(m.watermark.layout)}`,
      );
    }
  }

  checkExcelTotal(m, path, { ...EXCEL_VARIABLE_BUDGET, ...options.excelVariableBudget }, issue);
  return issues;
}

function checkExcelTotal(
  m: ContentMarking,
  path: string,
  budget: Record<MarkingVariable, number>,
  issue: (at: string, rule: string, detail: string) => void,
): void {
  const resolved = resolveContentMarking({ header: m.header, footer: m.footer }, worstCaseContext(budget));
  const excel = renderExcelHeaderFooter(resolved);
  if (excel.totalLength <= EXCEL_HEADER_FOOTER_LIMIT) return;
  const headerLength = excelStoredLength(excel.header);
  const footerLength = excelStoredLength(excel.footer);
  const part = headerLength >= footerLength ? "header" : "footer";
  issue(
    `${path}.${part}.text`,
    "excel-total-length",
    `in Excel the header and footer come to ${excel.totalLength} characters including format codes ` +
      `(header ${headerLength}, footer ${footerLength}, variables at their planned lengths); ` +
      `Excel's limit is ${EXCEL_HEADER_FOOTER_LIMIT} and beyond it shows nothing — shorten the text or keep ` +
      `long parts out of Excel with \${If.App.WPO}…\${If.End}`,
  );
}
