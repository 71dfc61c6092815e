/**
 * GET /api/v1/reports/console over real HTTP on SQLite and PostgreSQL: the figures each chart draws,
 * the label filter with sublabels, the group filter by the groups each event's token carried, scan
 * results counted once per file, and admin-only access.
 */
import { randomUUID } from "node:crypto";
import { DEFAULT_LABEL_IDS as L } from "../../src/core/policy";
import type { AuditEventInput } from "../../src/core/audit";
import type { Store } from "../../src/server/storage/store";
import type { ConsoleReport } from "../../src/contracts/adminApi";
import { ENGINES, type Engine } from "../server/support/engines";
import { startBackend, type Backend } from "./support/backend";

const CARD = "50842eb7-edc8-4019-85dd-5a5c1f2bb085";
const IBAN = "e7dc4711-11b7-4cb0-b88b-2c394a771f0e";

function ev(
  type: AuditEventInput["type"],
  day: string,
  extra: Partial<AuditEventInput> = {},
): AuditEventInput {
  return { id: randomUUID(), type, time: `${day}T10:00:00Z`, app: "Outlook", ...extra };
}

describe.each(ENGINES)("console reports on %s", (_name, factory) => {
  let engine: Engine;
  let store: Store;
  let backend: Backend;
  let admin: string;

  const report = async (query: string): Promise<ConsoleReport> => {
    const r = await backend.api(`/api/v1/reports/console?${query}`, admin);
    if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.json)}`);
    return r.json as ConsoleReport;
  };

  beforeAll(async () => {
    engine = await factory();
    store = engine.open();
    backend = await startBackend({}, store);
    admin = await backend.token("dana@contoso.com", { admin: true });
    const pilot = await backend.token("sam@contoso.com", { groups: ["Pilot", "Finance"] });
    const other = await backend.token("lee@contoso.com", { groups: ["Pilots"] });
    const nobody = await backend.token("kim@contoso.com");
    const scanner = await backend.token("scanner@contoso.com", { groups: ["Scanner"] });
    await backend.audit(pilot, [
      ev("label-applied", "2026-03-02", { labelId: L.general, actionSource: "default" }),
      ev("label-applied", "2026-03-02", { labelId: L.confidentialAllEmployees }),
      ev("label-changed", "2026-03-03", {
        labelId: L.public,
        oldLabelId: L.confidentialAllEmployees,
        downgrade: true,
        justification: { reason: "Previous label was incorrect" },
        itemName: "=HYPERLINK()",
      }),
      ev("send-blocked", "2026-03-03", { reason: "mandatory-label-missing" }),
      ev("recommendation-accepted", "2026-03-03", { labelId: L.confidentialAllEmployees }),
    ]);
    await backend.audit(other, [
      ev("label-applied", "2026-03-04", { labelId: L.general }),
      ev("recommendation-dismissed", "2026-03-04", { labelId: L.confidentialAllEmployees }),
      ev("label-removed", "2026-03-04", {
        oldLabelId: L.general,
        downgrade: true,
        justification: { reason: "Other", text: "wrong" },
      }),
    ]);
    await backend.audit(nobody, [
      ev("unlabeled-document", "2026-03-05", { app: "Word" }),
      ev("unlabeled-document", "2026-03-05", { app: "Excel" }),
      ev("send-blocked", "2026-03-05", { reason: "mandatory-label-missing" }),
      // Outside the period asked for below.
      ev("label-applied", "2026-02-01", { labelId: L.general }),
    ]);
    const scan = (path: string, day: string, infoTypes: unknown[]) =>
      ev("scan-result", day, {
        app: "Scanner",
        actionSource: "scanner",
        reason: "scan-reported",
        details: { path, folder: path.slice(0, path.lastIndexOf("/")), mode: "discover", infoTypes },
      });
    await backend.audit(scanner, [
      scan("//fs/finance/a.xlsx", "2026-03-01", [
        { sitId: CARD, name: "Credit Card Number", count: 3, confidence: 85 },
      ]),
      scan("//fs/finance/a.xlsx", "2026-03-06", [
        { sitId: CARD, name: "Credit Card Number", count: 4, confidence: 85 },
      ]),
      scan("//fs/finance/b.docx", "2026-03-06", [{ sitId: IBAN, name: "IBAN", count: 1, confidence: 85 }]),
      scan("//fs/hr/c.txt", "2026-03-06", []),
    ]);
  });

  afterAll(async () => {
    await backend?.close();
    await store?.close();
    await engine?.dispose();
  });

  test("every chart's figures for the period", async () => {
    const r = await report("from=2026-03-01&to=2026-03-07");
    expect(r.period).toEqual({ from: "2026-03-01", to: "2026-03-07" });
    expect(r.totals).toEqual({
      applied: 3,
      changed: 1,
      removed: 1,
      downgrades: 2,
      blockedSends: 2,
      recommendationsAccepted: 1,
      recommendationsDismissed: 1,
      unlabeled: 2,
      scannedFiles: 3,
    });
    expect(r.labelMix).toEqual([
      { labelId: L.general, labelName: "General", applied: 2, changed: 0, removed: 1 },
      {
        labelId: L.confidentialAllEmployees,
        labelName: "Confidential \\ All Employees",
        applied: 1,
        changed: 0,
        removed: 0,
      },
      { labelId: L.public, labelName: "Public", applied: 0, changed: 1, removed: 0 },
    ]);
    expect(r.downgrades.byReason).toEqual([
      { reason: "Other", count: 1 },
      { reason: "Previous label was incorrect", count: 1 },
    ]);
    expect(
      r.downgrades.recent.map((d) => [d.oldLabelName, d.labelName, d.reason, d.text, d.itemName]),
    ).toEqual([
      ["General", null, "Other", "wrong", null],
      ["Confidential \\ All Employees", "Public", "Previous label was incorrect", null, "=HYPERLINK()"],
    ]);
    expect(r.blockedSends.byReason).toEqual([{ reason: "mandatory-label-missing", count: 2 }]);
    expect(r.recommendations).toEqual([
      {
        labelId: L.confidentialAllEmployees,
        labelName: "Confidential \\ All Employees",
        accepted: 1,
        dismissed: 1,
      },
    ]);
    expect(r.unlabeled.byApp).toEqual([
      { app: "Excel", count: 1 },
      { app: "Word", count: 1 },
    ]);
    expect(r.scanner).toEqual({
      files: 3,
      filesWithFindings: 2,
      byInfoType: [
        { sitId: CARD, name: "Credit Card Number", files: 1, instances: 4 },
        { sitId: IBAN, name: "IBAN", files: 1, instances: 1 },
      ],
      byFolder: [{ folder: "//fs/finance", files: 2, instances: 5, byInfoType: { [CARD]: 1, [IBAN]: 1 } }],
      truncated: false,
    });
    expect(r.daily.filter((d) => d.day === "2026-03-03")).toEqual([
      { day: "2026-03-03", type: "downgrade", count: 1 },
      { day: "2026-03-03", type: "label-changed", count: 1 },
      { day: "2026-03-03", type: "recommendation-accepted", count: 1 },
      { day: "2026-03-03", type: "send-blocked", count: 1 },
    ]);
    expect(r.groups).toEqual(["Finance", "Pilot", "Pilots", "Scanner"]);
  });

  test("group filter: exactly that group, case-sensitive, no prefix matches", async () => {
    const pilot = await report("from=2026-03-01&to=2026-03-07&group=Pilot");
    expect(pilot.filters.group).toBe("Pilot");
    expect([
      pilot.totals.applied,
      pilot.totals.changed,
      pilot.totals.blockedSends,
      pilot.totals.removed,
    ]).toEqual([2, 1, 1, 0]);
    expect(pilot.totals.scannedFiles).toBe(0);
    const pilots = await report("from=2026-03-01&to=2026-03-07&group=Pilots");
    expect([pilots.totals.applied, pilots.totals.removed, pilots.totals.recommendationsDismissed]).toEqual([
      1, 1, 1,
    ]);
    const lower = await report("from=2026-03-01&to=2026-03-07&group=pilot");
    expect(lower.totals.applied).toBe(0);
    const quote = await report(`from=2026-03-01&to=2026-03-07&group=${encodeURIComponent('Pilot"')}`);
    expect(quote.totals.applied).toBe(0);
  });

  test("label filter: a parent includes its sublabels; old labels count too", async () => {
    const conf = await report(`from=2026-03-01&to=2026-03-07&labelId=${L.confidential}`);
    expect(conf.filters.labelIds).toEqual([
      L.confidential,
      L.confidentialAnyone,
      L.confidentialAllEmployees,
      L.confidentialTrustedPeople,
    ]);
    expect([conf.totals.applied, conf.totals.changed, conf.totals.downgrades]).toEqual([1, 1, 1]);
    expect(conf.recommendations.map((x) => [x.accepted, x.dismissed])).toEqual([[1, 1]]);
    const bad = await backend.api("/api/v1/reports/console?labelId=nope", admin);
    expect([bad.status, bad.json.code]).toEqual([400, "invalid-label"]);
  });

  test("admins only", async () => {
    const user = await backend.token("sam@contoso.com");
    expect((await backend.api("/api/v1/reports/console", user)).status).toBe(403);
    const anon = await fetch(`${backend.url}/api/v1/reports/console`);
    expect(anon.status).toBe(401);
  });
});
