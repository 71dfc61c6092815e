/**
 * The Excel adapter. The label lives in `MSIP_Label_*` custom properties (ExcelApi 1.7); markings
 * go into every worksheet's page-layout headers/footers (ExcelApi 1.9) in Excel's format codes
 * (excelMarking.ts). A sheet added later gets the marks through `worksheets.onAdded`.
 *
 * Round trips (counted by the tests through the fake host):
 * - readLabel: 1 sync (properties and every sheet's headers/footers; the onAdded registration rides
 *   along the first one).
 * - applyPlan within `maxSnapshotAgeMs` of readLabel: 1 sync (header/footer strings, stale keys
 *   removed, full key set, and the resulting state loaded for verification).
 *   Older or no snapshot: 1 read + 1 write. Excel has no way to append to a header: a write from
 *   an old read could overwrite what the author typed since, so an old read is not trusted.
 * - a sheet added by the person: 1 read + 1 write (when the label has marks).
 * - readText: 3 syncs (sheets, used-range sizes, bounded values).
 */
import type { LabelPlan } from "../../core/decide/types";
import {
  DocumentHost,
  type DocumentHostOptions,
  type DocumentLabelingHost,
  type DocumentSnapshot,
  type WriteOutcome,
} from "./documentHost";
import { propertiesMatch, propertyEntries, propertyUpdate, queuePropertyUpdate } from "./documentLabel";
import {
  HEADER_FOOTER_FIELDS,
  type HeaderFooterTexts,
  type HeaderFooterWrite,
  type SheetHeaders,
  planExcelMarking,
  planNewSheetMarking,
} from "./excelMarking";
import type { HostCapabilities } from "./types";
import { textMatchers } from "./foreignText";

export interface ExcelHostOptions extends DocumentHostOptions {
  /** Defaults to the global `Excel`. */
  excel?: typeof Excel;
  /** How long a read may be written from (default 5 s: the pane reads, decides, writes). */
  maxSnapshotAgeMs?: number;
  /**
   * Mark sheets the person adds (default true). The OnDocumentOpened runtime ends after its event,
   * so it turns this off; the task pane keeps it on.
   */
  watchNewSheets?: boolean;
  /** Called when marking a newly added sheet fails (the pane may log or show it). */
  onBackgroundError?: (error: unknown) => void;
}

export interface ExcelSnapshot extends DocumentSnapshot {
  sheets: SheetHeaders[];
}

const TEXTS = {
  leftHeader: true,
  centerHeader: true,
  rightHeader: true,
  leftFooter: true,
  centerFooter: true,
  rightFooter: true,
} as const;

/** Cells read for detection at most, whatever `maxChars` asks. */
const MAX_CELLS = 100_000;

function texts(hf: Excel.HeaderFooter): HeaderFooterTexts {
  const out = {} as HeaderFooterTexts;
  for (const field of HEADER_FOOTER_FIELDS) out[field] = hf[field] ?? "";
  return out;
}

