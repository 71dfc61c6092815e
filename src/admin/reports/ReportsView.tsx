/**
 * /admin/reports: what the rollout did, from the audit trail — labels applied over time, the label
 * mix, downgrades and their reasons, sends blocked, recommendations accepted vs dismissed, unlabeled
 * documents, scanner findings — for a period, a label and a group, each exportable as CSV.
 */
import * as React from "react";
import {
  Combobox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ChartConfiguration } from "chart.js" with { "resolution-mode": "import" };
import type { ConsoleReport } from "../../contracts/adminApi";
import { useEditor } from "../state/editor";
import { orderedLabels } from "../model/labelTree";
import { fullName } from "../components/labels";
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
  type Table,
} from "../model/reportTables";
import { ChartCard } from "./ChartCard";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  filters: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "flex-end" },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(440px, 1fr))",
    gap: tokens.spacingHorizontalM,
  },
  totals: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXL },
  total: { display: "flex", flexDirection: "column" },
  muted: { color: tokens.colorNeutralForeground3 },
});

const PALETTE = [
  "#0078D4",
  "#CA5010",
  "#107C10",
  "#A4262C",
  "#5C2E91",
  "#038387",
  "#8764B8",
  "#986F0B",
  "#69797E",
  "#004E8C",
];
const DAY_MS = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

