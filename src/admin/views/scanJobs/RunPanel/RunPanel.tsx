/**
 * One run: its status, progress bars (files, units), throughput, errors, rows per action, the nodes
 * that took part, and its report rows a page at a time. Cancel while it is running.
 */
import * as React from "react";
import { Button, Card, Field, ProgressBar, Text } from "@fluentui/react-components";
import { DismissCircleRegular } from "@fluentui/react-icons";
import type { RunDetail } from "../../../../contracts/scanJobs";
import { actionRows, formatBytes, progressOf, throughputText } from "../../../model/scanJobs";
import { Grid, Muted, Row, SectionTitle, Stack } from "../../../components/Layout";
import { ResultRows } from "./ResultRows";

function Progress(props: { run: RunDetail }) {
  const p = progressOf(props.run);
  const r = props.run;
  return (
    <Grid size="card">
      <Field
        label="Files"
        validationState="none"
        validationMessage={`${p.filesDone} of ${p.filesFound}${p.listing ? " found so far (folders are still being listed)" : ""}`}
      >
        <ProgressBar data-testid="files-progress" value={p.files ?? undefined} max={1} thickness="large" />
      </Field>
      <Field
        label="Work units"
        validationState="none"
        validationMessage={`${r.unitsFinished} of ${r.unitsTotal}`}
      >
        <ProgressBar data-testid="units-progress" value={p.units ?? undefined} max={1} thickness="large" />
      </Field>
    </Grid>
  );
}

export function RunPanel(props: { run: RunDetail; busy: boolean; onCancel: () => void }) {
  const r = props.run;
  return (
    <Card data-testid="run-detail" data-run={r.runId} data-status={r.status}>
      <Stack>
        <Row>
          <SectionTitle>Run of {r.createdAt}</SectionTitle>
          <Text data-testid="run-status" weight="semibold">
            {r.status}
          </Text>
          {r.status === "running" && (
            <Button icon={<DismissCircleRegular />} disabled={props.busy} onClick={props.onCancel}>
              Cancel run
            </Button>
          )}
        </Row>
        <Muted>
          {r.trigger === "schedule" ? "Started by the schedule" : "Started by hand"}
          {r.fullRescan ? ", full rescan" : ""}; configuration version {r.policyVersion ?? "none"}
          {r.finishedAt ? `; finished ${r.finishedAt}` : ""}.
        </Muted>
        <Progress run={r} />
        <Text data-testid="run-throughput">{throughputText(r)}</Text>
        <Text data-testid="run-counts">
          {r.filesDone} files ({formatBytes(r.bytesDone)}) done, {r.filesUnchanged} unchanged,{" "}
          {r.filesSkipped} skipped, {r.errors} with errors; {r.units.retried} units handed out again.
        </Text>
        <SectionTitle>Rows per action</SectionTitle>
        <ul data-testid="run-actions">
          {actionRows(r.byAction).map((a) => (
            <li key={a.action} data-testid="run-action" data-action={a.action}>
              {a.action}: {a.rows}
            </li>
          ))}
        </ul>
        <SectionTitle>Nodes in this run</SectionTitle>
        {r.nodes.length === 0 ? (
          <Muted>No node has reported rows yet.</Muted>
        ) : (
          <ul data-testid="run-nodes">
            {r.nodes.map((n) => (
              <li key={n.node} data-testid="run-node" data-node={n.node}>
                {n.node}: {n.files} files, {formatBytes(n.bytes)}
                {n.unitsActive > 0 ? `, ${n.unitsActive} units in hand` : ""}
              </li>
            ))}
          </ul>
        )}
        <ResultRows runId={r.runId} filesDone={r.filesDone} />
      </Stack>
    </Card>
  );
}
