/**
 * GET /reports/console: everything the admin console's reports page draws, for one period, filtered by
 * label (a parent includes its sublabels) and by group, in one response. The narrower /reports/*
 * routes stay as they are for scripts.
 */
import type { FastifyInstance } from "fastify";
import { isGuid, LabelIndex, normalizeGuid, type LabelSummary } from "../../core/policy";
import type { ConsoleReport, ReportTotals } from "../../contracts/adminApi";
import { aggregateScanResults } from "../admin/scannerReport";
import { HttpError } from "../errors";
import { ConsoleReportQueries, SCAN_RESULT_LIMIT, TOP_FOLDERS } from "../storage/consoleReports";
import { SqlStore } from "../storage/sql";
import type { Store } from "../storage/store";
import { rangeOf } from "./reports";

const query = {
  type: "object",
  properties: {
    from: { type: "string", description: "First day, YYYY-MM-DD (UTC); default 30 days ago" },
    to: { type: "string", description: "Last day, YYYY-MM-DD (UTC), included; default today" },
    labelId: { type: "string", maxLength: 64, description: "Only events with this label (or a sublabel)" },
    group: {
      type: "string",
      minLength: 1,
      maxLength: 256,
      description: "Only events from users whose token carried this group when the event arrived",
    },
  },
  additionalProperties: false,
} as const;

function total(rows: { type: string; count: number }[], type: string): number {
  return rows.filter((r) => r.type === type).reduce((n, r) => n + r.count, 0);
}

export default async function reportsConsoleRoutes(
  app: FastifyInstance,
  options: { store: Store },
): Promise<void> {
  const { store } = options;

  app.get(
    "/reports/console",
    {
      schema: {
        tags: ["reports"],
        summary: "The admin console's reports: every chart's figures for a period, label and group",
        security: [{ bearer: [] }],
        querystring: query,
      },
    },
    async (request): Promise<ConsoleReport> => {
      if (!(store instanceof SqlStore))
        throw new HttpError(501, "not-supported", "console reports need the SQL store");
      const q = request.query as { from?: string; to?: string; labelId?: string; group?: string };
      const tenantId = request.principal!.tenantId;
      const range = rangeOf(q);

      const current = await store.getPolicy(tenantId);
      const catalog = new LabelIndex<LabelSummary>(current?.document.labels ?? []);
      let labelId: string | null = null;
      let labelIds: string[] = [];
      if (q.labelId !== undefined && q.labelId !== "") {
        labelId = normalizeGuid(q.labelId);
        if (!isGuid(labelId))
          throw new HttpError(400, "invalid-label", `labelId: '${q.labelId}' is not a label GUID`);
        labelIds = [labelId, ...catalog.children(labelId).map((l) => l.id)];
      }
      const group = q.group ?? null;
      const filter = { labelIds, group };
      const name = (id: string | null) => (id !== null && catalog.has(id) ? catalog.fullName(id) : null);

      // Counts from the daily counters; the lists (recent downgrades, scan results) from the events.
      const counts = store.reports;
      const rows = new ConsoleReportQueries(store.reportExecutor, store.engine);
      const [days, mix, downgradeReasons, recent, blocked, recs, unlabeled, scans, groups] =
        await Promise.all([
          counts.daily(tenantId, range, filter),
          counts.labelMix(tenantId, range, filter),
          counts.reasonCounts(tenantId, range, filter, "downgrade"),
          rows.recentDowngrades(tenantId, range, filter),
          counts.reasonCounts(tenantId, range, filter, "send-blocked"),
          counts.recommendations(tenantId, range, filter),
          counts.unlabeledByApp(tenantId, range, filter),
          rows.scanResults(tenantId, range, filter),
          counts.groups(tenantId, range),
        ]);
      const scanner = aggregateScanResults(
        scans.map((s) => s.body),
        SCAN_RESULT_LIMIT,
        TOP_FOLDERS,
      );
      const totals: ReportTotals = {
        applied: total(days, "label-applied"),
        changed: total(days, "label-changed"),
        removed: total(days, "label-removed"),
        downgrades: total(days, "downgrade"),
        blockedSends: total(days, "send-blocked"),
        recommendationsAccepted: total(days, "recommendation-accepted"),
        recommendationsDismissed: total(days, "recommendation-dismissed"),
        unlabeled: total(days, "unlabeled-document"),
        scannedFiles: scanner.files,
      };
      return {
        period: { from: range.fromDay, to: range.toDay },
        filters: { labelId, labelIds, group },
        totals,
        daily: days.sort((a, b) => a.day.localeCompare(b.day) || a.type.localeCompare(b.type)),
        labelMix: mix.map((r) => ({ ...r, labelName: name(r.labelId) })),
        downgrades: {
          byReason: downgradeReasons,
          recent: recent.map((r) => ({ ...r, oldLabelName: name(r.oldLabelId), labelName: name(r.labelId) })),
        },
        blockedSends: { byReason: blocked },
        recommendations: recs.map((r) => ({ ...r, labelName: name(r.labelId) })),
        unlabeled: { byApp: unlabeled },
        scanner,
        groups,
      };
    },
  );
}
