/**
 * The protection view's figures as tables (pure): how each label protects (from the draft, so an
 * edit shows before it is saved), key events per day, per label and per key-encryption key, and the
 * latest refusals and super-user grants of the backend's protection usage report.
 */
import { labelProtection, type Label } from "../../core/policy";
import type {
  ProtectionKekKeys,
  ProtectionKekStatus,
  ProtectionKeyEvent,
  ProtectionUsageReport,
} from "../../contracts/adminApi";
import { fullName } from "./labelNames";
import type { Table } from "./reportTables";

/** A figure as the console's tables and CSV files take it. */
export type FigureTable = Table;

const KIND_TEXT = {
  none: "None (label and markings only)",
  purview: "Microsoft Purview",
  labelbridge: "Labelbridge (files at rest)",
} as const;

const list = (items: readonly string[]) => (items.length ? items.join(", ") : "—");

/** Every label, by sensitivity, with how it protects and who holds rights. */
export function labelProtectionTable(labels: readonly Label[]): FigureTable {
  const rows = [...labels]
    .sort((a, b) => a.sensitivity - b.sensitivity)
    .map((l) => {
      const p = labelProtection(l);
      const template = p.kind === "none" ? "—" : (p.rightsTemplate ?? "Office 365 Message Encryption");
      return [
        fullName(l, labels),
        KIND_TEXT[p.kind],
        p.kind === "labelbridge" ? list(p.rightsGroups) : "—",
        p.kind === "labelbridge" ? list(p.rightsUsers) : "—",
        template,
      ];
    });
  return { header: ["Label", "Protected by", "Rights groups", "Rights users", "Mail rule applies"], rows };
}

/** Keys kept, released and refused per day (days without events left out), oldest first. */
export function keyEventsByDay(report: ProtectionUsageReport): FigureTable {
  const days = new Map<string, { escrowed: number; released: number; refused: number; revoked: number }>();
  for (const d of report.daily) {
    const row = days.get(d.day) ?? { escrowed: 0, released: 0, refused: 0, revoked: 0 };
    if (d.action in row) row[d.action as keyof typeof row] += d.count;
    days.set(d.day, row);
  }
  const rows = [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, r]) => [day, r.escrowed, r.released, r.refused, r.revoked]);
  return { header: ["Day", "Keys kept", "Released", "Refused", "Revoked"], rows };
}

export function keyEventsByLabel(report: ProtectionUsageReport): FigureTable {
  const rows = report.byLabel
    .map((r) => [r.labelName ?? r.labelId ?? "no label", r.escrowed, r.released, r.refused])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return { header: ["Label", "Keys kept", "Released", "Refused"], rows };
}

/** Refusals or super-user grants, newest first as the report gives them. */
export function keyEventTable(events: readonly ProtectionKeyEvent[], withReason: boolean): FigureTable {
  const rows = events.map((e) => {
    const row = [
      e.time.slice(0, 16).replace("T", " "),
      e.userName ?? e.userId,
      e.labelName ?? e.labelId ?? "—",
      e.itemName ?? e.keyId,
    ];
    return withReason ? [...row, e.reason ?? ""] : row;
  });
  const header = ["When (UTC)", "Who", "Label", "File"];
  return { header: withReason ? [...header, "Why"] : header, rows };
}

const KEK_STATUS: Record<ProtectionKekKeys["status"], string> = {
  current: "Current",
  retired: "Retired: re-wrap",
  missing: "Not on this server: keys cannot be released",
};

/** How many kept keys each key-encryption key wraps: keys under a retired one wait for a re-wrap. */
export function keysByKek(status: ProtectionKekStatus): FigureTable {
  const rows = status.keys.map((k) => [k.kekId, KEK_STATUS[k.status], k.kept, k.revoked]);
  return { header: ["Key-encryption key", "Status", "Keys", "Of them revoked"], rows };
}
