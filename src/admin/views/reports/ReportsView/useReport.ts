/** The console report for the filters, refetched when they change, and its tables at a granularity. */
import * as React from "react";
import type { ConsoleReport, ReportQuery } from "../../../../contracts/adminApi";
import type { ApiClient } from "../../../api";
import {
  activityTable,
  blockedSendsTable,
  downgradeReasonTable,
  labelMixTable,
  recentDowngradeTable,
  recommendationTable,
  scannerFolderTable,
  scannerTypeTable,
  unlabeledTable,
  type Granularity,
} from "../../../model/reportTables";

export function useReport(api: ApiClient, query: ReportQuery) {
  const [report, setReport] = React.useState<ConsoleReport | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [loading, setLoading] = React.useState(false);
  const { from, to, labelId, group } = query;
  React.useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    api
      .report({ from, to, labelId, group })
      .then(
        (r) => !cancelled && setReport(r),
        (err: Error) => !cancelled && setError(err.message),
      )
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [api, from, to, labelId, group]);
  return { report, error, loading };
}

export function tablesOf(report: ConsoleReport, granularity: Granularity) {
  return {
    activity: activityTable(report, granularity),
    mix: labelMixTable(report),
    reasons: downgradeReasonTable(report),
    recent: recentDowngradeTable(report),
    blocked: blockedSendsTable(report, granularity),
    recs: recommendationTable(report),
    unlabeled: unlabeledTable(report, granularity),
    types: scannerTypeTable(report),
    folders: scannerFolderTable(report),
  };
}

export type ReportTables = ReturnType<typeof tablesOf>;
