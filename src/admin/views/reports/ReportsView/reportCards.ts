/** The reports page's cards, in order: which table each draws, its title, summary and CSV name. */
import type { ConsoleReport } from "../../../../contracts/adminApi";
import type { Granularity } from "../../../model/reportTables";
import type { ReportTables } from "./useReport";

export interface ReportCardSpec {
  id: string;
  table: keyof ReportTables;
  title: string;
  /** What the chart shows, for screen readers. */
  summary: string;
  /** The CSV's name before the period and filters. */
  file: string;
  /** A line under the chart. */
  note?: string;
}

export function reportCards(report: ConsoleReport, granularity: Granularity): ReportCardSpec[] {
  const t = report.totals;
  const { from, to } = report.period;
  const blockedReasons = report.blockedSends.byReason
    .map((r) => `${r.reason ?? "(none)"} ${r.count}`)
    .join(", ");
  const byApp = report.unlabeled.byApp.map((a) => `${a.app} ${a.count}`).join(", ");
  return [
    {
      id: "activity",
      table: "activity",
      title: `Labels applied over time (per ${granularity})`,
      summary: `Labels applied ${t.applied}, changed ${t.changed}, removed ${t.removed} from ${from} to ${to}`,
      file: "labels-over-time",
    },
    {
      id: "mix",
      table: "mix",
      title: "Label mix",
      summary: "Labels applied or changed to, per label",
      file: "label-mix",
    },
    {
      id: "downgrades",
      table: "reasons",
      title: "Downgrades by reason",
      summary: `${t.downgrades} labels lowered or removed, by the reason given`,
      file: "downgrades-by-reason",
    },
    {
      id: "blocked",
      table: "blocked",
      title: "Sends blocked",
      summary: `${t.blockedSends} sends blocked`,
      file: "sends-blocked",
      note: blockedReasons && `By reason: ${blockedReasons}`,
    },
    {
      id: "recommendations",
      table: "recs",
      title: "Recommendations accepted vs dismissed",
      summary: `${t.recommendationsAccepted} accepted, ${t.recommendationsDismissed} dismissed`,
      file: "recommendations",
    },
    {
      id: "unlabeled",
      table: "unlabeled",
      title: "Unlabeled documents",
      summary: `${t.unlabeled} unlabeled documents opened`,
      file: "unlabeled-documents",
      note: byApp && `By app: ${byApp}`,
    },
    {
      id: "scanner-types",
      table: "types",
      title: "Scanner findings by information type",
      summary: `${report.scanner.filesWithFindings} of ${report.scanner.files} scanned files hold sensitive information`,
      file: "scanner-by-type",
    },
    {
      id: "scanner-folders",
      table: "folders",
      title: "Scanner findings by folder",
      summary: "Files with findings per folder and information type",
      file: "scanner-by-folder",
    },
    {
      id: "recent-downgrades",
      table: "recent",
      title: "Recent downgrades",
      summary: "The latest labels lowered or removed",
      file: "recent-downgrades",
    },
  ];
}
