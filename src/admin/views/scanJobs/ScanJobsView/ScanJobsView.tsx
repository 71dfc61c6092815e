/**
 * Content scan jobs (docs/scanner-cluster.md): the jobs with their schedule and last run, a job's
 * runs with progress, throughput, errors, actions, nodes and rows, and the scanner nodes. Reads
 * again every few seconds while a run is going.
 */
import * as React from "react";
import { Button, Spinner } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import type { ScanJobIssue } from "../../../../contracts/scanJobs";
import { ApiError } from "../../../api";
import { EMPTY_JOB_FORM, type JobForm, definitionOf, formOf } from "../../../model/scanJobs";
import { InlineMessage } from "../../../components/InlineMessage";
import { Muted, Row, SectionTitle, Stack, ViewTitle } from "../../../components/Layout";
import type { ViewProps } from "../../../routes";
import { navigate } from "../../../router";
import { useEditor } from "../../../state";
import { createJob, replaceJob } from "../api";
import { JobEditor } from "../JobEditor";
import { NodesTable } from "../NodesTable";
import { JobDetail } from "./JobDetail";
import { JobsTable } from "./JobsTable";
import { useScanJobs } from "./useScanJobs";

interface Editing {
  jobId: string | null;
  form: JobForm;
  issues: ScanJobIssue[];
  error: string | null;
}

/** A refusal's issues at their fields; any other failure as its message. */
function refusalOf(err: unknown): Pick<Editing, "issues" | "error"> {
  if (err instanceof ApiError && err.code === "invalid-scan-job" && err.issues.length > 0)
    return { issues: err.issues, error: null };
  return { issues: [], error: (err as Error).message };
}

export function ScanJobsView(props: ViewProps) {
  const { api } = useEditor();
  const [runId, setRunId] = React.useState<string | null>(null);
  const data = useScanJobs(props.selected, runId);
  const [editing, setEditing] = React.useState<Editing | null>(null);
  const [busy, setBusy] = React.useState(false);
  const job = data.jobs?.find((j) => j.jobId === props.selected) ?? null;

  // A job opened shows its newest run until another is picked.
  React.useEffect(() => setRunId(job?.lastRun?.runId ?? null), [props.selected, job?.lastRun?.runId]);

  const save = async () => {
    if (!editing) return;
    setBusy(true);
    try {
      const input = definitionOf(editing.form);
      const saved = editing.jobId ? await replaceJob(api, editing.jobId, input) : await createJob(api, input);
      setEditing(null);
      await data.refresh();
      navigate("scan-jobs", saved.jobId);
    } catch (err) {
      setEditing({ ...editing, ...refusalOf(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack data-testid="scan-jobs-view">
      <ViewTitle>Scan jobs</ViewTitle>
      <Muted>
        Scanner nodes (labelbridge scanner --server URL --node NAME) share each run of a job: they list the
        repositories, scan the files and report a row per file here.
      </Muted>
      {data.error && (
        <InlineMessage intent="error" title="The scan jobs could not be read">
          {data.error}
        </InlineMessage>
      )}
      <Row>
        <Button
          icon={<AddRegular />}
          disabled={editing !== null}
          onClick={() => setEditing({ jobId: null, form: EMPTY_JOB_FORM, issues: [], error: null })}
        >
          New scan job
        </Button>
      </Row>
      {data.jobs === null && !data.error && <Spinner size="small" label="Reading the scan jobs…" />}
      {data.jobs?.length === 0 && <Muted data-testid="no-jobs">No scan job is defined yet.</Muted>}
      {data.jobs && data.jobs.length > 0 && <JobsTable jobs={data.jobs} selected={props.selected} />}
      {editing ? (
        <JobEditor
          title={editing.jobId ? `Edit ${job?.definition.name ?? "the job"}` : "New scan job"}
          form={editing.form}
          onChange={(form) => setEditing({ ...editing, form })}
          issues={editing.issues}
          error={editing.error}
          busy={busy}
          onSave={() => void save()}
          onCancel={() => setEditing(null)}
        />
      ) : (
        job && (
          <JobDetail
            job={job}
            runs={data.runs}
            detail={data.detail}
            runId={runId}
            onPickRun={setRunId}
            onEdit={() =>
              setEditing({ jobId: job.jobId, form: formOf(job.definition), issues: [], error: null })
            }
            refresh={data.refresh}
          />
        )
      )}
      <SectionTitle>Scanner nodes</SectionTitle>
      <NodesTable nodes={data.nodes} />
    </Stack>
  );
}
