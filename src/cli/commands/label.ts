/**
 * `labelbridge label <file…> --label ID|NAME`: apply a label as a person's choice (Privileged).
 * Replacing a label needs --relabel; lowering one needs --justification. Exit codes: docs/cli.md.
 */
import { Command } from "commander";
import type { AuditEvent } from "../../core/audit";
import type { EffectivePolicy } from "../../core/policy";
import { EXIT } from "../main";
import { type ProtectedLabelOutcome, changeLabelProtected } from "../protect/labelFlow";
import { type LabelTarget, labelTarget } from "../scan/applyLabel";
import {
  type Io,
  type PolicyCliOptions,
  addPolicyOptions,
  processIo,
  scannerIdentity,
  usageError,
} from "../scan/cliOptions";
import { type FsPath, commandLinePath, displayPath } from "../scan/fsPath";
import { builtInPolicy, loadPolicy, tokenFrom } from "../scan/policySource";
import { findPolicyLabel, fullLabelName, justificationFrom } from "../scan/policyUse";
import { AuditSpool } from "../scan/auditSpool";

export interface LabelCommandOptions extends PolicyCliOptions {
  label?: string;
  relabel?: boolean;
  justification?: string;
  dryRun?: boolean;
  upload?: boolean;
  json?: boolean;
}

function outcomeLine(o: ProtectedLabelOutcome, policy: EffectivePolicy): string {
  const name = (id: string | null) => (id === null ? "no label" : (fullLabelName(policy, id) ?? id));
  switch (o.status) {
    case "changed":
    case "would-change":
      return `${o.status === "changed" ? (o.to === null ? "unlabeled" : "labeled") : "would change"}  ${o.path}  ${name(o.from)} → ${name(o.to)} (${o.location})${o.target === null ? "" : `  [symbolic link to ${o.target}: the target was labeled]`}${o.protectedBy ? `, ${o.status === "changed" ? "encrypted" : "would encrypt"}: the key is kept by the server` : ""}`;
    case "unchanged":
      return `unchanged  ${o.path}  ${o.message}`;
    case "refused":
      return `refused  ${o.path}  ${o.message}`;
    case "failed":
      return `failed  ${o.path}  ${o.message}`;
  }
}

/**
 * Each file once: a second name (or link) for a file already handled says so and changes nothing.
 * Files are identified before any is changed (a labeled file is a new inode).
 */
async function labelEach(
  files: FsPath[],
  change: (target: LabelTarget | FsPath) => Promise<ProtectedLabelOutcome>,
): Promise<ProtectedLabelOutcome[]> {
  const targets = files.map((file) => {
    try {
      return labelTarget(file);
    } catch {
      return null; // the change reports the failure with its reason
    }
  });
  const done = new Map<string, string>();
  const outcomes: ProtectedLabelOutcome[] = [];
  for (const [i, file] of files.entries()) {
    const target = targets[i];
    const first = target ? done.get(target.id) : undefined;
    if (target && first !== undefined) {
      outcomes.push({
        status: "unchanged",
        path: displayPath(file),
        message: `the same file as ${first}: changed once`,
      });
      continue;
    }
    if (target) done.set(target.id, target.path);
    outcomes.push(await change(target ?? file));
  }
  return outcomes;
}

/** Shared by `label` and `unlabel`; `labelId` null removes the label. */
export async function runLabelChange(
  cmd: Command,
  files: string[],
  opts: LabelCommandOptions,
  io: Io,
  labelArg: string | null,
  fetchImpl: typeof fetch = fetch,
): Promise<number> {
  if (opts.upload && !opts.server) usageError(cmd, "--upload sends audit events to --server URL");
  if (opts.justification !== undefined && opts.justification.trim() === "")
    usageError(cmd, "--justification needs a text");
  let policy: EffectivePolicy;
  try {
    policy = (await loadPolicy(opts)) ?? builtInPolicy();
  } catch (err) {
    io.err(`labelbridge ${cmd.name()}: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
  if (!opts.policy && !opts.server)
    io.err(
      `labelbridge ${cmd.name()}: no --policy or --server: using the built-in default taxonomy (the labels a new server seeds) of tenant ${policy.siteId}; give --policy or --server for your organisation's labels\n`,
    );
  let labelId: string | null = null;
  if (labelArg !== null) {
    const found = findPolicyLabel(policy, labelArg);
    if ("error" in found && found.kind === "not-available") {
      io.err(`labelbridge ${cmd.name()}: --label: ${found.error}\n`);
      return EXIT.refused;
    }
    if ("error" in found) usageError(cmd, `--label: ${found.error}`);
    labelId = found.id;
  }
  const request = {
    labelId,
    relabel: opts.relabel === true || labelArg === null,
    justification: justificationFrom(policy, opts.justification),
    dryRun: opts.dryRun === true,
  };
  const who = scannerIdentity();
  const setup = {
    keys: opts.server ? { server: opts.server, token: tokenFrom(opts) ?? "", fetch: fetchImpl } : null,
    pathName: `labelbridge ${cmd.name()}`,
  };
  const outcomes = await labelEach(files.map(commandLinePath), (target) =>
    changeLabelProtected(target, request, policy, who, setup),
  );
  io.out(
    opts.json
      ? JSON.stringify(outcomes, null, 2) + "\n"
      : outcomes.map((o) => outcomeLine(o, policy)).join("\n") + "\n",
  );
  for (const o of outcomes)
    if (o.status === "failed" || o.status === "refused")
      io.err(`labelbridge ${cmd.name()}: ${o.path}: ${o.message}\n`);

  let uploadFailed = false;
  // A refused protecting label is audited whenever there is a server; label changes with --upload.
  if (opts.server && (opts.upload || outcomes.some((o) => o.refusalAudit))) {
    const events = outcomes.flatMap((o) =>
      o.refusalAudit
        ? [o.refusalAudit]
        : opts.upload && o.status === "changed" && o.audit
          ? [o.audit as AuditEvent]
          : [],
    );
    const spool = new AuditSpool();
    spool.add(events);
    try {
      if (events.length) await spool.upload(opts.server, tokenFrom(opts) ?? "", { fetch: fetchImpl });
    } catch (err) {
      io.err(
        `labelbridge ${cmd.name()}: the audit events could not be uploaded: ${(err as Error).message}\n`,
      );
      uploadFailed = true;
    } finally {
      spool.remove();
    }
  }
  if (uploadFailed || outcomes.some((o) => o.status === "failed")) return EXIT.failure;
  if (outcomes.some((o) => o.status === "refused")) return EXIT.refused;
  return EXIT.ok;
}

export function register(program: Command): void {
  const cmd = program
    .command("label")
    .description("Apply a sensitivity label to Office files and PDFs (a person's choice: Privileged)")
    .argument("<files...>", "Word, Excel or PowerPoint files, or PDFs")
    .requiredOption(
      "--label <id|name>",
      'the label: GUID, Name, display name or full name ("Confidential \\ All Employees")',
    )
    .option("--relabel", "replace a label the file already has")
    .option("--justification <text>", "why a label is lowered (one of the policy's reasons, or free text)")
    .option("--dry-run", "decide and report, write nothing")
    .option("--upload", "send audit events to --server")
    .option("--json", "machine-readable output");
  addPolicyOptions(cmd);
  cmd.action(async (files: string[], opts: LabelCommandOptions) => {
    process.exitCode = await runLabelChange(cmd, files, opts, processIo, opts.label ?? null);
  });
}
