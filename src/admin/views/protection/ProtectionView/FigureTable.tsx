/** One of the view's figures as a table (its name is also its test id); a sentence when it is empty. */
import * as React from "react";
import { DataTable } from "../../../components/DataTable";
import { Muted } from "../../../components/Layout";
import type { FigureTable as Figures } from "../../../model/protection";

export function FigureTable(props: { name: string; table: Figures; empty: string }) {
  if (props.table.rows.length === 0) return <Muted>{props.empty}</Muted>;
  return <DataTable name={props.name} table={props.table} testId={props.name} />;
}
