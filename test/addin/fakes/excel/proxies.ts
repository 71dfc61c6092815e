/**
 * Excel's proxy objects over the fake workbook: workbook, worksheets (with `onAdded`), page layout
 * headers/footers, ranges (used range, by indexes) and custom properties, with office.js load/sync
 * semantics from ../document/runtime.
 */
import { FakeCustomPropertyCollection } from "../document/customProperties";
import {
  type AnyClientObject,
  FakeClientObject,
  FakeClientResult,
  FakeCollection,
  FakeOfficeError,
  FakeRequestContext,
  type Schema,
} from "../document/runtime";
import {
  HEADER_FOOTER_FIELDS,
  HEADER_FOOTER_GROUPS,
  HEADER_FOOTER_STATES,
  type HeaderFooterField,
  type HeaderFooterGroupModel,
  type HeaderFooterGroupName,
  type HeaderFooterModel,
  type HeaderFooterState,
  type WorkbookModel,
  type WorksheetAddedEvent,
  type WorksheetModel,
  storedLength,
  worksheet,
} from "./model";

const EXCEL_HEADER_FOOTER_LIMIT = 255;

export class ExcelRequestContext extends FakeRequestContext {
  private workbookProxy: FakeWorkbook | null = null;
  constructor(
    runtime: FakeRequestContext["runtime"],
    readonly model: WorkbookModel,
  ) {
    super(runtime);
  }
  /** The root object is valid in every batch that uses this context. */
  get workbook(): FakeWorkbook {
    if (!this.workbookProxy || this.workbookProxy.generation !== this.generation) {
      this.workbookProxy = new FakeWorkbook(this, () => this.model);
    }
    return this.workbookProxy;
  }
}

function book(o: AnyClientObject): WorkbookModel {
  return (o.context as ExcelRequestContext).model;
}

// ---------------------------------------------------------------------------------------------

function headerFooterSchema(): Schema<HeaderFooterModel> {
  const schema: Schema<HeaderFooterModel> = {};
  for (const field of HEADER_FOOTER_FIELDS) {
    schema[field] = {
      get: (m) => m[field],
      set: (m, v) => {
        const next = { ...m, [field]: String(v) };
        const length = storedLength(next);
        if (length > EXCEL_HEADER_FOOTER_LIMIT) {
          throw new FakeOfficeError(
            "InvalidArgument",
            `Excel.HeaderFooter.${field}=: header and footer would be ${length} characters; the limit is ${EXCEL_HEADER_FOOTER_LIMIT}`,
            `Excel.HeaderFooter.${field}=`,
          );
        }
        m[field] = String(v);
      },
    };
  }
  return schema;
}
const HEADER_FOOTER_SCHEMA = headerFooterSchema();

export class FakeHeaderFooter extends FakeClientObject<HeaderFooterModel> {
  protected override get typeName(): string {
    return "Excel.HeaderFooter";
  }
  protected get schema(): Schema<HeaderFooterModel> {
    return HEADER_FOOTER_SCHEMA;
  }
  private field(name: HeaderFooterField): string {
    return this.readScalar(name);
  }
  get leftHeader(): string {
    return this.field("leftHeader");
  }
  set leftHeader(v: string) {
    this.writeScalar("leftHeader", v);
  }
  get centerHeader(): string {
    return this.field("centerHeader");
  }
  set centerHeader(v: string) {
    this.writeScalar("centerHeader", v);
  }
  get rightHeader(): string {
    return this.field("rightHeader");
  }
  set rightHeader(v: string) {
    this.writeScalar("rightHeader", v);
  }
  get leftFooter(): string {
    return this.field("leftFooter");
  }
  set leftFooter(v: string) {
    this.writeScalar("leftFooter", v);
  }
  get centerFooter(): string {
    return this.field("centerFooter");
  }
  set centerFooter(v: string) {
    this.writeScalar("centerFooter", v);
  }
  get rightFooter(): string {
    return this.field("rightFooter");
  }
  set rightFooter(v: string) {
    this.writeScalar("rightFooter", v);
  }
}

