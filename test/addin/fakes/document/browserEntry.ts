/**
 * The fake Word, Excel or PowerPoint host as a script that replaces office.js in the browser suites: the harness
 * routes https://appsforoffice.microsoft.com/lib/1/hosted/office.js here. Options come from
 * `window.__FAKE_DOCUMENT__` (set by an init script before the page loads, so JSON only); the fakes
 * are left on `window.__fakeDocument` and a plain view of the document on `window.__document()` for
 * page.evaluate. Same fakes as the jest suites: no Node APIs anywhere in them.
 */
import { createFakeExcel, type FakeExcel, type WorkbookSpec } from "../excel";
import {
  allLayouts,
  createFakePowerPoint,
  marksOn,
  type FakePowerPoint,
  type PresentationSpec,
} from "../powerpoint";
import {
  contentControlsOf,
  createFakeWord,
  shapeNames,
  storyText,
  type FakeWord,
  type FakeWordHostOptions,
  type HeaderFooterType,
  type WordDocumentSpec,
} from "../word";
import { propertyMapOf } from "./customProperties";
import { createFakeOffice, type FakeOffice, type FakeOfficeOptions } from "./office";
import type { SyncStats } from "./runtime";

export interface FakeDocumentOptions extends FakeOfficeOptions {
  host: "Word" | "Excel" | "PowerPoint";
  word?: WordDocumentSpec;
  /** The Word client's API levels (WordApiDesktop 1.2 for shapes). */
  wordHost?: FakeWordHostOptions;
  excel?: WorkbookSpec;
  powerpoint?: PresentationSpec;
}

/** What a test looks at, as plain JSON. */
export interface DocumentView {
  properties: Record<string, string>;
  /** Settings saved in the document (AutoShowTaskpaneWithDocument lives here). */
  settings: Record<string, unknown>;
  /** Word: every section's header/footer stories as text, and our marking controls by tag. */
  sections: Array<{
    headers: Record<HeaderFooterType, string[]>;
    footers: Record<HeaderFooterType, string[]>;
    marks: Array<{ tag: string; text: string }>;
    /** Shapes left in the headers and footers (Office's own label marks are such shapes). */
    shapes: string[];
  }>;
  /** Excel: every sheet's default header/footer strings (format codes included). */
  sheets: Array<{ name: string; centerHeader: string; centerFooter: string; leftHeader: string }>;
  /** PowerPoint: every slide layout's shape names, and its marking text boxes' texts. */
  layouts: Array<{ name: string; shapes: string[]; marks: string[] }>;
  stats: SyncStats;
}

declare global {
  interface Window {
    __FAKE_DOCUMENT__?: FakeDocumentOptions;
    __fakeDocument?: {
      office: FakeOffice;
      word: FakeWord | null;
      excel: FakeExcel | null;
      powerpoint: FakePowerPoint | null;
    };
    __document?: () => DocumentView;
  }
}

const TYPES: readonly HeaderFooterType[] = ["Primary", "FirstPage", "EvenPages"];

const options = window.__FAKE_DOCUMENT__ ?? { host: "Word" };
const office = createFakeOffice(options);
const word = options.host === "Word" ? createFakeWord(options.word ?? {}, options.wordHost ?? {}) : null;
const excel = options.host === "Excel" ? createFakeExcel(options.excel ?? {}) : null;
const powerpoint =
  options.host === "PowerPoint"
    ? createFakePowerPoint(options.powerpoint ?? {}, {
        powerPointApi: options.requirementSets?.PowerPointApi ?? "1.10",
      })
    : null;
const g = window as unknown as Record<string, unknown>;
g.Office = office.Office;
if (word) g.Word = word.Word;
if (excel) g.Excel = excel.Excel;
if (powerpoint) g.PowerPoint = powerpoint.PowerPoint;
window.__fakeDocument = { office, word, excel, powerpoint };

window.__document = () => {
  const store = word ? word.model : excel ? excel.model : powerpoint!.model;
  const stats = (word ?? excel ?? powerpoint)!.runtime.stats;
  return {
    properties: propertyMapOf(store),
    settings: JSON.parse(JSON.stringify(office.savedSettings)) as Record<string, unknown>,
    sections: (word?.model.sections ?? []).map((s) => {
      const stories = (set: typeof s.headers) =>
        Object.fromEntries(TYPES.map((t) => [t, storyText(set[t])])) as Record<HeaderFooterType, string[]>;
      return {
        headers: stories(s.headers),
        footers: stories(s.footers),
        marks: [...TYPES.map((t) => s.headers[t]), ...TYPES.map((t) => s.footers[t])]
          .flatMap(contentControlsOf)
          .map((c) => ({ tag: c.tag, text: c.children.map((p) => p.text).join("") })),
        shapes: [...TYPES.map((t) => s.headers[t]), ...TYPES.map((t) => s.footers[t])].flatMap(shapeNames),
      };
    }),
    sheets: (excel?.model.worksheets ?? [])
      .filter((w) => !w.deleted)
      .map((w) => ({
        name: w.name,
        leftHeader: w.headersFooters.defaultForAllPages.leftHeader,
        centerHeader: w.headersFooters.defaultForAllPages.centerHeader,
        centerFooter: w.headersFooters.defaultForAllPages.centerFooter,
      })),
    layouts: (powerpoint ? allLayouts(powerpoint.model) : [])
      .filter((l) => !l.deleted)
      .map((l) => ({
        name: l.name,
        shapes: l.shapes.filter((x) => !x.deleted).map((x) => x.name),
        marks: marksOn(l)
          .filter((x) => !x.deleted)
          .map((x) => x.text ?? ""),
      })),
    stats: { ...stats },
  };
};
