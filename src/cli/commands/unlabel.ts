/**
 * `labelbridge unlabel <file…> --justification TEXT`: remove our tenant's label (other tenants'
 * labels stay). Removal counts as lowering, so it needs a justification; a mandatory-labeling
 * policy refuses it. Files using LabelInfo.xml keep a record of the deliberate removal.
 */
import { Command } from "commander";
import { addPolicyOptions, processIo } from "../scan/cliOptions";
import { type LabelCommandOptions, runLabelChange } from "./label";

export function register(program: Command): void {
  const cmd = program
    .command("unlabel")
    .description("Remove the tenant's sensitivity label from Office files and PDFs")
    .argument("<files...>", "Word, Excel or PowerPoint files, or PDFs")
    .option("--justification <text>", "why the label is removed (required when the file has one)")
    .option("--dry-run", "decide and report, write nothing")
    .option("--upload", "send audit events to --server")
    .option("--json", "machine-readable output");
  addPolicyOptions(cmd);
  cmd.action(async (files: string[], opts: LabelCommandOptions) => {
    process.exitCode = await runLabelChange(cmd, files, opts, processIo, null);
  });
}