function cellText(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

export class ExcelHost extends DocumentHost<ExcelSnapshot> implements DocumentLabelingHost {
  readonly kind = "Excel" as const;
  protected readonly maxSnapshotAgeMs: number;
  protected readonly labelApi = { set: "ExcelApi", version: "1.7" };
  private addedHandler: OfficeExtension.EventHandlerResult<Excel.WorksheetAddedEventArgs> | null = null;

  constructor(private readonly excelOptions: ExcelHostOptions = {}) {
    super(excelOptions);
    this.maxSnapshotAgeMs = excelOptions.maxSnapshotAgeMs ?? 5000;
  }

  private get excel(): typeof Excel {
    return this.excelOptions.excel ?? Excel;
  }

  async capabilities(): Promise<HostCapabilities> {
    const requirements = this.office.context.requirements;
    return {
      nativeLabels: false,
      canWriteLabel: requirements.isSetSupported("ExcelApi", "1.7") && !this.readOnly(),
      headerFooterMarking: requirements.isSetSupported("ExcelApi", "1.9"),
      watermark: false,
      subjectMarking: false,
      bodyMarkingOnSend: false,
      internetHeaders: false,
    };
  }

  private queueSnapshot(context: Excel.RequestContext): () => ExcelSnapshot {
    const properties = context.workbook.properties.custom.load("items/key,items/value");
    const sheets = context.workbook.worksheets.load({
      id: true,
      name: true,
      pageLayout: {
        headersFooters: {
          state: true,
          defaultForAllPages: TEXTS,
          firstPage: TEXTS,
          oddPages: TEXTS,
          evenPages: TEXTS,
        },
      },
    });
    return () => ({
      properties: propertyEntries(properties.items),
      sheets: sheets.items.map((s): SheetHeaders => {
        const group = s.pageLayout.headersFooters;
        return {
          id: s.id,
          name: s.name,
          state: String(group.state),
          groups: {
            defaultForAllPages: texts(group.defaultForAllPages),
            firstPage: texts(group.firstPage),
            oddPages: texts(group.oddPages),
            evenPages: texts(group.evenPages),
          },
        };
      }),
      takenAt: this.now(),
    });
  }

  protected async readSnapshot(): Promise<ExcelSnapshot> {
    return this.excel.run(async (context) => {
      const snapshot = this.queueSnapshot(context);
      const watch = this.excelOptions.watchNewSheets !== false && this.addedHandler === null;
      const registration = watch ? this.queueAddedHandler(context) : null;
      await context.sync();
      if (registration) this.addedHandler = registration;
      return snapshot();
    });
  }

  /** Registers for new sheets in the same batch as a read: no round trip of its own. */
  private queueAddedHandler(
    context: Excel.RequestContext,
  ): OfficeExtension.EventHandlerResult<Excel.WorksheetAddedEventArgs> {
    return context.workbook.worksheets.onAdded.add(async (event) => {
      try {
        await this.markNewWorksheet(event.worksheetId);
      } catch (error) {
        this.excelOptions.onBackgroundError?.(error);
      }
    });
  }

  private queueWrites(context: Excel.RequestContext, writes: readonly HeaderFooterWrite[]): void {
    const groups = new Map<string, Excel.HeaderFooterGroup>();
    for (const write of writes) {
      let group = groups.get(write.sheetId);
      if (!group) {
        group = context.workbook.worksheets.getItem(write.sheetId).pageLayout.headersFooters;
        groups.set(write.sheetId, group);
      }
      group[write.group][write.field] = write.value;
    }
  }

  protected async writePlan(snapshot: ExcelSnapshot, plan: LabelPlan): Promise<WriteOutcome<ExcelSnapshot>> {
    const marking = planExcelMarking(
      snapshot.sheets,
      plan.marking,
      textMatchers(plan.markingRemoval?.textPatterns ?? []),
    );
    const update = propertyUpdate(snapshot.properties, plan.siteId, plan, marking.contentBits);
    return this.excel.run(async (context) => {
      // Marks first: if the batch fails half way, the label keys still describe the old marks.
      this.queueWrites(context, marking.writes);
      queuePropertyUpdate(context.workbook.properties.custom, update);
      const after = this.queueSnapshot(context);
      await context.sync();
      const state = after();
      const before = snapshot.sheets.map((s) => s.id).join("\n");
      const needsRepair =
        state.sheets.map((s) => s.id).join("\n") !== before ||
        !propertiesMatch(state.properties, plan.siteId, update);
      return {
        result: { nativeLabelSet: false, contentBits: marking.contentBits, warnings: [...marking.warnings] },
        after: state,
        needsRepair,
      };
    });
  }

  /** A sheet the person added gets the marks the other sheets carry (copied sheets already have them). */
  async markNewWorksheet(worksheetId: string): Promise<void> {
    await this.excel.run(async (context) => {
      const read = this.queueSnapshot(context);
      await context.sync();
      const snapshot = read();
      const sheet = snapshot.sheets.find((s) => s.id === worksheetId);
      if (!sheet) return;
      const writes = planNewSheetMarking(
        sheet,
        snapshot.sheets.filter((s) => s.id !== worksheetId),
      );
      if (writes.length === 0) return;
      this.queueWrites(context, writes);
      await context.sync();
    });
    // The sheet list changed: the next label change reads afresh.
    this.snapshot = null;
  }

  override async dispose(): Promise<void> {
    const handler = this.addedHandler;
    if (!handler) return;
    this.addedHandler = null;
    await this.excel.run(handler.context, async (context) => {
      handler.remove();
      await context.sync();
    });
  }

  async readText(maxChars: number): Promise<string> {
    const limit = Math.max(0, Math.floor(maxChars));
    if (limit === 0) return "";
    return this.excel.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      const used = sheets.items.map((s) =>
        s.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"),
      );
      await context.sync();
      const nonEmpty = used.map((u, i) => ({ u, sheet: sheets.items[i] })).filter(({ u }) => !u.isNullObject);
      if (nonEmpty.length === 0) return "";
      // Every sheet gets an equal share of the cells, so one huge sheet cannot hide the others.
      const share = Math.max(1, Math.floor(Math.min(MAX_CELLS, Math.ceil(limit / 2)) / nonEmpty.length));
      const ranges = nonEmpty.map(({ u, sheet }) => {
        const columns = Math.min(u.columnCount, share);
        const rows = Math.min(u.rowCount, Math.max(1, Math.floor(share / columns)));
        return sheet.getRangeByIndexes(u.rowIndex, u.columnIndex, rows, columns).load("values");
      });
      await context.sync();
      // Each sheet gets an equal share of the characters too, for the same reason.
      const perSheet = Math.max(1, Math.floor(limit / ranges.length));
      const parts = ranges.map((range) => {
        let part = "";
        for (const row of range.values) {
          part += (part === "" ? "" : "\n") + row.map(cellText).join("\t");
          if (part.length >= perSheet) return part.slice(0, perSheet);
        }
        return part;
      });
      return parts.join("\n").slice(0, limit);
    });
  }
}
