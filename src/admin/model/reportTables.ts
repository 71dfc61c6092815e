/**
 * The reports page's tables, from one console report: each chart draws exactly its table, and its
 * CSV is exactly that table, so what is exported is what is shown.
 */
import type { ConsoleReport } from "../../contracts/adminApi";
import type { CsvCell } from "./csv";
import { seriesByDay, toWeeks, type Series } from "./reportSeries";

export interface Table {
  header: string[];
  rows: CsvCell[][];
}

export type Granularity = "day" | "week";

const reasonText = (r: string | null) => r ?? "(no reason given)";
const labelOrNone = (name: string | null, id: string | null) => name ?? id ?? "(no label)";

function byPeriod(report: ConsoleReport, types: string[], granularity: Granularity): Series {
  const days = seriesByDay(report.daily, types, report.period.from, report.period.to);
  return granularity === "week" ? toWeeks(days) : days;
}

function periodTable(series: Series, granularity: Granularity, columns: [string, string][]): Table {
  const all = series.labels.map((p, i) => [p, ...columns.map(([type]) => series.values[type][i])]);
  const any = all.some((r) => r.slice(1).some((n) => (n as number) > 0));
  return {
    header: [granularity === "week" ? "Week of" : "Day", ...columns.map(([, title]) => title)],
    rows: any ? all : [],
  };
}

export function activityTable(report: ConsoleReport, granularity: Granularity): Table {
  const types = ["label-applied", "label-changed", "label-removed"];
  return periodTable(byPeriod(report, types, granularity), granularity, [
    ["label-applied", "Applied"],
    ["label-changed", "Changed"],
    ["label-removed", "Removed"],
  ]);
}

export function labelMixTable(report: ConsoleReport): Table {
  return {
    header: ["Label", "Applied", "Changed", "Removed"],
    rows: report.labelMix.map((r) => [labelOrNone(r.labelName, r.labelId), r.applied, r.changed, r.removed]),
  };
}

export function downgradeReasonTable(report: ConsoleReport): Table {
  return {
    header: ["Reason", "Downgrades"],
    rows: report.downgrades.byReason.map((r) => [reasonText(r.reason), r.count]),
  };
}

export function recentDowngradeTable(report: ConsoleReport): Table {
  return {
    header: ["Time", "User", "App", "From", "To", "Reason", "Explanation", "Item"],
    rows: report.downgrades.recent.map((r) => [
      r.time,
      r.userName,
      r.app,
      labelOrNone(r.oldLabelName, r.oldLabelId),
      r.labelId === null ? "(removed)" : labelOrNone(r.labelName, r.labelId),
      reasonText(r.reason),
      r.text,
      r.itemName,
    ]),
  };
}

export function blockedSendsTable(report: ConsoleReport, granularity: Granularity): Table {
  return periodTable(byPeriod(report, ["send-blocked"], granularity), granularity, [
    ["send-blocked", "Sends blocked"],
  ]);
}

export function recommendationTable(report: ConsoleReport): Table {
  return {
    header: ["Label", "Accepted", "Dismissed"],
    rows: report.recommendations.map((r) => [labelOrNone(r.labelName, r.labelId), r.accepted, r.dismissed]),
  };
}

export function unlabeledTable(report: ConsoleReport, granularity: Granularity): Table {
  return periodTable(byPeriod(report, ["unlabeled-document"], granularity), granularity, [
    ["unlabeled-document", "Unlabeled documents"],
  ]);
}

export function scannerTypeTable(report: ConsoleReport): Table {
  return {
    header: ["Information type", "Files", "Instances"],
    rows: report.scanner.byInfoType.map((t) => [t.name, t.files, t.instances]),
  };
}

export function scannerFolderTable(report: ConsoleReport): Table {
  const types = report.scanner.byInfoType;
  return {
    header: ["Folder", "Files with findings", "Instances", ...types.map((t) => `${t.name} (files)`)],
    rows: report.scanner.byFolder.map((f) => [
      f.folder,
      f.files,
      f.instances,
      ...types.map((t) => f.byInfoType[t.sitId] ?? 0),
    ]),
  };
}
