/** `labelbridge scan` in-process (the in-process scanner instead of worker threads), its JSON report read back. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { type ScanCommandOptions, runScanCommand } from "../../../src/cli/commands/scan";
import type { Io } from "../../../src/cli/scan/cliOptions";
import { inProcessScanner } from "../../../src/cli/scan/pool";
import type { ScanRow } from "../../../src/cli/scan/row";

export interface ScanRun {
  code: number;
  out: string;
  err: string;
  rows: ScanRow[];
}

/** Runs the command with a JSON report written into `reportDir`, and reads the report's rows. */
export async function scanCommand(
  reportDir: string,
  paths: string[],
  options: Partial<ScanCommandOptions> = {},
): Promise<ScanRun> {
  let out = "";
  let err = "";
  const io: Io = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    progress: { write: () => true },
  };
  const report = join(reportDir, `report-${Date.now()}-${Math.random()}.json`);
  const cmd = new Command("scan")
    .exitOverride()
    .configureOutput({ writeErr: (t) => void (err += t), writeOut: () => {} });
  const opts: ScanCommandOptions = {
    mode: "discover",
    report: [report],
    include: [],
    exclude: [],
    progress: false,
    fileTimeout: 120,
    ...options,
  };
  if (options.report) opts.report = [...options.report, report];
  let code: number;
  try {
    code = await runScanCommand(cmd, paths, opts, { io, scanner: (settings) => inProcessScanner(settings) });
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, out, err, rows: [] };
    throw e;
  }
  let rows: ScanRow[] = [];
  try {
    rows = (JSON.parse(readFileSync(report, "utf8")) as { rows: ScanRow[] }).rows;
  } catch {
    // no report (the run stopped before writing one)
  }
  return { code, out, err, rows };
}
