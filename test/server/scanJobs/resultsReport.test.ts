/**
 * The results report's check (src/server/scanJobs/resultsReport.ts): what a node sends is taken as
 * sent when right, and refused with a 400 naming every wrong field when not, before anything is stored.
 */
import { parseResultsReport } from "../../../src/server/scanJobs/resultsReport";
import { HttpError } from "../../../src/server/errors";
import { scanned } from "./support";

function refusal(body: unknown): HttpError {
  try {
    parseResultsReport(body);
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error("the report was taken");
}

test("a right report is taken as sent, its rows' other fields kept and its audit events completed", () => {
  const event = {
    id: "evt-0001-abcd",
    type: "scan-result",
    time: "2026-12-06T03:00:00Z",
    app: "Scanner",
    actionSource: "scanner",
    details: { path: "/srv/a.txt" },
  };
  const row = scanned("/srv/a.txt", 10, { reason: "card found", audit: [event] });
  const report = parseResultsReport({ claim: 2, results: [row], done: true });
  expect(report.results[0].row).toMatchObject({ reason: "card found", labels: [] });
  expect(report.results[0].row!.audit[0]).toMatchObject({ ...event, downgrade: false, labelId: null });
});

test("a wrong report is refused with the path of each mistake, and nothing was stored", () => {
  const good = scanned("/srv/a.txt");
  const err = refusal({
    claim: 0,
    results: [
      { ...good, size: -1, extra: true },
      { ...good, row: { ...good.row, path: "/srv/other.txt", action: "" } },
      { path: "/srv/c.txt", outcome: "unchanged", size: 1, mtimeMs: null, hash: "h", row: null },
      { ...good, row: { ...good.row, audit: [{ id: "x" }] } },
    ],
  });
  expect(err.statusCode).toBe(400);
  expect(err.code).toBe("invalid-results");
  expect(err.message).toMatch(
    /^claim: Number must be greater than or equal to 1 \(and \d+ more\); nothing was stored$/,
  );
  const paths = (err.details.issues as Array<{ path: string }>).map((i) => i.path);
  expect(paths).toEqual(
    expect.arrayContaining([
      "claim",
      "done",
      "results[0]",
      "results[0].size",
      "results[1].row.action",
      "results[1].row",
      "results[2].hash",
      "results[3].row.audit[0].id",
    ]),
  );
  expect(refusal([]).message).toMatch(/^\(root\): Expected object, received array/);
  expect(refusal({ claim: 1, done: true, results: new Array(1001).fill(good) }).message).toMatch(
    /^results: Array must contain at most 1000 element\(s\)/,
  );
});
