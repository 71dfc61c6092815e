/** The scan jobs routes (src/contracts/scanJobs.ts): jobs, runs, their rows, and the scanner nodes. */
import type {
  RunDetail,
  ScanJob,
  ScanJobInput,
  ScanJobList,
  ScanResultPage,
  ScanRun,
  ScanRunList,
  ScannerNodeList,
} from "../../../contracts/scanJobs";
import type { ApiClient } from "../../api";

const BASE = "/admin/scan-jobs";
const id = encodeURIComponent;

export const listJobs = (api: ApiClient) => api.getJson<ScanJobList>(BASE);

export const createJob = (api: ApiClient, input: ScanJobInput) => api.sendJson<ScanJob>("POST", BASE, input);

export const replaceJob = (api: ApiClient, jobId: string, input: ScanJobInput) =>
  api.sendJson<ScanJob>("PUT", `${BASE}/${id(jobId)}`, input);

/** 204 on success: no body to read. */
export async function deleteJob(api: ApiClient, jobId: string): Promise<void> {
  await api.request(`${BASE}/${id(jobId)}`, { method: "DELETE" });
}

/** `full`: rescan every file, unchanged or not. */
export const startRun = (api: ApiClient, jobId: string, full: boolean) =>
  api.sendJson<ScanRun>("POST", `${BASE}/${id(jobId)}/runs${full ? "?full=true" : ""}`, undefined);

export const jobRuns = (api: ApiClient, jobId: string) =>
  api.getJson<ScanRunList>(`${BASE}/${id(jobId)}/runs`, new URLSearchParams({ limit: "20" }));

export const runDetail = (api: ApiClient, runId: string) =>
  api.getJson<RunDetail>(`${BASE}/runs/${id(runId)}`);

export const cancelRun = (api: ApiClient, runId: string) =>
  api.sendJson<ScanRun>("POST", `${BASE}/runs/${id(runId)}/cancel`, undefined);

export interface ResultFilter {
  errorsOnly: boolean;
  after: string | null;
}

export function runResults(api: ApiClient, runId: string, filter: ResultFilter): Promise<ScanResultPage> {
  const q = new URLSearchParams({ limit: "50" });
  if (filter.after !== null) q.set("after", filter.after);
  if (filter.errorsOnly) q.set("errors", "true");
  return api.getJson<ScanResultPage>(`${BASE}/runs/${id(runId)}/results`, q);
}

export const listNodes = (api: ApiClient) => api.getJson<ScannerNodeList>(`${BASE}/nodes`);
