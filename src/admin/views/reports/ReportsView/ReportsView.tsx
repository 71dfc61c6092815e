/**
 * /admin/reports: what the rollout did, from the audit trail — labels applied over time, the label
 * mix, downgrades and their reasons, sends blocked, recommendations accepted vs dismissed, unlabeled
 * documents, scanner findings — for a period, a label and a group, each exportable as CSV.
 */
import * as React from "react";
import { Text } from "@fluentui/react-components";
import { InlineMessage } from "../../../components/InlineMessage";
import { Grid, Muted, Stack, ViewTitle } from "../../../components/Layout";
import { fullName } from "../../../model/labelNames";
import { useEditor } from "../../../state";
import { ChartCard } from "../ChartCard";
import { PALETTE, chartsOf } from "./charts";
import { reportCards } from "./reportCards";
import { ReportFilters, type Filters } from "./ReportFilters";
import { ReportTotals } from "./ReportTotals";
import { tablesOf, useReport } from "./useReport";

const DAY_MS = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The CSV names' tail: period, and the filters that narrowed it. */
const fileSuffix = (f: Filters) =>
  `${f.from}_${f.to}${f.labelId ? "_label" : ""}${f.group ? `_${f.group.replace(/[^A-Za-z0-9-]/g, "")}` : ""}`;

function useFilters() {
  const [filters, setFilters] = React.useState<Filters>(() => {
    const now = Date.now();
    return { from: day(now - 29 * DAY_MS), to: day(now), labelId: "", group: "", granularity: "day" };
  });
  const change = (c: Partial<Filters>) => setFilters((f) => ({ ...f, ...c }));
  return [filters, change] as const;
}

export function ReportsView() {
  const editor = useEditor();
  const labels = editor.base?.labels ?? [];
  const [filters, change] = useFilters();
  const { from, to, granularity } = filters;
  const query = { from, to, labelId: filters.labelId || undefined, group: filters.group.trim() || undefined };
  const { report, error, loading } = useReport(editor.api, query);

  const knownGroups = React.useMemo(() => {
    const set = new Set<string>(report?.groups ?? []);
    for (const p of editor.base?.policies ?? []) for (const g of p.scope.groups) set.add(g);
    return [...set].sort();
  }, [report, editor.base]);

  const tables = React.useMemo(() => (report ? tablesOf(report, granularity) : null), [report, granularity]);
  const charts = React.useMemo(() => {
    const colorOf = (name: string, i: number) =>
      labels.find((l) => fullName(l, labels) === name)?.color ?? PALETTE[i % PALETTE.length];
    return tables ? chartsOf(tables, colorOf) : null;
    // colorOf reads labels, which change with editor.base
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tables]);

  return (
    <Stack>
      <ViewTitle>Reports</ViewTitle>
      <ReportFilters
        filters={filters}
        onChange={change}
        labels={labels}
        groups={knownGroups}
        loading={loading}
      />
      {error && <InlineMessage intent="error">{error}</InlineMessage>}
      {report && <ReportTotals totals={report.totals} />}
      {report?.scanner.truncated && (
        <InlineMessage intent="warning">
          The period holds more scan results than one report reads; scanner figures cover the newest.
        </InlineMessage>
      )}
      {report && tables && charts && (
        <Grid size="chart">
          {reportCards(report, granularity).map((c) => (
            <ChartCard
              key={c.id}
              id={c.id}
              title={c.title}
              summary={c.summary}
              config={charts[c.table]}
              table={tables[c.table]}
              fileName={`${c.file}_${fileSuffix(filters)}.csv`}
            >
              {c.note && <Text size={200}>{c.note}</Text>}
            </ChartCard>
          ))}
        </Grid>
      )}
      <Muted size={200}>
        Days are UTC. Group filters use the groups in each user&apos;s token when the event arrived.
      </Muted>
    </Stack>
  );
}
