/**
 * What `GET /api/v1/reports/console` answers: every figure the reports page draws, for one period and
 * one set of filters, in one response. Shared by the route and the console (type-only import).
 */

export interface ReportFilters {
  /** The label asked for; `labelIds` adds its sublabels. Null = every label. */
  labelId: string | null;
  labelIds: string[];
  /** A group id as it appears in users' tokens. Null = everyone. */
  group: string | null;
}

export interface ReportTotals {
  applied: number;
  changed: number;
  removed: number;
  downgrades: number;
  blockedSends: number;
  recommendationsAccepted: number;
  recommendationsDismissed: number;
  unlabeled: number;
  /** Distinct files in scan results (latest result per path). */
  scannedFiles: number;
}

export interface ReportDayCount {
  /** YYYY-MM-DD, UTC. */
  day: string;
  type: string;
  count: number;
}

export interface ReportLabelRow {
  labelId: string | null;
  labelName: string | null;
  applied: number;
  changed: number;
  removed: number;
}

export interface ReportReasonCount {
  reason: string | null;
  count: number;
}

export interface ReportDowngrade {
  eventId: string;
  time: string;
  userName: string | null;
  app: string;
  oldLabelId: string | null;
  oldLabelName: string | null;
  labelId: string | null;
  labelName: string | null;
  reason: string | null;
  text: string | null;
  itemName: string | null;
}

export interface ReportRecommendationRow {
  labelId: string | null;
  labelName: string | null;
  accepted: number;
  dismissed: number;
}

export interface ReportAppCount {
  app: string;
  count: number;
}

export interface ScannerInfoTypeRow {
  sitId: string;
  name: string;
  /** Files in which the type was found. */
  files: number;
  instances: number;
}

export interface ScannerFolderRow {
  folder: string;
  /** Files with at least one finding. */
  files: number;
  instances: number;
  /** Files per information type id. */
  byInfoType: Record<string, number>;
}

export interface ScannerReport {
  files: number;
  filesWithFindings: number;
  byInfoType: ScannerInfoTypeRow[];
  /** Folders with findings, most files first (at most 25). */
  byFolder: ScannerFolderRow[];
  /** More scan results than one report reads; the figures cover the newest ones. */
  truncated: boolean;
}

export interface ConsoleReport {
  period: { from: string; to: string };
  filters: ReportFilters;
  totals: ReportTotals;
  daily: ReportDayCount[];
  labelMix: ReportLabelRow[];
  downgrades: { byReason: ReportReasonCount[]; recent: ReportDowngrade[] };
  blockedSends: { byReason: ReportReasonCount[] };
  recommendations: ReportRecommendationRow[];
  unlabeled: { byApp: ReportAppCount[] };
  scanner: ScannerReport;
  /** Groups seen on events in the period (for the group filter). */
  groups: string[];
}
