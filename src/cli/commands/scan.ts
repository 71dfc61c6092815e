/**
 * `labelbridge scan <paths…>`: discover sensitive information in files at rest and, in enforce mode,
 * label them (roadmap phases 1 and 5). Options, reports and exit codes: docs/cli.md.
 */
import { availableParallelism } from "node:os";
import { Command, InvalidArgumentError, Option } from "commander";
import type { EffectivePolicy } from "../../core/policy";
import { EXIT } from "../main";
import { reportFormatOf } from "../report";
import { ReportWriter } from "../report/stream";
import { type ScanSummary, SummaryBuilder } from "../report/summary";
import { AuditSpool } from "../scan/auditSpool";
import {
  type Io,
  type PolicyCliOptions,
  addPolicyOptions,
  collect,
  processIo,
  scannerIdentity,
  usageError,
} from "../scan/cliOptions";
import { DEFAULT_CONTENT_LIMITS } from "../scan/content";
import { commandLinePath } from "../scan/fsPath";
import { type ScanResult, runScan } from "../scan/engine";
import { boundScanHeaps } from "../scan/heapBounds";
import { type FileScanner, inProcessScanner, workerScanner } from "../scan/pool";
import { loadPolicy, tokenFrom } from "../scan/policySource";
import { justificationFrom } from "../scan/policyUse";
import { ProgressReporter, formatBytes, formatDuration } from "../scan/progress";
import type { ScanRow } from "../scan/row";
import type { ScanSettings } from "../scan/scanFile";

export interface ScanCommandOptions extends PolicyCliOptions {
  mode: string;
  report: string[];
  include: string[];
  exclude: string[];
  jobs?: number;
  relabel?: boolean;
  justification?: string;
  treatRecommendedAsAutomatic?: boolean;
  dryRun?: boolean;
  upload?: boolean;
  failOn?: string;
  progress: boolean;
  fileTimeout: number;
  /** MiB a file may decode (default 256). */
  maxDecoded?: number;
}

export interface ScanDeps {
  io: Io;
  /** Replaces the worker pool (tests run in-process). */
  scanner?: (settings: ScanSettings, jobs: number) => FileScanner;
  fetch?: typeof fetch;
}

const CONFIDENCE_LEVELS: Record<string, number> = { any: 1, low: 65, medium: 75, high: 85 };

/** `--fail-on low|medium|high|any|N`: the lowest confidence that counts as a finding. */
export function parseFailOn(value: string): number | null {
  const v = value.trim().toLowerCase();
  if (v in CONFIDENCE_LEVELS) return CONFIDENCE_LEVELS[v];
  if (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 100) return Number(v);
  return null;
}

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(`${name} must be a whole number ≥ 1, got "${value}"`);
    return n;
  };
}

/** What the summary on stdout needs beyond the report's summary: the first errors, and how many. */
class ErrorList {
  readonly first: Array<{ path: string; error: string }> = [];
  count = 0;

  add(row: ScanRow): void {
    if (row.error === null) return;
    this.count++;
    if (this.first.length < 20) this.first.push({ path: row.path, error: row.error });
  }
}

function printSummary(
  io: Io,
  result: ScanResult,
  s: ScanSummary,
  errors: ErrorList,
  mode: string,
  reports: string[],
): void {
  const seconds = result.durationMs / 1000;
  const rate = seconds > 0 ? result.bytesScanned / (1024 * 1024) / seconds : 0;
  const lines = [
    `Scanned ${s.files.toLocaleString("en-US")} files (${formatBytes(s.bytes)}) in ${formatDuration(result.durationMs)} — ${rate.toFixed(1)} MB/s`,
    `  ${s.filesWithFindings.toLocaleString("en-US")} with sensitive information, ${s.errors.toLocaleString("en-US")} error${s.errors === 1 ? "" : "s"}${result.skipped ? `, ${result.skipped.toLocaleString("en-US")} other files skipped (type or --include/--exclude)` : ""}`,
  ];
  const width = Math.max(0, ...s.byInfoType.map((t) => t.name.length));
  for (const t of s.byInfoType)
    lines.push(
      `  ${t.name.padEnd(width)}  ${String(t.files).padStart(6)} files  ${String(t.instances).padStart(8)} instances`,
    );
  if (mode === "enforce" || s.byProposedLabel.length > 0) {
    const actions = Object.entries(s.byAction)
      .filter(([a]) => a !== "reported" && a !== "none")
      .map(([a, n]) => `${a} ${n}`);
    if (actions.length) lines.push(`  Actions: ${actions.join(", ")}`);
  }
  if (errors.count) {
    lines.push("Errors:");
    for (const r of errors.first) lines.push(`  ${r.path}: ${r.error}`);
    if (errors.count > errors.first.length)
      lines.push(`  … and ${errors.count - errors.first.length} more (see the report)`);
  }
  for (const r of reports) lines.push(`Report: ${r}`);
  io.out(lines.join("\n") + "\n");
}

