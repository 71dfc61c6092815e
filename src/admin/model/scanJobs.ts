/**
 * The scan jobs view's pure side (docs/scanner-cluster.md): a job's form and the definition it sends,
 * the backend's `invalid-scan-job` issues placed at the form's fields, a run's progress and
 * throughput as the view prints them, and whether the view should keep polling.
 */
import type {
  RunDetail,
  ScanJobDefinition,
  ScanJobInput,
  ScanJobIssue,
  ScanRun,
  ScannerNode,
} from "../../contracts/scanJobs";

/** The job form as the admin types it: lists one per line, numbers as text. */
export interface JobForm {
  name: string;
  repositories: string;
  include: string;
  exclude: string;
  mode: "discover" | "enforce";
  /** Empty: manual runs only. */
  everyMinutes: string;
  startAt: string;
  upn: string;
  groups: string;
  identityName: string;
  /** Empty: the tenant's current configuration. */
  policyVersion: string;
  relabel: boolean;
  justification: string;
  treatRecommendedAsAutomatic: boolean;
  dryRun: boolean;
  incremental: boolean;
  fileTimeoutSeconds: string;
  enabled: boolean;
}

export type JobField = keyof JobForm;

export const EMPTY_JOB_FORM: JobForm = {
  name: "",
  repositories: "",
  include: "",
  exclude: "",
  mode: "discover",
  everyMinutes: "",
  startAt: "",
  upn: "",
  groups: "",
  identityName: "",
  policyVersion: "",
  relabel: false,
  justification: "",
  treatRecommendedAsAutomatic: false,
  dryRun: false,
  incremental: true,
  fileTimeoutSeconds: "120",
  enabled: true,
};

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");

/** A number field as typed: empty is absent; anything else goes as a number, or as typed for the backend to refuse. */
const numberOf = (text: string): number | string | undefined =>
  text.trim() === "" ? undefined : Number.isFinite(Number(text)) ? Number(text) : text.trim();

export function formOf(d: ScanJobDefinition): JobForm {
  return {
    name: d.name,
    repositories: d.repositories.map((r) => r.path).join("\n"),
    include: d.include.join("\n"),
    exclude: d.exclude.join("\n"),
    mode: d.mode,
    everyMinutes: d.schedule ? String(d.schedule.everyMinutes) : "",
    startAt: d.schedule?.startAt ?? "",
    upn: d.identity.upn ?? "",
    groups: d.identity.groups.join("\n"),
    identityName: d.identity.name,
    policyVersion: d.policyVersion === null ? "" : String(d.policyVersion),
    relabel: d.relabel,
    justification: d.justification ?? "",
    treatRecommendedAsAutomatic: d.treatRecommendedAsAutomatic,
    dryRun: d.dryRun,
    incremental: d.incremental,
    fileTimeoutSeconds: String(d.fileTimeoutSeconds),
    enabled: d.enabled,
  };
}

/**
 * What POST/PUT send. The backend validates it whole; the console only shapes what was typed (a
 * non-number stays a string so the 400 names the field rather than the console guessing).
 */
export function definitionOf(form: JobForm): ScanJobInput {
  const every = numberOf(form.everyMinutes);
  const identity = {
    upn: form.upn.trim() === "" ? null : form.upn.trim(),
    groups: lines(form.groups),
    ...(form.identityName.trim() ? { name: form.identityName.trim() } : {}),
  };
  const timeout = numberOf(form.fileTimeoutSeconds);
  return {
    name: form.name,
    repositories: lines(form.repositories).map((path) => ({ path })),
    include: lines(form.include),
    exclude: lines(form.exclude),
    mode: form.mode,
    schedule:
      every === undefined
        ? null
        : ({
            everyMinutes: every,
            ...(form.startAt.trim() ? { startAt: form.startAt.trim() } : {}),
          } as ScanJobDefinition["schedule"]),
    identity: identity as ScanJobDefinition["identity"],
    policyVersion: (numberOf(form.policyVersion) ?? null) as number | null,
    relabel: form.relabel,
    justification: form.justification.trim() === "" ? null : form.justification.trim(),
    treatRecommendedAsAutomatic: form.treatRecommendedAsAutomatic,
    dryRun: form.dryRun,
    incremental: form.incremental,
    ...(timeout === undefined ? {} : { fileTimeoutSeconds: timeout as number }),
    enabled: form.enabled,
  };
}

