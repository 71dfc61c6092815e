/** The scanner nodes: live, lost or left, where they run, their version and their last heartbeat. */
import * as React from "react";
import { Badge, Table, TableBody, TableCell, TableRow } from "@fluentui/react-components";
import type { ScannerNode } from "../../../../contracts/scanJobs";
import { formatBytes, lastSeenText } from "../../../model/scanJobs";
import { Muted } from "../../../components/Layout";
import { TableHead } from "../TableHead";

const COLUMNS = ["Node", "Status", "Host", "Version", "Last heartbeat", "Since it started"] as const;

const COLOUR = { live: "success", lost: "danger", left: "informative" } as const;

export function NodesTable(props: { nodes: ScannerNode[] }) {
  if (props.nodes.length === 0)
    return (
      <Muted data-testid="no-nodes">
        No scanner node has registered yet: start one with labelbridge scanner --server URL --node NAME.
      </Muted>
    );
  const now = Date.now();
  return (
    <Table size="small" aria-label="Scanner nodes" data-testid="scanner-nodes">
      <TableHead columns={COLUMNS} />
      <TableBody>
        {props.nodes.map((n) => (
          <TableRow key={n.node} data-testid="scanner-node" data-node={n.node}>
            <TableCell>{n.node}</TableCell>
            <TableCell>
              <Badge appearance="tint" color={COLOUR[n.status]} data-testid="node-status">
                {n.status}
              </Badge>
            </TableCell>
            <TableCell>{n.host ?? "—"}</TableCell>
            <TableCell>{n.version ?? "—"}</TableCell>
            <TableCell title={n.lastSeenAt}>{lastSeenText(n, now)}</TableCell>
            <TableCell>
              {n.stats
                ? `${n.stats.filesDone} files, ${formatBytes(n.stats.bytesDone)}, ${n.stats.errors} errors`
                : "—"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