const GROUP_SCHEMA: Schema<HeaderFooterGroupModel> = {
  state: {
    get: (m) => m.state,
    set: (m, v) => {
      if (!HEADER_FOOTER_STATES.includes(v as HeaderFooterState)) {
        throw new FakeOfficeError(
          "InvalidArgument",
          `Excel.HeaderFooterGroup.state=: ${String(v)} is not a state`,
        );
      }
      m.state = v as HeaderFooterState;
    },
  },
  useSheetMargins: { get: (m) => m.useSheetMargins, set: (m, v) => (m.useSheetMargins = Boolean(v)) },
  useSheetScale: { get: (m) => m.useSheetScale, set: (m, v) => (m.useSheetScale = Boolean(v)) },
};

export class FakeHeaderFooterGroup extends FakeClientObject<HeaderFooterGroupModel> {
  protected override get typeName(): string {
    return "Excel.HeaderFooterGroup";
  }
  protected get schema(): Schema<HeaderFooterGroupModel> {
    return GROUP_SCHEMA;
  }
  get state(): HeaderFooterState {
    return this.readScalar("state");
  }
  set state(v: HeaderFooterState) {
    this.writeScalar("state", v);
  }
  get useSheetMargins(): boolean {
    return this.readScalar("useSheetMargins");
  }
  get useSheetScale(): boolean {
    return this.readScalar("useSheetScale");
  }
  private group(name: HeaderFooterGroupName): FakeHeaderFooter {
    return this.nav(
      name,
      () => new FakeHeaderFooter(this.context, () => this.tryResolve()?.[name] ?? null, false, this),
    );
  }
  get defaultForAllPages(): FakeHeaderFooter {
    return this.group("defaultForAllPages");
  }
  get firstPage(): FakeHeaderFooter {
    return this.group("firstPage");
  }
  get evenPages(): FakeHeaderFooter {
    return this.group("evenPages");
  }
  get oddPages(): FakeHeaderFooter {
    return this.group("oddPages");
  }
  protected override navigation(name: string): AnyClientObject | null {
    return (HEADER_FOOTER_GROUPS as readonly string[]).includes(name)
      ? this.group(name as HeaderFooterGroupName)
      : null;
  }
}

export class FakePageLayout extends FakeClientObject<WorksheetModel> {
  protected override get typeName(): string {
    return "Excel.PageLayout";
  }
  protected get schema(): Schema<WorksheetModel> {
    return {};
  }
  get headersFooters(): FakeHeaderFooterGroup {
    return this.nav(
      "headersFooters",
      () =>
        new FakeHeaderFooterGroup(this.context, () => this.tryResolve()?.headersFooters ?? null, false, this),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    return name === "headersFooters" ? this.headersFooters : null;
  }
}

// ---------------------------------------------------------------------------------------------

interface RangeModel {
  sheet: WorksheetModel;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

function columnName(index: number): string {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

function cell(sheet: WorksheetModel, r: number, c: number): unknown {
  return sheet.values[r]?.[c] ?? "";
}

const RANGE_SCHEMA: Schema<RangeModel> = {
  address: {
    get: (m) =>
      `${m.sheet.name}!${columnName(m.column)}${m.row + 1}` +
      (m.rowCount === 1 && m.columnCount === 1
        ? ""
        : `:${columnName(m.column + m.columnCount - 1)}${m.row + m.rowCount}`),
  },
  rowIndex: { get: (m) => m.row },
  columnIndex: { get: (m) => m.column },
  rowCount: { get: (m) => m.rowCount },
  columnCount: { get: (m) => m.columnCount },
  values: {
    get: (m) =>
      Array.from({ length: m.rowCount }, (_, r) =>
        Array.from({ length: m.columnCount }, (_, c) => cell(m.sheet, m.row + r, m.column + c)),
      ),
  },
  text: {
    get: (m) =>
      Array.from({ length: m.rowCount }, (_, r) =>
        Array.from({ length: m.columnCount }, (_, c) => String(cell(m.sheet, m.row + r, m.column + c))),
      ),
  },
};

export class FakeRange extends FakeClientObject<RangeModel> {
  protected override get typeName(): string {
    return "Excel.Range";
  }
  protected get schema(): Schema<RangeModel> {
    return RANGE_SCHEMA;
  }
  get address(): string {
    return this.readScalar("address");
  }
  get rowIndex(): number {
    return this.readScalar("rowIndex");
  }
  get columnIndex(): number {
    return this.readScalar("columnIndex");
  }
  get rowCount(): number {
    return this.readScalar("rowCount");
  }
  get columnCount(): number {
    return this.readScalar("columnCount");
  }
  get values(): unknown[][] {
    return this.readScalar("values");
  }
  get text(): string[][] {
    return this.readScalar("text");
  }
}

/** The smallest rectangle holding every non-empty cell, or null. */
function usedRange(sheet: WorksheetModel): RangeModel | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  sheet.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === "" || v === null || v === undefined) return;
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }),
  );
  if (bottom < 0) return null;
  return { sheet, row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
}

