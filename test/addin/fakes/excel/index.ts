/**
 * A fake Excel host: `Excel.run` over an in-memory workbook with office.js batching rules, and the
 * user actions tests need (adding or copying a sheet raises `worksheets.onAdded`).
 *
 *   const excel = createFakeExcel({ sheets: [{ headerFooter: { centerHeader: "Budget" } }] });
 *   globalThis.Excel = excel.Excel as unknown as typeof Excel;
 */
import { FakeHostRuntime, runBatch } from "../document/runtime";
import { type WorkbookModel, type WorkbookSpec, type WorksheetModel, workbook } from "./model";
import { ExcelRequestContext, addWorksheetModel, notifyAdded } from "./proxies";

export * from "./model";
export { ExcelRequestContext } from "./proxies";

export interface FakeExcel {
  /** Assign to `globalThis.Excel`. */
  Excel: {
    run: (...args: unknown[]) => Promise<unknown>;
    RequestContext: new () => ExcelRequestContext;
    HeaderFooterState: {
      default: "Default";
      firstAndDefault: "FirstAndDefault";
      oddAndEven: "OddAndEven";
      firstOddAndEven: "FirstOddAndEven";
    };
    EventSource: { local: "Local"; remote: "Remote" };
  };
  model: WorkbookModel;
  runtime: FakeHostRuntime;
  /** The person adds a sheet (Excel raises onAdded to every registered handler). */
  userAddsWorksheet(name?: string): WorksheetModel;
  /** The person copies a sheet: headers/footers and cells come along. */
  userCopiesWorksheet(source: WorksheetModel, name?: string): WorksheetModel;
}

export function createFakeExcel(spec: WorkbookSpec | WorkbookModel = {}): FakeExcel {
  const model = "addedHandlers" in spec ? spec : workbook(spec);
  const runtime = new FakeHostRuntime();
  const makeContext = () => new ExcelRequestContext(runtime, model);
  const userAdds = (name?: string, copyOf?: WorksheetModel): WorksheetModel => {
    const sheet = addWorksheetModel(model, name, copyOf);
    notifyAdded(runtime, model, sheet);
    return sheet;
  };
  return {
    Excel: {
      run: (...args: unknown[]) => runBatch(runtime, makeContext, args),
      RequestContext: class extends ExcelRequestContext {
        constructor() {
          super(runtime, model);
        }
      },
      HeaderFooterState: {
        default: "Default",
        firstAndDefault: "FirstAndDefault",
        oddAndEven: "OddAndEven",
        firstOddAndEven: "FirstOddAndEven",
      },
      EventSource: { local: "Local", remote: "Remote" },
    },
    model,
    runtime,
    userAddsWorksheet: (name) => userAdds(name),
    userCopiesWorksheet: (source, name) => userAdds(name, source),
  };
}
