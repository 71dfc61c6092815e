/** CSV bytes, report series and tables, scanner aggregation and the rollout checklist. */
import { csvCell, toCsv } from "../../src/admin/model/csv";
import { daysOf, seriesByDay, toWeeks, weekOf } from "../../src/admin/model/reportSeries";
import { activityTable, recentDowngradeTable, scannerFolderTable } from "../../src/admin/model/reportTables";
import { aggregateScanResults, folderOf } from "../../src/server/admin/scannerReport";
import { nextPhase, rolloutView } from "../../src/admin/model/rollout";
import { describePath, messageAt, ownerOf } from "../../src/admin/model/issues";
import { getAt, parsePath, setAt } from "../../src/admin/model/paths";
import { defaultTenantPolicy } from "../../src/core/policy";
import type { ConsoleReport } from "../../src/contracts/adminApi";

describe("CSV", () => {
  test("exact bytes: BOM, CRLF, RFC 4180 quoting", () => {
    expect(
      toCsv(
        ["Label", "Count"],
        [
          ["Confidential \\ All Employees", 3],
          ['say "hi", then', null],
        ],
      ),
    ).toBe('\uFEFFLabel,Count\r\nConfidential \\ All Employees,3\r\n"say ""hi"", then",\r\n');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" padded")).toBe('" padded"');
  });

  test("formula-looking text from users is defused; numbers are not", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1 555")).toBe("'+1 555");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell(Number.NaN)).toBe("");
  });
});

describe("report series", () => {
  test("every day present, ISO weeks from Monday", () => {
    expect(daysOf("2026-02-27", "2026-03-02")).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
    expect(weekOf("2026-03-01")).toBe("2026-02-23");
    expect(weekOf("2026-03-02")).toBe("2026-03-02");
    const s = seriesByDay(
      [
        { day: "2026-02-27", type: "label-applied", count: 2 },
        { day: "2026-03-02", type: "label-applied", count: 5 },
        { day: "2026-03-02", type: "send-blocked", count: 1 },
      ],
      ["label-applied"],
      "2026-02-27",
      "2026-03-02",
    );
    expect(s.values["label-applied"]).toEqual([2, 0, 0, 5]);
    expect(toWeeks(s)).toEqual({ labels: ["2026-02-23", "2026-03-02"], values: { "label-applied": [2, 5] } });
  });
});

function report(partial: Partial<ConsoleReport>): ConsoleReport {
  return {
    period: { from: "2026-03-01", to: "2026-03-03" },
    filters: { labelId: null, labelIds: [], group: null },
    totals: {
      applied: 0,
      changed: 0,
      removed: 0,
      downgrades: 0,
      blockedSends: 0,
      recommendationsAccepted: 0,
      recommendationsDismissed: 0,
      unlabeled: 0,
      scannedFiles: 0,
    },
    daily: [],
    labelMix: [],
    downgrades: { byReason: [], recent: [] },
    blockedSends: { byReason: [] },
    recommendations: [],
    unlabeled: { byApp: [] },
    scanner: { files: 0, filesWithFindings: 0, byInfoType: [], byFolder: [], truncated: false },
    groups: [],
    ...partial,
  };
}

describe("report tables", () => {
  test("activity: a row per day, none when nothing happened", () => {
    expect(activityTable(report({}), "day").rows).toEqual([]);
    const t = activityTable(
      report({ daily: [{ day: "2026-03-02", type: "label-changed", count: 4 }] }),
      "day",
    );
    expect(t).toEqual({
      header: ["Day", "Applied", "Changed", "Removed"],
      rows: [
        ["2026-03-01", 0, 0, 0],
        ["2026-03-02", 0, 4, 0],
        ["2026-03-03", 0, 0, 0],
      ],
    });
  });

  test("recent downgrades name labels and say when a label was removed", () => {
    const t = recentDowngradeTable(
      report({
        downgrades: {
          byReason: [],
          recent: [
            {
              eventId: "e1",
              time: "2026-03-02T09:00:00.000Z",
              userName: "sam@contoso.com",
              app: "Word",
              oldLabelId: "x",
              oldLabelName: "Confidential \\ All Employees",
              labelId: null,
              labelName: null,
              reason: null,
              text: "=cmd",
              itemName: "plan.docx",
            },
          ],
        },
      }),
    );
    expect(t.rows).toEqual([
      [
        "2026-03-02T09:00:00.000Z",
        "sam@contoso.com",
        "Word",
        "Confidential \\ All Employees",
        "(removed)",
        "(no reason given)",
        "=cmd",
        "plan.docx",
      ],
    ]);
    expect(toCsv(t.header, t.rows)).toContain(",'=cmd,plan.docx\r\n");
  });
});

