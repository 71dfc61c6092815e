/** Options and output helpers the scan/inspect/label/unlabel commands share. */
import { userInfo } from "node:os";
import { type Command, Option } from "commander";
import type { ScannerIdentity } from "./policyUse";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** stderr, for the progress bar. */
  progress: { write(text: string): unknown; isTTY?: boolean; columns?: number };
}

export const processIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  progress: process.stderr,
};

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export interface PolicyCliOptions {
  policy?: string;
  server?: string;
  token?: string;
  user?: string;
}

export function addPolicyOptions(cmd: Command): Command {
  return cmd
    .option(
      "--policy <file>",
      "tenant policy JSON (resolved for the scanner identity) or an effective policy JSON",
    )
    .option("--server <url>", "Labelbridge backend: GET /api/v1/policy with a bearer token")
    .addOption(new Option("--token <token>", "bearer token for --server (default: $LABELBRIDGE_TOKEN)"))
    .option(
      "--user <upn>",
      "with --policy FILE: resolve the policies that scope this user (default: policies for everyone)",
    );
}

/** Refuse the command line with exit code 2 and the message on stderr. */
export function usageError(cmd: Command, message: string): never {
  cmd.error(`error: ${message}`, { exitCode: 2, code: "commander.usage" });
}

export function scannerIdentity(): ScannerIdentity {
  let name = "labelbridge";
  try {
    name = userInfo().username || name;
  } catch {
    // no user database entry (containers): keep the default
  }
  return { name: `Labelbridge CLI (${name})`, principalName: name };
}
