/** A report's figures as a table: exactly what its chart draws and its CSV holds. */
import * as React from "react";
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import type { Table as Figures } from "../../../model/reportTables";
import { useChartCardStyles } from "./ChartCard.styles";

export function ReportTable(props: { title: string; table: Figures }) {
  const styles = useChartCardStyles();
  return (
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
  );
}
