/** Figures as a small Fluent table, named for screen readers: a report's data, the protection view's. */
import * as React from "react";
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import type { Table as Figures } from "../../model/reportTables";

export function DataTable(props: { name: string; table: Figures; testId?: string }) {
  return (
    <Table size="extra-small" aria-label={props.name} data-testid={props.testId}>
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
  );
}