describe("scanner aggregation", () => {
  const body = (path: string, infoTypes: unknown[], folder?: string) =>
    JSON.stringify({ type: "scan-result", details: { path, ...(folder ? { folder } : {}), infoTypes } });
  const card = { sitId: "50842eb7-edc8-4019-85dd-5a5c1f2bb085", name: "Credit Card Number", confidence: 85 };
  const iban = { sitId: "e7dc4711-11b7-4cb0-b88b-2c394a771f0e", name: "IBAN", confidence: 85 };

  test("each file once, by its newest result; per type and per folder", () => {
    const r = aggregateScanResults(
      [
        body("//fs/finance/a.xlsx", [{ ...card, count: 3 }], "//fs/finance"),
        body(
          "//fs/finance/b.docx",
          [
            { ...card, count: 1 },
            { ...iban, count: 2 },
          ],
          "//fs/finance",
        ),
        body("//fs/hr/c.txt", []),
        body("//fs/finance/a.xlsx", [{ ...card, count: 9 }], "//fs/finance"),
        "not json",
      ],
      100,
    );
    expect(r).toEqual({
      files: 3,
      filesWithFindings: 2,
      byInfoType: [
        { sitId: card.sitId, name: "Credit Card Number", files: 2, instances: 4 },
        { sitId: iban.sitId, name: "IBAN", files: 1, instances: 2 },
      ],
      byFolder: [
        { folder: "//fs/finance", files: 2, instances: 6, byInfoType: { [card.sitId]: 2, [iban.sitId]: 1 } },
      ],
      truncated: false,
    });
    expect(scannerFolderTable(report({ scanner: r })).rows).toEqual([["//fs/finance", 2, 6, 2, 1]]);
  });

  test("more than the limit: the newest are counted and the report says so", () => {
    const bodies = [1, 2, 3].map((i) => body(`/s/${i}.txt`, [{ ...card, count: 1 }]));
    const r = aggregateScanResults(bodies, 2);
    expect([r.files, r.truncated]).toEqual([2, true]);
    expect(folderOf("\\\\fs\\share\\x.docx")).toBe("\\\\fs\\share");
    expect(folderOf("x.docx")).toBe(".");
  });
});

describe("rollout", () => {
  test("a fresh install: define is not done, pilot steps open, enforce is next", () => {
    const view = rolloutView(defaultTenantPolicy(), { scannedFiles: 0, labelEvents: 0, blockedSends: 0 });
    const define = view.find((p) => p.phase === "define")!;
    expect(define.checklist.map((c) => [c.text, c.done])).toEqual([
      ["Labels renamed and tooltips written in your own words", false],
      ["Recommended or automatic conditions on the labels that need them", true],
      ["A pilot policy scoped to a group", false],
    ]);
    expect(view.find((p) => p.phase === "advance")!.policies).toEqual([
      { id: defaultTenantPolicy().policies[0].id, name: "Default policy", priority: 0, scope: "Everyone" },
    ]);
    expect(nextPhase(defaultTenantPolicy())).toBe("enforce");
  });

  test("a piloted policy with mandatory labeling ticks the deploy and advance boxes", () => {
    const doc = defaultTenantPolicy();
    doc.labels[2].displayName = "Internal";
    doc.policies[0].phase = "define";
    doc.policies.push({
      ...doc.policies[0],
      id: "7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b",
      name: "Pilot",
      priority: 1,
      phase: "advance",
      scope: { everyone: false, groups: ["Pilot"], users: [] },
    });
    const view = rolloutView(doc, { scannedFiles: 12, labelEvents: 3, blockedSends: 1 });
    const done = (phase: string) => view.find((p) => p.phase === phase)!.checklist.map((c) => c.done);
    expect(done("discover")).toEqual([true, null]);
    expect(done("define")).toEqual([true, true, true]);
    expect(done("deploy")).toEqual([null, null, true, true]);
    expect(done("advance")).toEqual([true, true, true, true, true]);
    expect(done("enforce")).toEqual([null, false]);
    expect(view.find((p) => p.phase === "advance")!.policies[0].scope).toBe("groups Pilot");
  });
});