// ---------------------------------------------------------------------------------------------

const WORKSHEET_SCHEMA: Schema<WorksheetModel> = {
  id: { get: (m) => m.id },
  name: { get: (m) => m.name, set: (m, v) => (m.name = String(v)) },
  visibility: { get: (m) => m.visibility },
};

export class FakeWorksheet extends FakeClientObject<WorksheetModel> {
  protected override get typeName(): string {
    return "Excel.Worksheet";
  }
  protected get schema(): Schema<WorksheetModel> {
    return WORKSHEET_SCHEMA;
  }
  get id(): string {
    return this.readScalar("id");
  }
  get name(): string {
    return this.readScalar("name");
  }
  set name(v: string) {
    this.writeScalar("name", v);
  }
  get visibility(): string {
    return this.readScalar("visibility");
  }
  get pageLayout(): FakePageLayout {
    return this.nav(
      "pageLayout",
      () => new FakePageLayout(this.context, () => this.tryResolve(), false, this),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    return name === "pageLayout" ? this.pageLayout : null;
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const s = this.tryResolve();
        return s ? usedRange(s) : null;
      },
      true,
      this,
    );
  }
  getUsedRange(_valuesOnly?: boolean): FakeRange {
    // An empty sheet's used range is A1 in Excel.
    return new FakeRange(
      this.context,
      () => {
        const s = this.tryResolve();
        return s ? (usedRange(s) ?? { sheet: s, row: 0, column: 0, rowCount: 1, columnCount: 1 }) : null;
      },
      false,
      this,
    );
  }
  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): FakeRange {
    if (row < 0 || column < 0 || rowCount < 1 || columnCount < 1) {
      throw new FakeOfficeError(
        "InvalidArgument",
        "Excel.Worksheet.getRangeByIndexes: the range is empty or negative",
      );
    }
    return new FakeRange(
      this.context,
      () => {
        const s = this.tryResolve();
        return s ? { sheet: s, row, column, rowCount, columnCount } : null;
      },
      false,
      this,
    );
  }
}

/** `OfficeExtension.EventHandlerResult`: removal takes effect at the next sync. */
export class FakeEventHandlerResult {
  constructor(
    readonly context: ExcelRequestContext,
    private readonly onRemove: () => void,
  ) {}
  remove(): void {
    this.context.enqueue(this.context.workbook, "Excel.EventHandlers.remove", this.onRemove);
  }
}

