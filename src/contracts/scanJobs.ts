/**
 * The admin API of content scan jobs (/api/v1/admin/scan-jobs, docs/scanner-cluster.md): jobs, their
 * runs with progress and throughput, the runs' report rows, and the scanner nodes. The backend's
 * scan job service (src/server/scanJobs) answers with these types and the console's scan jobs view
 * reads them, so a change on one side that the other does not follow is a compile error. Types only.
 *
 * Routes (under `/api/v1/admin`, admin token):
 * - GET  /scan-jobs → ScanJobList; POST /scan-jobs with ScanJobInput → 201 ScanJob
 * - GET/PUT/DELETE /scan-jobs/:jobId → ScanJob; ScanJob; 204 (409 scan-job-running while a run is going)
 * - POST /scan-jobs/:jobId/runs[?full=true] → 202 ScanRun
 * - GET  /scan-jobs/:jobId/runs[?limit], GET /scan-jobs/runs[?limit] → ScanRunList
 * - GET  /scan-jobs/runs/:runId → RunDetail; POST /scan-jobs/runs/:runId/cancel → ScanRun
 * - GET  /scan-jobs/runs/:runId/results?limit&after&action&errors → ScanResultPage
 * - GET  /scan-jobs/nodes → ScannerNodeList
 * A refused definition answers `400 invalid-scan-job` with `issues: ScanJobIssue[]`.
 */

/** A job's definition as stored and answered: every field present, defaults filled in. */
export interface ScanJobDefinition {
  name: string;
  /** Absolute paths as every node sees them (/srv/share, D:\Share, \\server\share). */
  repositories: Array<{ path: string }>;
  include: string[];
  exclude: string[];
  /** null: runs only when started; otherwise every N minutes from `startAt`. */
  schedule: { everyMinutes: number; startAt?: string } | null;
  mode: "discover" | "enforce";
  /** Whose policies apply, and the name audit events carry. */
  identity: { upn: string | null; groups: string[]; name: string };
  /** The configuration version runs use; null: the tenant's current one when a run starts. */
  policyVersion: number | null;
  relabel: boolean;
  justification: string | null;
  treatRecommendedAsAutomatic: boolean;
  dryRun: boolean;
  incremental: boolean;
  fileTimeoutSeconds: number;
  enabled: boolean;
}

/** What POST/PUT take: `name` and `repositories` are required, the rest has defaults. */
export type ScanJobInput = Pick<ScanJobDefinition, "name" | "repositories"> &
  Partial<Omit<ScanJobDefinition, "name" | "repositories">>;

/** One problem of a refused definition, at its path (`repositories[0].path`). */
export interface ScanJobIssue {
  path: string;
  message: string;
}

export interface ScanJob {
  jobId: string;
  definition: ScanJobDefinition;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  /** When the schedule starts the next run; null without a schedule or when disabled. */
  nextRunAt: string | null;
}

export type RunStatus = "running" | "completed" | "cancelled";

export interface RunCounters {
  unitsTotal: number;
  unitsFinished: number;
  filesFound: number;
  bytesFound: number;
  filesDone: number;
  bytesDone: number;
  /** Incremental: files whose size/mtime or content hash were those of the last run. */
  filesUnchanged: number;
  /** Left out by type or include/exclude. */
  filesSkipped: number;
  errors: number;
}

export interface ScanRun extends RunCounters {
  runId: string;
  jobId: string;
  jobName: string;
  status: RunStatus;
  trigger: "manual" | "schedule";
  fullRescan: boolean;
  createdAt: string;
  finishedAt: string | null;
  /** The configuration version the run uses (null: the tenant had none; discovery without a policy). */
  policyVersion: number | null;
}

/** GET /scan-jobs: each job with its newest run. */
export interface ScanJobList {
  jobs: Array<ScanJob & { lastRun: ScanRun | null }>;
}

export interface ScanRunList {
  runs: ScanRun[];
}

/** A node's share of a run. */
export interface RunNodeShare {
  node: string;
  files: number;
  bytes: number;
  unitsActive: number;
}

export interface RunDetail extends ScanRun {
  /** Seconds from start to finish (or to now while running). */
  elapsedSeconds: number;
  /** Files with a row per second over `elapsedSeconds`. */
  filesPerSecond: number;
  bytesPerSecond: number;
  /** Rows per action (`unchanged` included). */
  byAction: Record<string, number>;
  units: { byState: Record<string, number>; retried: number };
  nodes: RunNodeShare[];
}

/**
 * A report row as the scanner makes it (docs/cli.md lists every field) with the node that made it and
 * how: `scanned`, `unchanged` (the last run's row stands) or `failed` (no node could scan the file).
 */
export interface ScanResultRow {
  path: string;
  size: number;
  type: string;
  action: string;
  error: string | null;
  node: string;
  outcome: string;
  [field: string]: unknown;
}

export interface ScanResultPage {
  rows: ScanResultRow[];
  /** Pass as `after` for the next page; null on the last one. */
  next: string | null;
}

/** A node's counts since it started, from its last heartbeat. */
export interface NodeStats {
  filesDone: number;
  bytesDone: number;
  errors: number;
  activeUnits: number;
}

export interface ScannerNode {
  node: string;
  status: "live" | "lost" | "left";
  host: string | null;
  version: string | null;
  jobs: number;
  registeredAt: string;
  lastSeenAt: string;
  stats: NodeStats | null;
}

export interface ScannerNodeList {
  nodes: ScannerNode[];
}
