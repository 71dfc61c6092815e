/**
 * What scanner nodes and the backend say to each other under /api/v1/scanner (docs/scanner-cluster.md).
 * The node (src/cli/scanner) imports these types; the backend checks every body against the schemas
 * before it stores anything.
 */
import { z } from "zod";
import type { AuditEvent } from "../../core/audit";
import type { PolicyUser, TenantPolicy } from "../../core/policy";

/**
 * Files per work unit: small enough that a lost unit costs little, large enough that the claim, the
 * report and the finish of a unit (some 20 statements) weigh little per file.
 */
export const FILES_PER_UNIT = 500;

/** Everything a node needs to scan for a run; fetched once per run. */
export interface RunSpec {
  runId: string;
  jobId: string;
  jobName: string;
  mode: "discover" | "enforce";
  include: string[];
  exclude: string[];
  relabel: boolean;
  justification: string | null;
  treatRecommendedAsAutomatic: boolean;
  dryRun: boolean;
  identity: { upn: string | null; groups: string[]; name: string };
  /** The tenant configuration the run decides with, resolved by each node for `identity`. */
  policy: { version: number; configuration: TenantPolicy } | null;
  fileTimeoutSeconds: number;
  filesPerUnit: number;
}

/** Whose policies a run applies: the job's identity, as `labelbridge scan --user` resolves them. */
export function policyUserOf(identity: RunSpec["identity"]): PolicyUser {
  return identity.upn
    ? { id: identity.upn, upn: identity.upn, groups: identity.groups }
    : { id: "labelbridge-scanner", groups: identity.groups };
}

export interface WalkPayload {
  /** The repository as the job names it. */
  root: string;
  /** The folder to list (its real path once followed through links). */
  dir: string;
  /** `dir` relative to `root`, `/`-separated ("" for the root): include/exclude match against it. */
  rel: string;
}

export interface UnitFile {
  path: string;
  size: number;
  type: string;
  /** What the last run of the job recorded, when it decided with the same settings. */
  previous: { size: number; mtimeMs: number; hash: string } | null;
}

export type ClaimedUnit =
  | ({ kind: "walk"; runId: string; unitId: string; claim: number } & WalkPayload)
  | { kind: "files"; runId: string; unitId: string; claim: number; files: UnitFile[] };

export interface ClaimAnswer {
  unit: ClaimedUnit | null;
  /** Runs of the tenant still going: a node told to exit when idle waits while this is above 0. */
  runningRuns: number;
}

export interface RegisterAnswer {
  node: string;
  heartbeatSeconds: number;
  /** A node silent for this long is lost: its units go to other nodes. */
  nodeTimeoutSeconds: number;
}

export interface HeartbeatAnswer {
  /** Units this node holds that are no longer its own (reassigned, or their run was cancelled). */
  dropUnits: string[];
}

const nodeName = z
  .string()
  .min(1)
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    "letters, digits, '.', '_' and '-', starting with a letter or digit",
  );

export const registerSchema = z
  .object({
    node: nodeName,
    host: z.string().max(255).optional(),
    version: z.string().max(50).optional(),
    jobs: z.number().int().min(1).max(1024),
  })
  .strict();

const stats = z
  .object({
    filesDone: z.number().int().min(0),
    bytesDone: z.number().min(0),
    errors: z.number().int().min(0),
    activeUnits: z.number().int().min(0),
  })
  .strict();
export type NodeStats = z.infer<typeof stats>;

export const heartbeatSchema = z.object({ units: z.array(z.string().max(64)).max(1000), stats }).strict();

const claimRef = { claim: z.number().int().min(1) };

const walkedFile = z.object({
  path: z.string().min(1).max(4096),
  size: z.number().min(0),
  type: z.string().max(10),
});
export type WalkedFile = z.infer<typeof walkedFile>;

/** A folder's listing; what could not be walked is reported as result rows of the walk unit. */
export const walkReportSchema = z
  .object({
    ...claimRef,
    /** The folder's real path (batches are named after it, so a folder listed twice yields the same units). */
    dir: z.string().min(1).max(4096),
    dirs: z
      .array(z.object({ path: z.string().min(1).max(4096), rel: z.string().max(4096) }).strict())
      .max(10_000),
    batches: z
      .array(
        z
          .object({ index: z.number().int().min(0), files: z.array(walkedFile).min(1).max(FILES_PER_UNIT) })
          .strict(),
      )
      .max(100),
    skipped: z.number().int().min(0),
    /** The last report of this unit: the unit is finished with it. */
    done: z.boolean(),
  })
  .strict();
export type WalkReport = z.infer<typeof walkReportSchema>;

/**
 * A report row (src/cli/scan/row.ts) as the backend reads it; the rest is kept as sent. Checked by
 * hand (resultsReport.ts): path 1–4096 characters, size ≥ 0, type ≤ 10, action 1–40, error ≤ 10,000
 * or null, at most 20 audit events.
 */
export interface ReportRow {
  path: string;
  size: number;
  type: string;
  action: string;
  error: string | null;
  audit: AuditEvent[];
  [field: string]: unknown;
}

export interface FileResult {
  path: string;
  /** scanned: `row` is the new report row; unchanged: the last run's row stands (incremental). */
  outcome: "scanned" | "unchanged";
  size: number;
  mtimeMs: number | null;
  hash: string | null;
  row: ReportRow | null;
}

/** At most 1,000 results; a scanned one has its row (same path), an unchanged one its mtime and hash. */
export interface ResultsReport {
  claim: number;
  results: FileResult[];
  /** The last report of this unit: the unit is finished with it. */
  done: boolean;
}

export const releaseSchema = z.object({ ...claimRef }).strict();
