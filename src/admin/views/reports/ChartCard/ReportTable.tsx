/** A report's figures as a table: exactly what its chart draws and its CSV holds. */
import * as React from "react";
import { DataTable } from "../../../components/DataTable";
import type { Table as Figures } from "../../../model/reportTables";
import { useChartCardStyles } from "./ChartCard.styles";

export function ReportTable(props: { title: string; table: Figures }) {
  const styles = useChartCardStyles();
  return (
    <div className={styles.tableBox}>
      <DataTable name={`${props.title} (data)`} table={props.table} />
    </div>
  );
}
