/**
 * The workbook a fake Excel host works on: worksheets with page-layout headers/footers (ExcelApi
 * 1.9, one HeaderFooterGroup per sheet), cell values from A1, custom properties, and the handlers
 * registered for `worksheets.onAdded`.
 */
import { type PropertyStore, propertiesFrom, propertyMapOf } from "../document/customProperties";

export type HeaderFooterState = "Default" | "FirstAndDefault" | "OddAndEven" | "FirstOddAndEven";
export const HEADER_FOOTER_STATES: readonly HeaderFooterState[] = [
  "Default",
  "FirstAndDefault",
  "OddAndEven",
  "FirstOddAndEven",
];
export const HEADER_FOOTER_FIELDS = [
  "leftHeader",
  "centerHeader",
  "rightHeader",
  "leftFooter",
  "centerFooter",
  "rightFooter",
] as const;
export type HeaderFooterField = (typeof HEADER_FOOTER_FIELDS)[number];
export type HeaderFooterModel = Record<HeaderFooterField, string>;
export const HEADER_FOOTER_GROUPS = ["defaultForAllPages", "firstPage", "evenPages", "oddPages"] as const;
export type HeaderFooterGroupName = (typeof HEADER_FOOTER_GROUPS)[number];

export interface HeaderFooterGroupModel extends Record<HeaderFooterGroupName, HeaderFooterModel> {
  state: HeaderFooterState;
  useSheetMargins: boolean;
  useSheetScale: boolean;
}

export interface WorksheetModel {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  headersFooters: HeaderFooterGroupModel;
  /** Row-major cell values from A1; "" is an empty cell. */
  values: unknown[][];
  deleted: boolean;
}

export interface WorksheetAddedEvent {
  worksheetId: string;
  type: "WorksheetAdded";
  source: "Local" | "Remote";
}

export interface WorkbookModel extends PropertyStore {
  worksheets: WorksheetModel[];
  nextSheetNumber: number;
  /** Handlers registered (and synced) with `worksheets.onAdded.add`. */
  addedHandlers: Array<(event: WorksheetAddedEvent) => Promise<unknown>>;
}

export function emptyHeaderFooter(): HeaderFooterModel {
  return {
    leftHeader: "",
    centerHeader: "",
    rightHeader: "",
    leftFooter: "",
    centerFooter: "",
    rightFooter: "",
  };
}

export interface WorksheetSpec {
  name?: string;
  state?: HeaderFooterState;
  /** Author text in the default header/footer, e.g. { centerHeader: "&BBudget" }. */
  headerFooter?: Partial<HeaderFooterModel>;
  firstPage?: Partial<HeaderFooterModel>;
  evenPages?: Partial<HeaderFooterModel>;
  oddPages?: Partial<HeaderFooterModel>;
  values?: unknown[][];
}

export function worksheet(spec: WorksheetSpec, n: number): WorksheetModel {
  return {
    id: `{00000000-0001-0000-${String(n).padStart(4, "0")}-000000000000}`,
    name: spec.name ?? `Sheet${n}`,
    visibility: "Visible",
    headersFooters: {
      state: spec.state ?? "Default",
      useSheetMargins: true,
      useSheetScale: true,
      defaultForAllPages: { ...emptyHeaderFooter(), ...spec.headerFooter },
      firstPage: { ...emptyHeaderFooter(), ...spec.firstPage },
      evenPages: { ...emptyHeaderFooter(), ...spec.evenPages },
      oddPages: { ...emptyHeaderFooter(), ...spec.oddPages },
    },
    values: (spec.values ?? []).map((row) => [...row]),
    deleted: false,
  };
}

export interface WorkbookSpec {
  sheets?: WorksheetSpec[];
  properties?: Record<string, string | number | boolean | Date>;
  truncateStringsAt?: number | null;
}

export function workbook(spec: WorkbookSpec = {}): WorkbookModel {
  const sheets = (spec.sheets ?? [{}]).map((s, i) => worksheet(s, i + 1));
  return {
    worksheets: sheets,
    properties: propertiesFrom(spec.properties),
    truncateStringsAt: spec.truncateStringsAt === undefined ? 255 : spec.truncateStringsAt,
    nextSheetNumber: sheets.length + 1,
    addedHandlers: [],
  };
}

/** Characters Excel stores for one page type's header plus footer: each non-empty section with its &L/&C/&R code. */
export function storedLength(hf: HeaderFooterModel): number {
  return HEADER_FOOTER_FIELDS.reduce((n, f) => n + (hf[f] === "" ? 0 : 2 + hf[f].length), 0);
}

export function propertyMap(book: WorkbookModel): Record<string, string> {
  return propertyMapOf(book);
}