function bars(
  table: Table,
  colors: string[],
  options: { stacked?: boolean; horizontal?: boolean } = {},
): ChartConfiguration {
  return {
    type: "bar",
    data: {
      labels: table.rows.map((r) => String(r[0])),
      datasets: table.header.slice(1).map((h, i) => ({
        label: h,
        data: table.rows.map((r) => Number(r[i + 1])),
        backgroundColor: colors[i % colors.length],
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: options.horizontal ? "y" : "x",
      scales: {
        x: { stacked: options.stacked, ticks: { precision: 0 } },
        y: { stacked: options.stacked, ticks: { precision: 0 }, beginAtZero: true },
      },
      plugins: { legend: { display: table.header.length > 2 } },
    },
  };
}

function doughnut(table: Table, colors: string[]): ChartConfiguration {
  return {
    type: "doughnut",
    data: {
      labels: table.rows.map((r) => String(r[0])),
      datasets: [
        {
          label: "Applied",
          data: table.rows.map((r) => Number(r[1]) + Number(r[2])),
          backgroundColor: colors,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { position: "right" } },
    },
  };
}

export function ReportsView() {
  const styles = useStyles();
  const editor = useEditor();
  const labels = editor.base?.labels ?? [];
  const now = Date.now();
  const [from, setFrom] = React.useState(day(now - 29 * DAY_MS));
  const [to, setTo] = React.useState(day(now));
  const [labelId, setLabelId] = React.useState("");
  const [group, setGroup] = React.useState("");
  const [granularity, setGranularity] = React.useState<Granularity>("day");
  const [report, setReport] = React.useState<ConsoleReport | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [loading, setLoading] = React.useState(false);

  React.useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    editor.api
      .report({ from, to, labelId: labelId || undefined, group: group.trim() || undefined })
      .then(
        (r) => !cancelled && setReport(r),
        (err: Error) => !cancelled && setError(err.message),
      )
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [editor.api, from, to, labelId, group]);

  const knownGroups = React.useMemo(() => {
    const set = new Set<string>(report?.groups ?? []);
    for (const p of editor.base?.policies ?? []) for (const g of p.scope.groups) set.add(g);
    return [...set].sort();
  }, [report, editor.base]);

  const colorOf = (name: string, i: number) => {
    const label = labels.find((l) => fullName(l, labels) === name);
    return label?.color ?? PALETTE[i % PALETTE.length];
  };

  const tables = React.useMemo(() => {
    if (!report) return null;
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
  }, [report, granularity]);

  const configs = React.useMemo(() => {
    if (!tables) return null;
    return {
      activity: bars(tables.activity, ["#0078D4", "#8764B8", "#A4262C"], { stacked: true }),
      mix: doughnut(
        tables.mix,
        tables.mix.rows.map((r, i) => colorOf(String(r[0]), i)),
      ),
      reasons: bars(tables.reasons, ["#CA5010"], { horizontal: true }),
      blocked: bars(tables.blocked, ["#A4262C"]),
      recs: bars(tables.recs, ["#107C10", "#69797E"], { stacked: true, horizontal: true }),
      unlabeled: bars(tables.unlabeled, ["#986F0B"]),
      types: bars({ header: tables.types.header.slice(0, 2), rows: tables.types.rows }, ["#004E8C"], {
        horizontal: true,
      }),
      folders: bars(
        {
          header: [tables.folders.header[0], ...tables.folders.header.slice(3)],
          rows: tables.folders.rows.map((r) => [r[0], ...r.slice(3)]),
        },
        PALETTE,
        { stacked: true, horizontal: true },
      ),
    };
    // colorOf reads labels, which change with editor.base
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tables]);

  const suffix = `${from}_${to}${labelId ? "_label" : ""}${group ? `_${group.replace(/[^A-Za-z0-9-]/g, "")}` : ""}`;
  const byApp = report?.unlabeled.byApp.map((a) => `${a.app} ${a.count}`).join(", ");
  const blockedReasons = report?.blockedSends.byReason
    .map((r) => `${r.reason ?? "(none)"} ${r.count}`)
    .join(", ");
  const t = report?.totals;

  return (
    <div className={styles.page}>
      <Text as="h2" size={600} weight="semibold">
        Reports
      </Text>
      <div className={styles.filters} role="search" aria-label="Report filters">
        <Field label="From">
          <Input type="date" value={from} max={to} onChange={(_e, d) => d.value && setFrom(d.value)} />
        </Field>
        <Field label="To">
          <Input type="date" value={to} min={from} onChange={(_e, d) => d.value && setTo(d.value)} />
        </Field>
        <Field label="Label">
          <Dropdown
            value={
              labelId ? fullName(labels.find((l) => l.id === labelId) ?? labels[0], labels) : "All labels"
            }
            selectedOptions={[labelId]}
            onOptionSelect={(_e, d) => setLabelId(d.optionValue ?? "")}
          >
            <Option value="">All labels</Option>
            {orderedLabels(labels).map((l) => (
              <Option key={l.id} value={l.id}>
                {fullName(l, labels)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Group" hint="As in users' tokens; empty = everyone">
          <Combobox
            freeform
            value={group}
            selectedOptions={group ? [group] : []}
            placeholder="Everyone"
            onChange={(e) => setGroup(e.target.value)}
            onOptionSelect={(_e, d) => setGroup(d.optionValue ?? "")}
          >
            <Option value="">Everyone</Option>
            {knownGroups.map((g) => (
              <Option key={g} value={g}>
                {g}
              </Option>
            ))}
          </Combobox>
        </Field>
        <TabList selectedValue={granularity} onTabSelect={(_e, d) => setGranularity(d.value as Granularity)}>
          <Tab value="day">Per day</Tab>
          <Tab value="week">Per week</Tab>
        </TabList>
        {loading && <Spinner size="tiny" label="Updating…" />}
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {t && (
        <div className={styles.totals} data-testid="report-totals">
          {(
            [
              ["Labels applied", t.applied],
              ["Changed", t.changed],
              ["Downgrades", t.downgrades],
              ["Sends blocked", t.blockedSends],
              ["Recommendations accepted", t.recommendationsAccepted],
              ["Dismissed", t.recommendationsDismissed],
              ["Unlabeled documents", t.unlabeled],
              ["Files scanned", t.scannedFiles],
            ] as const
          ).map(([name, n]) => (
            <div key={name} className={styles.total}>
              <Text size={600} weight="semibold">
                {n}
              </Text>
              <Text size={200} className={styles.muted}>
                {name}
              </Text>
            </div>
          ))}
        </div>
      )}
      {report && report.scanner.truncated && (
        <MessageBar intent="warning">
          <MessageBarBody>
            The period holds more scan results than one report reads; scanner figures cover the newest.
          </MessageBarBody>
        </MessageBar>
      )}
      {tables && configs && (
        <div className={styles.grid}>
          <ChartCard
            id="activity"
            title={`Labels applied over time (per ${granularity})`}
            summary={`Labels applied ${t?.applied}, changed ${t?.changed}, removed ${t?.removed} from ${from} to ${to}`}
            config={configs.activity}
            table={tables.activity}
            fileName={`labels-over-time_${suffix}.csv`}
          />
          <ChartCard
            id="mix"
            title="Label mix"
            summary="Labels applied or changed to, per label"
            config={configs.mix}
            table={tables.mix}
            fileName={`label-mix_${suffix}.csv`}
          />
          <ChartCard
            id="downgrades"
            title="Downgrades by reason"
            summary={`${t?.downgrades} labels lowered or removed, by the reason given`}
            config={configs.reasons}
            table={tables.reasons}
            fileName={`downgrades-by-reason_${suffix}.csv`}
          />
          <ChartCard
            id="blocked"
            title="Sends blocked"
            summary={`${t?.blockedSends} sends blocked`}
            config={configs.blocked}
            table={tables.blocked}
            fileName={`sends-blocked_${suffix}.csv`}
          >
            {blockedReasons && <Text size={200}>By reason: {blockedReasons}</Text>}
          </ChartCard>
          <ChartCard
            id="recommendations"
            title="Recommendations accepted vs dismissed"
            summary={`${t?.recommendationsAccepted} accepted, ${t?.recommendationsDismissed} dismissed`}
            config={configs.recs}
            table={tables.recs}
            fileName={`recommendations_${suffix}.csv`}
          />
          <ChartCard
            id="unlabeled"
            title="Unlabeled documents"
            summary={`${t?.unlabeled} unlabeled documents opened`}
            config={configs.unlabeled}
            table={tables.unlabeled}
            fileName={`unlabeled-documents_${suffix}.csv`}
          >
            {byApp && <Text size={200}>By app: {byApp}</Text>}
          </ChartCard>
          <ChartCard
            id="scanner-types"
            title="Scanner findings by information type"
            summary={`${report?.scanner.filesWithFindings} of ${report?.scanner.files} scanned files hold sensitive information`}
            config={configs.types}
            table={tables.types}
            fileName={`scanner-by-type_${suffix}.csv`}
          />
          <ChartCard
            id="scanner-folders"
            title="Scanner findings by folder"
            summary="Files with findings per folder and information type"
            config={configs.folders}
            table={tables.folders}
            fileName={`scanner-by-folder_${suffix}.csv`}
          />
          <ChartCard
            id="recent-downgrades"
            title="Recent downgrades"
            summary="The latest labels lowered or removed"
            config={null}
            table={tables.recent}
            fileName={`recent-downgrades_${suffix}.csv`}
          />
        </div>
      )}
      <Text size={200} className={styles.muted}>
        Days are UTC. Group filters use the groups in each user&apos;s token when the event arrived.
      </Text>
    </div>
  );
}
