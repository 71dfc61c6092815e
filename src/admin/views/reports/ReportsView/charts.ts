/**
 * How each report's table is drawn: bars (stacked or horizontal where that reads better) or a
 * doughnut for the label mix, in the label's own colour where the row is a label.
 */
import type { ChartConfiguration } from "chart.js" with { "resolution-mode": "import" };
import type { Table } from "../../../model/reportTables";
import type { ReportTables } from "./useReport";

export const PALETTE = [
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

/** One chart per table; `colorOf` gives a label row its label's colour. */
export function chartsOf(
  tables: ReportTables,
  colorOf: (name: string, index: number) => string,
): Record<keyof ReportTables, ChartConfiguration | null> {
  const { types, folders } = tables;
  return {
    activity: bars(tables.activity, ["#0078D4", "#8764B8", "#A4262C"], { stacked: true }),
    mix: doughnut(
      tables.mix,
      tables.mix.rows.map((r, i) => colorOf(String(r[0]), i)),
    ),
    reasons: bars(tables.reasons, ["#CA5010"], { horizontal: true }),
    recent: null,
    blocked: bars(tables.blocked, ["#A4262C"]),
    recs: bars(tables.recs, ["#107C10", "#69797E"], { stacked: true, horizontal: true }),
    unlabeled: bars(tables.unlabeled, ["#986F0B"]),
    types: bars({ header: types.header.slice(0, 2), rows: types.rows }, ["#004E8C"], { horizontal: true }),
    // Files per information type, stacked per folder (the per-type columns of the folder table).
    folders: bars(
      {
        header: [folders.header[0], ...folders.header.slice(3)],
        rows: folders.rows.map((r) => [r[0], ...r.slice(3)]),
      },
      PALETTE,
      { stacked: true, horizontal: true },
    ),
  };
}
