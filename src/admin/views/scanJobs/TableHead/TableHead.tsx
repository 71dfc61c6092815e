/** A table's header row from its column titles (the view's tables are plain: no sorting, no resizing). */
import * as React from "react";
import { TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";

export function TableHead(props: { columns: readonly string[] }) {
  return (
    <TableHeader>
      <TableRow>
        {props.columns.map((c) => (
          <TableHeaderCell key={c}>{c}</TableHeaderCell>
        ))}
      </TableRow>
    </TableHeader>
  );
}