export class FakeWorksheetAddedEvents {
  constructor(private readonly owner: FakeWorksheetCollection) {}
  add(handler: (event: WorksheetAddedEvent) => Promise<unknown>): FakeEventHandlerResult {
    const context = this.owner.context as ExcelRequestContext;
    const model = context.model;
    context.enqueue(this.owner, "Excel.WorksheetCollection.onAdded.add", () => {
      model.addedHandlers.push(handler);
    });
    return new FakeEventHandlerResult(context, () => {
      const at = model.addedHandlers.indexOf(handler);
      if (at >= 0) model.addedHandlers.splice(at, 1);
    });
  }
}

function findSheet(model: WorkbookModel, key: string): WorksheetModel | null {
  const lower = key.toLowerCase();
  return model.worksheets.find((s) => s.id === key || s.name.toLowerCase() === lower) ?? null;
}

export class FakeWorksheetCollection extends FakeCollection<WorksheetModel, FakeWorksheet> {
  readonly onAdded = new FakeWorksheetAddedEvents(this);
  protected override get typeName(): string {
    return "Excel.WorksheetCollection";
  }
  protected makeItem(m: WorksheetModel): FakeWorksheet {
    return new FakeWorksheet(this.context, () => (m.deleted ? null : m), false, this);
  }
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => findSheet(book(this), key), false, this);
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => findSheet(book(this), key), true, this);
  }
  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.call("getCount", (sheets) => result.resolveAtCommit(this.context, sheets.length));
    return result;
  }
  /** Adding through the API raises onAdded too, as in Excel. */
  add(name?: string): FakeWorksheet {
    let created: WorksheetModel | null = null;
    const runtime = this.context.runtime;
    this.call("add", () => {
      const model = book(this);
      created = addWorksheetModel(model, name);
      notifyAdded(runtime, model, created);
    });
    return new FakeWorksheet(this.context, () => created, false, this);
  }
}

export function addWorksheetModel(
  model: WorkbookModel,
  name?: string,
  copyOf?: WorksheetModel,
): WorksheetModel {
  const n = model.nextSheetNumber++;
  const sheet = worksheet({ name: name ?? `Sheet${n}` }, n);
  if (findSheet(model, sheet.name))
    throw new FakeOfficeError("ItemAlreadyExists", `A worksheet named ${sheet.name} exists`);
  if (copyOf) {
    sheet.headersFooters = JSON.parse(JSON.stringify(copyOf.headersFooters)) as HeaderFooterGroupModel;
    sheet.values = copyOf.values.map((row) => [...row]);
  }
  model.worksheets.push(sheet);
  return sheet;
}

export function notifyAdded(
  runtime: FakeRequestContext["runtime"],
  model: WorkbookModel,
  sheet: WorksheetModel,
): void {
  for (const handler of [...model.addedHandlers]) {
    runtime.deliver(() => handler({ worksheetId: sheet.id, type: "WorksheetAdded", source: "Local" }));
  }
}

export class FakeWorkbookProperties extends FakeClientObject<WorkbookModel> {
  protected override get typeName(): string {
    return "Excel.DocumentProperties";
  }
  protected get schema(): Schema<WorkbookModel> {
    return {};
  }
  get custom(): FakeCustomPropertyCollection {
    return this.nav(
      "custom",
      () => new FakeCustomPropertyCollection(this.context, () => book(this), this, "Excel"),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    return name === "custom" ? this.custom : null;
  }
}

export class FakeWorkbook extends FakeClientObject<WorkbookModel> {
  protected override get typeName(): string {
    return "Excel.Workbook";
  }
  protected get schema(): Schema<WorkbookModel> {
    return {};
  }
  get properties(): FakeWorkbookProperties {
    return this.nav(
      "properties",
      () => new FakeWorkbookProperties(this.context, () => this.tryResolve(), false, this),
    );
  }
  get worksheets(): FakeWorksheetCollection {
    return this.nav(
      "worksheets",
      () =>
        new FakeWorksheetCollection(this.context, () => this.tryResolve()?.worksheets ?? null, false, this),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    if (name === "properties") return this.properties;
    if (name === "worksheets") return this.worksheets;
    return null;
  }
}
