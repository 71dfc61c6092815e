/** One of the view's figures as a small table, named for screen readers; "None" when it is empty. */
import * as React from "react";
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { Muted } from "../../../components/Layout";
import type { FigureTable as Figures } from "../../../model/protection";

export function FigureTable(props: { name: string; table: Figures; empty: string }) {
  if (props.table.rows.length === 0) return <Muted>{props.empty}</Muted>;
  return (
    <Table size="extra-small" aria-label={props.name} data-testid={props.name}>
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
              <TableCell key={j}>{String(c)}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
