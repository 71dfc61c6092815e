import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { csvCell, csvReport } from "../../src/cli/report/csv";
import { htmlReport, jsonForScript } from "../../src/cli/report/html";
import { jsonReport, type ReportMeta } from "../../src/cli/report/json";
import { folderKey, summarize } from "../../src/cli/report/summary";
import { emptyRow, type ScanRow } from "../../src/cli/scan/row";
import { ProgressReporter, figures, formatDuration } from "../../src/cli/scan/progress";
import type { ScanProgress } from "../../src/cli/scan/engine";
import { L, SITE, cleanup, tempDir } from "./support/helpers";

const CC = { sitId: "50842eb7-edc8-4019-85dd-5a5c1f2bb085", name: "Credit Card Number" };
const IBAN = {
  sitId: "e7dc4711-11b7-4cb0-b88b-2c394a771f0e",
  name: "International Banking Account Number (IBAN)",
};

function rows(): ScanRow[] {
  const a: ScanRow = {
    ...emptyRow("/share/finance/2024/cards.xlsx", 15362, "xlsx"),
    labels: [
      {
        labelId: L.general,
        siteId: SITE,
        name: "General",
        displayName: "General",
        method: "Standard",
        location: "docProps/custom.xml",
        ours: true,
      },
      {
        labelId: "f42aa342-8706-4288-bd11-ebb85995028c",
        siteId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
        name: "Partner",
        displayName: null,
        method: "Standard",
        location: "docProps/custom.xml",
        ours: false,
      },
    ],
    infoTypes: [{ ...CC, count: 12, confidence: 85 }],
    proposed: {
      labelId: L.highlyConfidentialAllEmployees,
      displayName: "Highly Confidential \\ All Employees",
      mode: "automatic",
      condition: {
        sitId: CC.sitId,
        sitName: CC.name,
        count: 12,
        confidence: 85,
        minCount: 10,
        minConfidence: 85,
      },
    },
    reason: "automatic: Credit Card Number ×12 at confidence 85 (condition ≥ 10 at ≥ 85)",
    action: "relabeled",
  };
  a.currentLabel = a.labels[0];
  const b: ScanRow = {
    ...emptyRow('/share/hr/=cmd|"calc"!A1, "quoted".txt', 70, "txt"),
    infoTypes: [
      { ...CC, count: 2, confidence: 65 },
      { ...IBAN, count: 1, confidence: 85 },
    ],
    action: "not-labelable",
  };
  const c: ScanRow = {
    ...emptyRow("/share/hr/<img src=x onerror=alert(1)>.docx", 10, "docx"),
    action: "error",
    error: "encrypted or legacy binary Office file",
    errorCode: "encrypted",
  };
  const d: ScanRow = { ...emptyRow("/share/readme.md", 5, "md"), action: "reported" };
  return [a, b, c, d];
}

const meta: ReportMeta = {
  mode: "enforce",
  roots: ["/share"],
  startedAt: "2026-11-29T10:00:00.000Z",
  durationMs: 83_000,
  dryRun: false,
  policy: { siteId: SITE, tenantName: "Contoso", phase: "enforce" },
};

describe("CSV report", () => {
  test("the documented columns, one row per file, information types with counts and confidence", () => {
    const lines = csvReport(rows()).split("\r\n");
    expect(lines[0]).toBe(
      "path,size,type,current_label,current_label_id,current_label_method,current_label_location,original_label,mapped_label,mapped_label_id,label_notes,information_types,information_type_instances,proposed_label,proposed_label_id,proposed_mode,reason,action,error,warnings,links",
    );
    expect(lines[1]).toBe(
      `/share/finance/2024/cards.xlsx,15362,xlsx,General,${L.general},Standard,docProps/custom.xml,,,,"also Partner (tenant 72f988bf-86f1-41af-91ab-2d7cd011db47, docProps/custom.xml)",Credit Card Number: 12 (confidence 85),12,Highly Confidential \\ All Employees,${L.highlyConfidentialAllEmployees},automatic,automatic: Credit Card Number ×12 at confidence 85 (condition ≥ 10 at ≥ 85),relabeled,,,`,
    );
    expect(lines[2]).toBe(
      `"/share/hr/=cmd|""calc""!A1, ""quoted"".txt",70,txt,,,,,,,,,Credit Card Number: 2 (confidence 65); International Banking Account Number (IBAN): 1 (confidence 85),3,,,,,not-labelable,,,`,
    );
    expect(lines).toHaveLength(6); // header, 4 rows, trailing empty line
  });

  test("cells a spreadsheet would run as a formula are defused; line breaks are quoted", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(-5)).toBe("-5");
  });
});

describe("JSON report and summary", () => {
  test("run facts, the summary by type / label / folder, and every row without audit events", () => {
    const report = JSON.parse(jsonReport(rows(), meta)) as {
      summary: ReturnType<typeof summarize>;
      rows: ScanRow[];
      mode: string;
    };
    expect(report.mode).toBe("enforce");
    expect(report.rows).toHaveLength(4);
    expect(report.rows.every((r) => !("audit" in r))).toBe(true);
    expect(report.summary.byInfoType).toEqual([
      { ...CC, files: 2, instances: 14, highConfidenceFiles: 1 },
      { ...IBAN, files: 1, instances: 1, highConfidenceFiles: 1 },
    ]);
    expect(report.summary.byLabel).toEqual([
      { label: "Unlabeled", files: 3 },
      { label: "General", files: 1 },
    ]);
    // Most files with findings first, then most errors.
    expect(report.summary.byFolder.map((f) => [f.folder, f.files, f.filesWithFindings, f.errors])).toEqual([
      ["hr", 2, 1, 1],
      ["finance/2024", 1, 1, 0],
      [".", 1, 0, 0],
    ]);
    expect(report.summary.errors).toBe(1);
  });

  test("folders are relative to the scan root and cut at two levels", () => {
    expect(folderKey("/share/a/b/c/d.docx", ["/share"])).toBe("a/b");
    expect(folderKey("/share/x.docx", ["/share"])).toBe(".");
    // Several roots: each keeps its own name.
    expect(folderKey("/share/x.docx", ["/share", "/archive"])).toBe("share");
    expect(folderKey("/archive/2019/q1/x.docx", ["/share", "/archive"])).toBe("archive/2019");
    expect(folderKey("/elsewhere/x.docx", ["/share"])).toBe("/elsewhere");
  });
});