describe("issues at fields", () => {
  test("owner, exact field, and the path prefix marking messages carry", () => {
    expect(ownerOf("policies[2].settings.defaultMailLabel")).toEqual({ kind: "policy", index: 2 });
    expect(ownerOf("labels[0]")).toEqual({ kind: "label", index: 0 });
    expect(ownerOf("siteId")).toEqual({ kind: "tenant" });
    expect(ownerOf("labelMappings[1].pattern")).toEqual({ kind: "mapping", index: 1 });
    const issues = [
      {
        path: "labels[1].tooltip",
        rule: "schema.too_small",
        message: "a tooltip tells people when to use the label",
      },
      {
        path: "labels[1].marking.footer.text",
        rule: "unknown-variable",
        message: "labels[1].marking.footer.text: unknown variable ${X}",
      },
      { path: "labels[10].tooltip", rule: "schema.too_small", message: "other label" },
    ];
    expect(messageAt(issues, "labels[1].tooltip")).toBe("a tooltip tells people when to use the label");
    expect(messageAt(issues, "labels[1].marking.footer.text")).toBe("unknown variable ${X}");
    expect(messageAt(issues, "labels[1]", true)).toBe(
      "tooltip: a tooltip tells people when to use the label\nmarking.footer.text: unknown variable ${X}",
    );
    expect(messageAt(issues, "labels[1].name")).toBeUndefined();
    const doc = defaultTenantPolicy();
    expect(describePath("labels[2].tooltip", doc)).toBe("General › tooltip");
    expect(describePath("policies[0].settings.defaultMailLabel", doc)).toBe(
      "Default policy › settings.defaultMailLabel",
    );
    expect(describePath("policies[0]", doc)).toBe("Default policy");
    expect(describePath("labels[99].tooltip", doc)).toBe("labels[99].tooltip");
    expect(describePath("siteId", doc)).toBe("siteId");
    const mapped = {
      ...doc,
      labelMappings: [
        { type: "customProperty" as const, property: "Class", pattern: "(", labelId: doc.labels[0].id },
      ],
    };
    expect(describePath("labelMappings[0].pattern", mapped)).toBe("Label mapping 1 › pattern");
    expect(describePath("labelMappings[0]", mapped)).toBe("Label mapping 1");
    expect(describePath("labelMappings[3]", mapped)).toBe("labelMappings[3]");
  });

  test("paths read and write the field an issue names", () => {
    expect(parsePath("policies[2].settings.recipientRules[0].labelIds[1]")).toEqual([
      "policies",
      2,
      "settings",
      "recipientRules",
      0,
      "labelIds",
      1,
    ]);
    const doc = { a: [{ b: 1 }, { b: 2 }] };
    const next = setAt(doc, "a[1].b", 3);
    expect(next).toEqual({ a: [{ b: 1 }, { b: 3 }] });
    expect(doc.a[1].b).toBe(2);
    expect(next.a[0]).toBe(doc.a[0]);
    expect(getAt(next, "a[1].b")).toBe(3);
    expect(setAt({ x: { y: 1, z: 2 } }, "x.y", undefined)).toEqual({ x: { z: 2 } });
  });
});
