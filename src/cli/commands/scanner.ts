/**
 * `labelbridge scanner --server URL --node NAME`: a scanner node of the cluster. It claims the
 * content scan jobs' work from the backend until stopped (docs/scanner-cluster.md).
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { EXIT } from "../main";
import { processIo, usageError } from "../scan/cliOptions";
import { boundScanHeaps } from "../scan/heapBounds";
import { type FileScanner, inProcessScanner, workerScanner } from "../scan/pool";
import { tokenFrom } from "../scan/policySource";
import type { ScanSettings } from "../scan/scanFile";
import { ScannerClient } from "../scanner/client";
import { ScannerNode } from "../scanner/node";

interface ScannerOptions {
  server: string;
  node: string;
  token?: string;
  jobs?: number;
  units: number;
  exitWhenIdle?: boolean;
  pollSeconds: number;
}

const NODE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function positiveNumber(name: string, integer: boolean) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
      throw new InvalidArgumentError(
        `${name} must be a ${integer ? "whole " : ""}number above 0, got "${value}"`,
      );
    return n;
  };
}

/** From package.json, three levels up in both src/cli/commands and build/cli/commands. */
function packageVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8")) as {
        version: string;
      }
    ).version;
  } catch {
    return "unknown";
  }
}

function makeScanner(settings: ScanSettings, jobs: number, fileTimeoutSeconds: number): FileScanner {
  return jobs === 1
    ? inProcessScanner(settings)
    : workerScanner(settings, { workers: jobs, fileTimeoutMs: fileTimeoutSeconds * 1000, maxHeapMb: 2048 });
}

export async function runScannerCommand(cmd: Command, opts: ScannerOptions): Promise<number> {
  const io = processIo;
  if (!NODE_NAME.test(opts.node))
    usageError(
      cmd,
      `--node "${opts.node}": letters, digits, '.', '_' and '-', starting with a letter or digit`,
    );
  const token = tokenFrom(opts);
  if (!token)
    usageError(cmd, "--server needs a token: --token TOKEN or the LABELBRIDGE_TOKEN environment variable");
  let client: ScannerClient;
  try {
    client = new ScannerClient({ server: opts.server, token, node: opts.node });
  } catch (err) {
    usageError(cmd, (err as Error).message);
  }
  const log = (line: string) => io.err(`scanner ${opts.node}: ${line}\n`);
  const node = new ScannerNode({
    client,
    jobs: opts.jobs ?? availableParallelism(),
    maxUnits: opts.units,
    exitWhenIdle: opts.exitWhenIdle === true,
    pollMs: opts.pollSeconds * 1000,
    version: packageVersion(),
    log,
    makeScanner,
  });
  let stopping = false;
  // Kept after the first signal: Ctrl-C also reaches a node that `labelbridge` started as its child
  // process (relaunch.ts), which passes it on, so the node may see the same stop twice.
  const stop = () => {
    if (stopping) return;
    stopping = true;
    log("stopping: finishing the files being read, giving the rest back");
    node.stop();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    await node.run();
  } catch (err) {
    log(`${(err as Error).message}`);
    return EXIT.failure;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
  const t = node.totals;
  log(`stopped after ${t.filesDone.toLocaleString("en-US")} files, ${t.errors} with errors`);
  return EXIT.ok;
}

export function register(program: Command): void {
  const cmd = program
    .command("scanner")
    .description("Run a scanner node: claim the content scan jobs' work from the backend and scan it")
    .requiredOption("--server <url>", "the Labelbridge backend")
    .requiredOption("--node <name>", "this node's name, unique in the tenant (e.g. the host name)")
    .addOption(
      new Option("--token <token>", "bearer token with the scanner role (default: $LABELBRIDGE_TOKEN)"),
    )
    .option(
      "--jobs <n>",
      "files read at once, one worker thread each (default: all cores)",
      positiveNumber("--jobs", true),
    )
    .option("--units <n>", "work units held at once", positiveNumber("--units", true), 2)
    .option("--exit-when-idle", "exit once no run of the tenant is going, instead of waiting for the next")
    .option(
      "--poll-seconds <s>",
      "wait between claims when there is no work",
      positiveNumber("--poll-seconds", false),
      2,
    );
  cmd.action(async (opts: ScannerOptions) => {
    // The process is the node's, and it scans for as long as it has work: the scan's heap bounds.
    boundScanHeaps();
    process.exitCode = await runScannerCommand(cmd, opts);
  });
}
