/** The protection view's tables (src/admin/model/protection.ts), from the draft and the usage report. */
import { defaultTenantPolicy, DEFAULT_LABEL_IDS as L } from "../../src/core/policy";
import type { ProtectionUsageReport } from "../../src/contracts/adminApi";
import {
  keyEventTable,
  keyEventsByDay,
  keyEventsByLabel,
  keysByKek,
  labelProtectionTable,
} from "../../src/admin/model/protection";

const FINANCE = "6c1f4a52-9d2e-4c1b-8a77-3f0e5d9b2a10";

function report(over: Partial<ProtectionUsageReport> = {}): ProtectionUsageReport {
  return {
    period: { from: "2026-12-01", to: "2026-12-05" },
    escrowConfigured: true,
    labels: [],
    superUsers: { users: [], groups: [] },
    totals: { keysKept: 0, keysRevoked: 0, escrowed: 0, released: 0, refused: 0, superUserGrants: 0 },
    daily: [],
    byLabel: [],
    superUserGrants: [],
    refusals: [],
    ...over,
  };
}

describe("protection tables", () => {
  it("names how every label protects, with a Labelbridge label's rights and the mail rule's template", () => {
    const labels = defaultTenantPolicy().labels.map((l) =>
      l.id === L.highlyConfidentialAllEmployees
        ? {
            ...l,
            protection: {
              kind: "labelbridge" as const,
              rightsGroups: [FINANCE],
              rightsUsers: ["cfo@contoso.com"],
              rightsTemplate: "Encrypt",
            },
          }
        : l,
    );
    const t = labelProtectionTable(labels);
    expect(t.header).toEqual(["Label", "Protected by", "Rights groups", "Rights users", "Mail rule applies"]);
    const row = (name: string) => t.rows.find((r) => r[0] === name);
    expect(row("Highly Confidential \\ All Employees")).toEqual([
      "Highly Confidential \\ All Employees",
      "Labelbridge (files at rest)",
      FINANCE,
      "cfo@contoso.com",
      "Encrypt",
    ]);
    expect(row("Highly Confidential \\ Specified People")).toEqual([
      "Highly Confidential \\ Specified People",
      "Microsoft Purview",
      "—",
      "—",
      "Office 365 Message Encryption",
    ]);
    expect(row("General")?.[1]).toBe("None (label and markings only)");
    expect(t.rows).toHaveLength(labels.length);
  });

  it("pivots key events per day (oldest first) and sums them per label", () => {
    const r = report({
      daily: [
        { day: "2026-12-03", action: "released", count: 2 },
        { day: "2026-12-01", action: "escrowed", count: 3 },
        { day: "2026-12-03", action: "refused", count: 1 },
        { day: "2026-12-03", action: "discarded", count: 4 },
      ],
      byLabel: [
        {
          labelId: L.highlyConfidentialAllEmployees,
          labelName: "Highly Confidential \\ All Employees",
          escrowed: 3,
          released: 2,
          refused: 1,
        },
        { labelId: null, labelName: null, escrowed: 0, released: 0, refused: 1 },
      ],
    });
    expect(keyEventsByDay(r).rows).toEqual([
      ["2026-12-01", 3, 0, 0, 0],
      ["2026-12-03", 0, 2, 1, 0],
    ]);
    expect(keyEventsByLabel(r).rows).toEqual([
      ["Highly Confidential \\ All Employees", 3, 2, 1],
      ["no label", 0, 0, 1],
    ]);
  });

  it("lists refusals with why, and counts kept keys per key-encryption key", () => {
    const refusal = {
      time: "2026-12-03T09:41:12.345Z",
      userId: "oid-lee",
      userName: null,
      keyId: "k1",
      labelId: L.highlyConfidentialAllEmployees,
      labelName: "Highly Confidential \\ All Employees",
      itemName: null,
      reason: "not-entitled",
    };
    expect(keyEventTable([refusal], true).rows).toEqual([
      ["2026-12-03 09:41", "oid-lee", "Highly Confidential \\ All Employees", "k1", "not-entitled"],
    ]);
    const keks = keysByKek({
      current: "k2026",
      retired: ["k2025"],
      keys: [
        { kekId: "k2024", status: "missing", kept: 3, revoked: 0 },
        { kekId: "k2025", status: "retired", kept: 1, revoked: 0 },
        { kekId: "k2026", status: "current", kept: 2, revoked: 1 },
      ],
    });
    expect(keks.rows).toEqual([
      ["k2024", "Not on this server: keys cannot be released", 3, 0],
      ["k2025", "Retired: re-wrap", 1, 0],
      ["k2026", "Current", 2, 1],
    ]);
  });
});
