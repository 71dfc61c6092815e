/**
 * The scan jobs view's data: jobs with their last run, the selected job's runs, the selected run's
 * detail, and the nodes. Read again every POLL_MS while a run is going; polling stops when nothing
 * runs or the view is left (the effect's cleanup).
 */
import * as React from "react";
import type { RunDetail, ScanJobList, ScanRun, ScannerNode } from "../../../../contracts/scanJobs";
import { POLL_MS, anyRunning } from "../../../model/scanJobs";
import { useEditor } from "../../../state";
import { jobRuns, listJobs, listNodes, runDetail } from "../api";

export interface ScanJobsData {
  jobs: ScanJobList["jobs"] | null;
  nodes: ScannerNode[];
  runs: ScanRun[];
  detail: RunDetail | null;
  error: string | null;
  /** Read everything again now (after an action). */
  refresh: () => Promise<void>;
}

export function useScanJobs(jobId: string | null, runId: string | null): ScanJobsData {
  const { api } = useEditor();
  const [jobs, setJobs] = React.useState<ScanJobList["jobs"] | null>(null);
  const [nodes, setNodes] = React.useState<ScannerNode[]>([]);
  const [runs, setRuns] = React.useState<ScanRun[]>([]);
  const [detail, setDetail] = React.useState<RunDetail | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  // A slow answer for a job or run no longer shown is dropped; a poll waits for the read before it.
  const shown = React.useRef("");
  shown.current = `${jobId}/${runId}`;
  const reading = React.useRef(false);
  const refresh = React.useCallback(async () => {
    const key = `${jobId}/${runId}`;
    reading.current = true;
    try {
      const [j, n, r, d] = await Promise.all([
        listJobs(api),
        listNodes(api),
        jobId ? jobRuns(api, jobId).then((x) => x.runs) : Promise.resolve([]),
        runId ? runDetail(api, runId) : Promise.resolve(null),
      ]);
      if (key !== shown.current) return;
      setJobs(j.jobs);
      setNodes(n.nodes);
      setRuns(r);
      setDetail(d);
      setError(null);
    } catch (err) {
      if (key === shown.current) setError((err as Error).message);
    } finally {
      reading.current = false;
    }
  }, [api, jobId, runId]);

  React.useEffect(() => {
    void refresh();
  }, [refresh]);

  const running = anyRunning([...(jobs ?? []).map((j) => j.lastRun), detail]);
  React.useEffect(() => {
    if (!running) return undefined;
    const timer = window.setInterval(() => void (reading.current || refresh()), POLL_MS);
    return () => window.clearInterval(timer);
  }, [running, refresh]);

  return { jobs, nodes, runs, detail, error, refresh };
}
