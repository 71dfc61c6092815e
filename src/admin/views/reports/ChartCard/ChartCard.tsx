/**
 * One report: a Chart.js chart (the canvas says what it shows to screen readers), the same figures as
 * a table beneath it, and "Download CSV" of exactly that table.
 */
import * as React from "react";
import { Button, Card, Text } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import type { Chart, ChartConfiguration } from "chart.js" with { "resolution-mode": "import" };
import { downloadText } from "../../../browser/download";
import { toCsv } from "../../../model/csv";
import type { Table } from "../../../model/reportTables";
import { useChartCardStyles } from "./ChartCard.styles";
import { loadChart } from "./loadChart";
import { ReportTable } from "./ReportTable";

export interface ChartCardProps {
  id: string;
  title: string;
  summary: string;
  config: ChartConfiguration | null;
  table: Table;
  fileName: string;
  children?: React.ReactNode;
}

/** Draws `config` on the canvas once Chart.js is there; marks it `data-rendered` when drawn. */
function useChart(config: ChartConfiguration | null): React.RefObject<HTMLCanvasElement> {
  const canvas = React.useRef<HTMLCanvasElement>(null);
  React.useEffect(() => {
    const target = canvas.current;
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
  }, [config]);
  return canvas;
}

export function ChartCard(props: ChartCardProps) {
  const styles = useChartCardStyles();
  const canvas = useChart(props.config);
  const empty = props.table.rows.length === 0;
  const download = () =>
    downloadText(props.fileName, toCsv(props.table.header, props.table.rows), "text/csv;charset=utf-8");
  return (
    <Card className={styles.card} data-testid={`report-${props.id}`}>
      <div className={styles.head}>
        <Text as="h3" size={400} weight="semibold">
          {props.title}
        </Text>
        <span className={styles.grow} />
        <Button size="small" icon={<ArrowDownloadRegular />} disabled={empty} onClick={download}>
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
      {!empty && <ReportTable title={props.title} table={props.table} />}
    </Card>
  );
}
