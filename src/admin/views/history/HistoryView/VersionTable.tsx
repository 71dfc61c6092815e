/** Every saved version, newest first: what, who, when; the live one marked. */
import * as React from "react";
import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  mergeClasses,
} from "@fluentui/react-components";
import type { VersionSummary } from "../../../../contracts/adminApi";
import { navigate } from "../../../router";
import { useHistoryStyles } from "./HistoryView.styles";
import { actorText, kindText } from "./kinds";

export function VersionTable(props: { versions: VersionSummary[]; selected: number | null; live: number }) {
  const styles = useHistoryStyles();
  return (
    <Table size="small" aria-label="Saved versions">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Version</TableHeaderCell>
          <TableHeaderCell>What</TableHeaderCell>
          <TableHeaderCell>Who</TableHeaderCell>
          <TableHeaderCell>When</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.versions.map((v) => (
          <TableRow
            key={v.version}
            className={mergeClasses(styles.clickable, v.version === props.selected && styles.selected)}
            onClick={() => navigate("history", v.version)}
            data-testid="version-row"
            data-version={v.version}
          >
            <TableCell>
              {v.version} {v.version === props.live && <Badge size="small">live</Badge>}
            </TableCell>
            <TableCell>{kindText(v.kind)}</TableCell>
            <TableCell>{actorText(v)}</TableCell>
            <TableCell>{new Date(v.createdAt).toLocaleString()}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