export async function runScanCommand(
  cmd: Command,
  paths: string[],
  opts: ScanCommandOptions,
  deps: ScanDeps,
): Promise<number> {
  const { io } = deps;
  if (opts.mode !== "discover" && opts.mode !== "enforce")
    usageError(cmd, `--mode must be discover or enforce, got "${opts.mode}"`);
  const mode: "discover" | "enforce" = opts.mode;
  for (const r of opts.report)
    if (!reportFormatOf(r))
      usageError(cmd, `--report ${r}: the name must end in .csv, .json, .jsonl or .html`);
  if (opts.justification !== undefined && !opts.relabel)
    usageError(cmd, "--justification goes with --relabel");
  if (opts.justification !== undefined && opts.justification.trim() === "")
    usageError(cmd, "--justification needs a text");
  if (opts.relabel && mode !== "enforce") usageError(cmd, "--relabel only applies to --mode enforce");
  if (opts.upload && !opts.server) usageError(cmd, "--upload sends audit events to --server URL");
  if (mode === "enforce" && !opts.policy && !opts.server)
    usageError(cmd, "--mode enforce needs a policy: --policy FILE or --server URL");
  const threshold = opts.failOn === undefined ? null : parseFailOn(opts.failOn);
  if (opts.failOn !== undefined && threshold === null)
    usageError(cmd, `--fail-on must be low, medium, high, any or a confidence 1–100, got "${opts.failOn}"`);

  let policy: EffectivePolicy | null;
  try {
    policy = await loadPolicy({ ...opts, previewDrafts: mode === "discover" });
  } catch (err) {
    io.err(`labelbridge scan: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
  if (mode === "enforce" && policy && !policy.features.scannerEnforce && !opts.dryRun) {
    io.err(
      `labelbridge scan: the policy is in phase "${policy.phase}"; the scanner writes labels only in phase "enforce". ` +
        `Use --mode discover, or --dry-run to see what enforce would do.\n`,
    );
    return EXIT.refused;
  }

  const settings: ScanSettings = {
    mode,
    policy,
    relabel: opts.relabel === true,
    justification:
      policy && opts.justification !== undefined ? justificationFrom(policy, opts.justification) : null,
    treatRecommendedAsAutomatic: opts.treatRecommendedAsAutomatic === true,
    dryRun: opts.dryRun === true,
    limits: {
      ...DEFAULT_CONTENT_LIMITS,
      decode: {
        maxDecodedBytes: (opts.maxDecoded ?? 256) * 1024 * 1024,
        // Inside the worker's own time limit, so the file gets a row with the reason, not a timeout.
        maxDecodeMs: Math.min(DEFAULT_CONTENT_LIMITS.decode.maxDecodeMs, opts.fileTimeout * 500),
      },
    },
    identity: scannerIdentity(),
    // Protected files are read, and Labelbridge-protected labels applied, with keys from the server.
    protection: opts.server ? { server: opts.server, token: tokenFrom(opts) ?? "" } : null,
  };
  const jobs = opts.jobs ?? availableParallelism();
  let scanner: FileScanner;
  try {
    scanner = deps.scanner
      ? deps.scanner(settings, jobs)
      : jobs === 1
        ? inProcessScanner(settings)
        : workerScanner(settings, { workers: jobs, fileTimeoutMs: opts.fileTimeout * 1000, maxHeapMb: 2048 });
  } catch (err) {
    io.err(`labelbridge scan: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
  let reports: ReportWriter;
  try {
    reports = new ReportWriter(opts.report);
  } catch (err) {
    await scanner.close();
    io.err(`labelbridge scan: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
  // A refused protecting label is audited whenever there is a server; everything else with --upload.
  const audit = opts.server ? new AuditSpool() : null;
  const summary = new SummaryBuilder(paths);
  const errors = new ErrorList();
  let findings = false;
  let refused = false;
  const onRow = (row: ScanRow) => {
    reports.add(row);
    summary.add(row);
    errors.add(row);
    audit?.add(opts.upload ? row.audit : row.audit.filter((e) => e.type === "label-refused"));
    if (threshold !== null && row.infoTypes.some((t) => t.confidence >= threshold)) findings = true;
    if (row.action === "refused") refused = true;
  };
  // The walk holds the main thread for a while: its heap is bounded once the workers' are set up.
  await scanner.started?.();
  const progress = opts.progress ? new ProgressReporter(io.progress) : null;
  const startedAt = new Date().toISOString();
  let result: ScanResult;
  try {
    result = await runScan({
      roots: paths.map(commandLinePath),
      removeStaleTemps: mode === "enforce" && !settings.dryRun,
      include: opts.include,
      exclude: opts.exclude,
      scanner,
      onRow,
      onProgress: (p) => progress?.update(p),
    });
  } catch (err) {
    reports.abort();
    audit?.remove();
    throw err;
  } finally {
    await scanner.close();
  }

  let runFailed = false;
  const meta = {
    mode,
    roots: paths,
    startedAt,
    durationMs: result.durationMs,
    dryRun: settings.dryRun,
    policy: policy ? { siteId: policy.siteId, tenantName: policy.tenantName, phase: policy.phase } : null,
  };
  const totals = summary.result();
  for (const f of reports.finish(meta, totals)) {
    io.err(`labelbridge scan: the report ${f.path} could not be written: ${f.message}\n`);
    runFailed = true;
  }
  printSummary(io, result, totals, errors, mode, opts.report);

  if (audit && opts.server && (opts.upload || audit.count > 0)) {
    const server = opts.server;
    try {
      const sent = await audit.upload(server, tokenFrom(opts) ?? "", { fetch: deps.fetch ?? fetch });
      io.out(`Uploaded ${sent} audit event${sent === 1 ? "" : "s"} to ${server}\n`);
    } catch (err) {
      io.err(`labelbridge scan: the audit events could not be uploaded: ${(err as Error).message}\n`);
      runFailed = true;
    } finally {
      audit.remove();
    }
  } else audit?.remove();

  if (runFailed) return EXIT.failure;
  if (findings) return EXIT.findings;
  if (errors.count > 0) return EXIT.failure;
  if (refused) return EXIT.refused;
  return EXIT.ok;
}

export function register(program: Command): void {
  const cmd = program
    .command("scan")
    .description("Find sensitive information in files (discover) and label them (enforce)")
    .argument("<paths...>", "files and folders to scan")
    .addOption(
      new Option("--mode <mode>", "discover: report only; enforce: write labels")
        .choices(["discover", "enforce"])
        .default("discover"),
    )
    .option("--report <file>", "write a report: .csv, .json, .jsonl or .html (repeatable)", collect, [])
    .option(
      "--include <glob>",
      "scan only matching files (repeatable; without '/' it matches the name)",
      collect,
      [],
    )
    .option("--exclude <glob>", "skip matching files and folders (repeatable)", collect, [])
    .option(
      "--jobs <n>",
      "files scanned at once, one worker thread each (default: all cores)",
      positiveInt("--jobs"),
    )
    .option("--relabel", "enforce: let the scanner replace existing labels (never a person's)")
    .option("--justification <text>", "with --relabel: the justification for lowering a label")
    .option("--treat-recommended-as-automatic", "enforce: apply recommended labels as if automatic")
    .option("--dry-run", "enforce: decide and report, write nothing")
    .option("--upload", "send the results as audit events to --server")
    .option(
      "--fail-on <level>",
      "exit 3 when a file has information at this confidence: low, medium, high, any or 1–100",
    )
    .option("--no-progress", "no progress bar or progress lines")
    .option("--file-timeout <seconds>", "abandon a file after this long", positiveInt("--file-timeout"), 120)
    .option(
      "--max-decoded <MiB>",
      "stop decoding a file (all its parts, streams and attachments) at this many MiB",
      positiveInt("--max-decoded"),
      256,
    );
  addPolicyOptions(cmd);
  cmd.action(async (paths: string[], opts: ScanCommandOptions) => {
    // The process is the scan's: its heaps, and its workers', stay sized to what it holds.
    boundScanHeaps();
    process.exitCode = await runScanCommand(cmd, paths, opts, { io: processIo });
  });
}
