/**
 * The job opened: start a run (incremental or full), edit, delete (refused while a run is going, and
 * said so), its runs, and the picked run's detail.
 */
import * as React from "react";
import { Button, Checkbox, Dropdown, Field, Option } from "@fluentui/react-components";
import { DeleteRegular, EditRegular, PlayRegular } from "@fluentui/react-icons";
import type { RunDetail, ScanJobList, ScanRun } from "../../../../contracts/scanJobs";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { InlineMessage } from "../../../components/InlineMessage";
import { Row, SectionTitle, Stack } from "../../../components/Layout";
import { navigate } from "../../../router";
import { useEditor } from "../../../state";
import { cancelRun, deleteJob, startRun } from "../api";
import { RunPanel } from "../RunPanel";

export interface JobDetailProps {
  job: ScanJobList["jobs"][number];
  runs: ScanRun[];
  detail: RunDetail | null;
  runId: string | null;
  onPickRun: (runId: string) => void;
  onEdit: () => void;
  refresh: () => Promise<void>;
}

const runLabel = (r: ScanRun) => `${r.createdAt} · ${r.status}${r.fullRescan ? " · full" : ""}`;

export function JobDetail(props: JobDetailProps) {
  const { api } = useEditor();
  const [full, setFull] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [problem, setProblem] = React.useState<string | null>(null);
  const { job } = props;
  const running = job.lastRun?.status === "running";

  /**
   * Runs an action; a refusal (409 while running, no policy…) is shown as the backend words it.
   * `reread` false: the job is gone (deleted), there is nothing of it to read again.
   */
  const act = async (action: () => Promise<void>, reread = true) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      setBusy(false);
      if (reread) await props.refresh();
    } catch (err) {
      setBusy(false);
      setProblem((err as Error).message);
      await props.refresh();
    }
  };

  const picked = props.runs.find((r) => r.runId === props.runId);
  return (
    <Stack data-testid="scan-job" data-job={job.jobId}>
      <SectionTitle>{job.definition.name}</SectionTitle>
      <Row>
        <Button
          appearance="primary"
          icon={<PlayRegular />}
          disabled={busy || running}
          onClick={() => void act(async () => props.onPickRun((await startRun(api, job.jobId, full)).runId))}
        >
          Start run
        </Button>
        <Checkbox label="Full rescan" checked={full} onChange={(_e, d) => setFull(d.checked === true)} />
        <Button icon={<EditRegular />} disabled={busy} onClick={props.onEdit}>
          Edit
        </Button>
        <ConfirmDialog
          trigger={
            <Button icon={<DeleteRegular />} disabled={busy}>
              Delete
            </Button>
          }
          title={`Delete ${job.definition.name}?`}
          confirmText="Delete job"
          onConfirm={() =>
            void act(async () => {
              await deleteJob(api, job.jobId);
              navigate("scan-jobs");
            }, false)
          }
        >
          The job’s definition goes; its runs and their rows stay.
        </ConfirmDialog>
      </Row>
      {problem && (
        <InlineMessage intent="error" data-testid="job-problem">
          {problem}
        </InlineMessage>
      )}
      {props.runs.length > 0 && (
        <Field label="Run">
          <Dropdown
            data-testid="run-picker"
            value={picked ? runLabel(picked) : ""}
            selectedOptions={props.runId ? [props.runId] : []}
            onOptionSelect={(_e, d) => d.optionValue && props.onPickRun(d.optionValue)}
          >
            {props.runs.map((r) => (
              <Option key={r.runId} value={r.runId}>
                {runLabel(r)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      {props.detail && (
        <RunPanel
          run={props.detail}
          busy={busy}
          onCancel={() => void act(async () => void (await cancelRun(api, props.detail!.runId)))}
        />
      )}
    </Stack>
  );
}
