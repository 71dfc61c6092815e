/**
 * The fake Excel host keeps office.js's rules: nested loads, PropertyNotLoaded, null used ranges,
 * Excel's 255-character header/footer limit, event handlers registered only by a sync.
 */
import { createFakeExcel, type FakeExcel } from "./fakes/excel";

type Ctx = Excel.RequestContext;
let excel: FakeExcel;
const run = <T>(batch: (context: Ctx) => Promise<T>): Promise<T> =>
  (excel.Excel.run as (b: (c: Ctx) => Promise<T>) => Promise<T>)(batch);

beforeEach(() => {
  excel = createFakeExcel({
    sheets: [
      {
        name: "Budget",
        headerFooter: { centerHeader: "&BBudget" },
        values: [
          ["", ""],
          ["", 42],
        ],
      },
      { name: "Empty" },
    ],
    properties: { Department: "Finance" },
  });
});

it("loads nested header/footer texts for every sheet in one round trip and hides the rest", async () => {
  await run(async (context) => {
    const sheets = context.workbook.worksheets.load({
      name: true,
      pageLayout: { headersFooters: { defaultForAllPages: { centerHeader: true } } },
    });
    await context.sync();
    expect(sheets.items.map((s) => s.pageLayout.headersFooters.defaultForAllPages.centerHeader)).toEqual([
      "&BBudget",
      "",
    ]);
    expect(() => sheets.items[0].pageLayout.headersFooters.defaultForAllPages.centerFooter).toThrow(
      expect.objectContaining({ code: "PropertyNotLoaded" }),
    );
    expect(() => sheets.items[0].id).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
  });
  expect(excel.runtime.stats.roundTrips).toBe(1);
});

it("returns a null used range for an empty sheet and the bounding box otherwise", async () => {
  await run(async (context) => {
    const sheets = context.workbook.worksheets;
    const used = sheets.getItem("Budget").getUsedRangeOrNullObject(true).load("address,values");
    const empty = sheets.getItem("Empty").getUsedRangeOrNullObject(true).load("address");
    await context.sync();
    expect(empty.isNullObject).toBe(true);
    expect(used.address).toBe("Budget!B2");
    expect(used.values).toEqual([[42]]);
  });
});

it("refuses a header and footer beyond 255 characters", async () => {
  await expect(
    run(async (context) => {
      context.workbook.worksheets.getItem(
        "Budget",
      ).pageLayout.headersFooters.defaultForAllPages.centerFooter = "x".repeat(250);
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidArgument" });
  expect(excel.model.worksheets[0].headersFooters.defaultForAllPages.centerFooter).toBe("");
});

it("registers onAdded only when synced, delivers events asynchronously, and removes the handler", async () => {
  const seen: string[] = [];
  const registration = await run(async (context) => {
    const r = context.workbook.worksheets.onAdded.add(async (e) => {
      seen.push(e.worksheetId);
    });
    excel.userAddsWorksheet("Before sync");
    await excel.runtime.settleEvents();
    expect(seen).toEqual([]);
    await context.sync();
    return r;
  });
  const added = excel.userAddsWorksheet("After");
  expect(seen).toEqual([]);
  await excel.runtime.settleEvents();
  expect(seen).toEqual([added.id]);
  await (excel.Excel.run as (c: unknown, b: (c: Ctx) => Promise<void>) => Promise<void>)(
    registration.context,
    async (context) => {
      registration.remove();
      await context.sync();
    },
  );
  excel.userAddsWorksheet("Removed");
  await excel.runtime.settleEvents();
  expect(seen).toHaveLength(1);
});

it("finds worksheets by name ignoring case, or by id", async () => {
  await run(async (context) => {
    const byName = context.workbook.worksheets.getItem("budget").load("id");
    await context.sync();
    const byId = context.workbook.worksheets.getItem(byName.id).load("name");
    const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
    await context.sync();
    expect(byId.name).toBe("Budget");
    expect(missing.isNullObject).toBe(true);
  });
});
