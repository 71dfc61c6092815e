/** When the last sync succeeded, what it did, and the last error — or that Graph is not configured. */
import * as React from "react";
import { Card, Text } from "@fluentui/react-components";
import type { GraphSyncStatus } from "../../../../contracts/adminApi";
import { InlineMessage } from "../../../components/InlineMessage";
import { Muted } from "../../../components/Layout";
import { GRAPH_SETTINGS_TEXT } from "../../../model/syncRefusal";
import { usePurviewSyncStyles } from "./PurviewSyncView.styles";

const when = (iso: string) => new Date(iso).toLocaleString();

/** What the last successful read of Purview did; a failure since then leaves it unknown. */
function successText(s: Extract<GraphSyncStatus, { configured: true }>): string {
  if (!s.lastSuccessAt) return "Purview has not been read successfully yet.";
  const what: Record<string, string> = {
    applied: ` (applied as version ${s.lastAppliedVersion})`,
    unchanged: " (Purview and Labelbridge already agreed)",
    "dry-run": " (a dry run, nothing applied)",
  };
  return `Last successful sync: ${when(s.lastSuccessAt)}${what[s.lastOutcome ?? ""] ?? ""}.`;
}

export function SyncStatusCard(props: { status: GraphSyncStatus; liveVersion: number }) {
  const styles = usePurviewSyncStyles();
  const s = props.status;
  if (!s.configured)
    return (
      <InlineMessage
        intent="warning"
        title="Microsoft Graph is not configured"
        data-testid="graph-not-configured"
      >
        {GRAPH_SETTINGS_TEXT}
      </InlineMessage>
    );
  const schedule =
    s.syncIntervalMinutes > 0 ? `every ${s.syncIntervalMinutes} minutes and on demand` : "on demand only";
  return (
    <Card className={styles.card} data-testid="sync-status">
      <Text data-testid="last-success">{successText(s)}</Text>
      {s.lastAppliedVersion !== null && s.lastOutcome !== "applied" && (
        <Muted data-testid="last-applied">The last version a sync wrote is {s.lastAppliedVersion}.</Muted>
      )}
      {s.lastError && (
        <InlineMessage
          intent="error"
          title={`The last sync failed (${when(s.lastError.at)})`}
          data-testid="last-error"
        >
          {s.lastError.message}.{" "}
          {props.liveVersion > 0
            ? `The last good policy, version ${props.liveVersion}, stays in force.`
            : "Nothing was applied."}
        </InlineMessage>
      )}
      <Muted>
        Reads Purview’s labels through Microsoft Graph ({s.apiVersion}), {schedule}.
      </Muted>
    </Card>
  );
}