describe("HTML report", () => {
  test("self-contained: Chart.js inlined, every value escaped, chart data as inert JSON", () => {
    const html = htmlReport(rows(), meta);
    expect(html).toContain("Chart.js v4");
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("/share/hr/&lt;img src=x onerror=alert(1)&gt;.docx");
    expect(html).toContain('<canvas id="chart-types"');
    expect(html).toContain('<canvas id="chart-labels"');
    expect(html).toContain('<canvas id="chart-folders"');
    expect(jsonForScript({ a: "</script><!--" })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--"}');
  });

  test("in a browser, the three charts draw the summary (headless Chromium, no network)", async () => {
    const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
    if (!existsSync(executablePath))
      throw new Error(`Chromium is not at ${executablePath}; this test does not skip`);
    const dir = tempDir();
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
      ],
    });
    try {
      const file = join(dir, "report.html");
      writeFileSync(file, htmlReport(rows(), meta));
      const page = await browser.newPage();
      const outside: string[] = [];
      await page.route("**/*", (route) => {
        if (route.request().url().startsWith("file:")) return route.continue();
        outside.push(route.request().url());
        return route.abort();
      });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href);
      const charts = await page.evaluate(() => {
        const C = (
          window as unknown as {
            Chart: {
              getChart(id: string): {
                config: { type: string };
                data: { labels: string[]; datasets: Array<{ data: number[] }> };
              };
            };
          }
        ).Chart;
        return ["chart-types", "chart-labels", "chart-proposed", "chart-folders"].map((id) => {
          const c = C.getChart(id);
          return { id, type: c.config.type, labels: c.data.labels, data: c.data.datasets.map((d) => d.data) };
        });
      });
      expect(errors).toEqual([]);
      expect(outside).toEqual([]);
      expect(charts).toEqual([
        {
          id: "chart-types",
          type: "bar",
          labels: [CC.name, IBAN.name],
          data: [
            [2, 1],
            [1, 1],
          ],
        },
        { id: "chart-labels", type: "doughnut", labels: ["Unlabeled", "General"], data: [[3, 1]] },
        { id: "chart-proposed", type: "bar", labels: ["Highly Confidential \\ All Employees"], data: [[1]] },
        {
          id: "chart-folders",
          type: "bar",
          labels: ["hr", "finance/2024", "."],
          data: [
            [1, 1, 0],
            [2, 1, 1],
          ],
        },
      ]);
    } finally {
      await browser.close();
      cleanup(dir);
    }
  }, 60_000);
});

describe("progress", () => {
  const p = (o: Partial<ScanProgress>): ScanProgress => ({
    phase: "scanning",
    filesFound: 100,
    filesDone: 25,
    filesTotal: 100,
    bytesDone: 50 * 1024 * 1024,
    bytesTotal: 200 * 1024 * 1024,
    errors: 0,
    startedAt: 0,
    ...o,
  });

  test("MB/s and time left from bytes", () => {
    expect(figures(p({}), 0, 10_000)).toEqual({ fraction: 0.25, mbPerSecond: 5, etaMs: 30_000 });
    expect(formatDuration(3_725_000)).toBe("1h 02m");
    expect(formatDuration(192_000)).toBe("3m 12s");
  });

  test("on a terminal: a bar redrawn in place with counts, MB/s and ETA", () => {
    let out = "";
    let now = 0;
    const r = new ProgressReporter(
      { write: (t: string) => (out += t), isTTY: true, columns: 200 },
      () => now,
    );
    r.update(p({ phase: "finding", filesFound: 12345, filesDone: 0, bytesDone: 0 }));
    now = 50;
    r.update(p({ filesDone: 0, bytesDone: 0 })); // within 100 ms of the last draw: not drawn
    now = 10_050;
    r.update(p({ errors: 2 }));
    expect(out).toBe(
      "\r\x1b[2KFinding files… 12,345" +
        "\r\x1b[2K[██████░░░░░░░░░░░░░░░░░░]  25% 25/100 files  50 MB/200 MB  5.0 MB/s  ETA 30s  2 errors",
    );
  });

  test("not on a terminal: plain lines, at most one per interval, and a last one", () => {
    let out = "";
    let now = 0;
    const r = new ProgressReporter({ write: (t: string) => (out += t), isTTY: false }, () => now, 5000);
    r.update(p({ phase: "finding" }));
    r.update(p({ filesDone: 0, bytesDone: 0 }));
    now = 1000;
    r.update(p({}));
    now = 10_000;
    r.update(p({}));
    r.update(p({ phase: "done", filesDone: 100, bytesDone: 200 * 1024 * 1024 }));
    expect(out.split("\n")).toEqual([
      "scan: 0/100 files  0 B/200 MB  0.0 MB/s  ETA ? (0%)",
      "scan: 25/100 files  50 MB/200 MB  5.0 MB/s  ETA 30s (25%)",
      "scan: 100/100 files  200 MB/200 MB  20.0 MB/s  took 10s (100%)",
      "",
    ]);
  });
});