/** The form field an issue's path belongs to; null for problems of the whole definition. */
export function fieldOfIssue(path: string): JobField | null {
  const head = /^[A-Za-z]+/.exec(path)?.[0] ?? "";
  const sub = /^identity\.([A-Za-z]+)/.exec(path)?.[1];
  if (head === "identity") return sub === "groups" ? "groups" : sub === "name" ? "identityName" : "upn";
  if (head === "schedule") return path.startsWith("schedule.startAt") ? "startAt" : "everyMinutes";
  const direct: readonly JobField[] = [
    "name",
    "repositories",
    "include",
    "exclude",
    "mode",
    "policyVersion",
    "relabel",
    "justification",
    "treatRecommendedAsAutomatic",
    "dryRun",
    "incremental",
    "fileTimeoutSeconds",
    "enabled",
  ];
  return direct.includes(head as JobField) ? (head as JobField) : null;
}

/** Issues grouped by form field: each message with the part of the path inside the field (`[1].path: …`). */
export function issuesByField(issues: readonly ScanJobIssue[]): {
  fields: Partial<Record<JobField, string>>;
  general: string[];
} {
  const fields: Partial<Record<JobField, string>> = {};
  const general: string[] = [];
  for (const i of issues) {
    const field = fieldOfIssue(i.path);
    if (field === null) {
      general.push(i.path ? `${i.path}: ${i.message}` : i.message);
      continue;
    }
    const inner = /^repositories\[(\d+)\]/.exec(i.path);
    const text = inner ? `line ${Number(inner[1]) + 1}: ${i.message}` : i.message;
    fields[field] = fields[field] ? `${fields[field]}\n${text}` : text;
  }
  return { fields, general };
}

/** "Manual", or "Every 1,440 minutes from …". */
export function scheduleText(d: ScanJobDefinition): string {
  if (!d.schedule) return "Manual";
  const every = d.schedule.everyMinutes;
  const unit =
    every % 1440 === 0
      ? `${every / 1440} day${every === 1440 ? "" : "s"}`
      : every % 60 === 0
        ? `${every / 60} hour${every === 60 ? "" : "s"}`
        : `${every} minutes`;
  return `Every ${unit}${d.schedule.startAt ? ` from ${d.schedule.startAt}` : ""}${d.enabled ? "" : " (disabled)"}`;
}

export interface RunProgress {
  filesDone: number;
  filesFound: number;
  /** 0–1; null while nothing is found yet. */
  files: number | null;
  units: number | null;
  /** The walk is still listing folders: `filesFound` can grow. */
  listing: boolean;
}

const fraction = (done: number, total: number) => (total > 0 ? Math.min(1, done / total) : null);

export function progressOf(run: ScanRun): RunProgress {
  return {
    filesDone: run.filesDone,
    filesFound: run.filesFound,
    files: run.status === "completed" && run.filesFound === 0 ? 1 : fraction(run.filesDone, run.filesFound),
    units: fraction(run.unitsFinished, run.unitsTotal),
    listing: run.status === "running" && run.unitsFinished < run.unitsTotal,
  };
}

const UNITS = ["B", "KB", "MB", "GB", "TB"];

/** 1536 → "1.5 KB" (1024-based, as file managers show sizes). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

export function throughputText(run: RunDetail): string {
  return `${run.filesPerSecond} files/s · ${formatBytes(run.bytesPerSecond)}/s over ${formatDuration(run.elapsedSeconds)}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Rows per action, largest first (ties by name), for the run's action table. */
export function actionRows(byAction: Record<string, number>): Array<{ action: string; rows: number }> {
  return Object.entries(byAction)
    .map(([action, rows]) => ({ action, rows }))
    .sort((a, b) => b.rows - a.rows || a.action.localeCompare(b.action));
}

/** "12 s ago" from the node's last heartbeat, against `now`. */
export function lastSeenText(node: ScannerNode, now: number): string {
  const seconds = Math.max(0, (now - Date.parse(node.lastSeenAt)) / 1000);
  return `${formatDuration(seconds)} ago`;
}

/** How often the view asks again while something runs; it stops when nothing does or the view closes. */
export const POLL_MS = 2000;

export function anyRunning(runs: ReadonlyArray<ScanRun | null | undefined>): boolean {
  return runs.some((r) => r?.status === "running");
}
