/**
 * One report: a Chart.js chart (the canvas says what it shows to screen readers), the same figures as
 * a table beneath it, and "Download CSV" of exactly that table.
 */
import * as React from "react";
import {
  Button,
  Card,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import type { Chart, ChartConfiguration } from "chart.js" with { "resolution-mode": "import" };
import { toCsv, type CsvCell } from "../model/csv";
import { downloadText } from "../graph/download";

/** Chart.js (an ES module) loads with the first chart, registered with only what the reports draw. */
let chartJs: Promise<typeof Chart> | null = null;
function loadChart(): Promise<typeof Chart> {
  chartJs ??= import(/* webpackChunkName: "chartjs" */ "chart.js").then((m) => {
    m.Chart.register(
      m.ArcElement,
      m.BarController,
      m.BarElement,
      m.CategoryScale,
      m.DoughnutController,
      m.Legend,
      m.LinearScale,
      m.LineController,
      m.LineElement,
      m.PointElement,
      m.Tooltip,
    );
    return m.Chart;
  });
  return chartJs;
}

const useStyles = makeStyles({
  card: {
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  head: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1 },
  canvasBox: { position: "relative", height: "260px" },
  tableBox: { maxHeight: "220px", overflowY: "auto" },
  empty: { color: tokens.colorNeutralForeground3, padding: tokens.spacingVerticalL, textAlign: "center" },
});

export interface ReportTable {
  header: string[];
  rows: CsvCell[][];
}

export function ChartCard(props: {
  id: string;
  title: string;
  summary: string;
  config: ChartConfiguration | null;
  table: ReportTable;
  fileName: string;
  children?: React.ReactNode;
}) {
  const styles = useStyles();
  const canvas = React.useRef<HTMLCanvasElement>(null);
  React.useEffect(() => {
    const target = canvas.current;
    const config = props.config;
    if (!target || !config) return;
    let chart: Chart | null = null;
    let cancelled = false;
    void loadChart().then((ChartJs) => {
      if (cancelled) return;
      chart = new ChartJs(target, config);
      target.dataset.rendered = "true";
    });
    return () => {
      cancelled = true;
      chart?.destroy();
      delete target.dataset.rendered;
    };
  }, [props.config]);
  const empty = props.table.rows.length === 0;
  return (
    <Card className={styles.card} data-testid={`report-${props.id}`}>
      <div className={styles.head}>
        <Text as="h3" size={400} weight="semibold">
          {props.title}
        </Text>
        <span className={styles.grow} />
        <Button
          size="small"
          icon={<ArrowDownloadRegular />}
          disabled={empty}
          onClick={() =>
            downloadText(
              props.fileName,
              toCsv(props.table.header, props.table.rows),
              "text/csv;charset=utf-8",
            )
          }
        >
          CSV
        </Button>
      </div>
      {empty ? (
        <Text className={styles.empty}>No events in this period.</Text>
      ) : (
        props.config && (
          <div className={styles.canvasBox}>
            <canvas ref={canvas} role="img" aria-label={props.summary} />
          </div>
        )
      )}
      {props.children}
      {!empty && (
        <div className={styles.tableBox}>
          <Table size="extra-small" aria-label={`${props.title} (data)`}>
            <TableHeader>
              <TableRow>
                {props.table.header.map((h) => (
                  <TableHeaderCell key={h}>{h}</TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {props.table.rows.map((r, i) => (
                <TableRow key={i}>
                  {r.map((c, j) => (
                    <TableCell key={j}>{c === null || c === undefined ? "" : String(c)}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </Card>
  );
}
