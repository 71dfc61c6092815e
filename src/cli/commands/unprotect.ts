/**
 * `labelbridge unprotect <file…> --server URL [--out FILE]`: decrypt Labelbridge-protected Office
 * files with the key the server releases to you (the label's rights holders and the tenant's super
 * users; every release and refusal is audited there). The label stays; the file is written back
 * atomically, or to --out. Exit codes: docs/cli.md (1 failure, 4 key refused).
 */
import { Command, Option } from "commander";
import { EXIT } from "../main";
import { describeError } from "../ooxml/errors";
import { type UnprotectResult, unprotectFile } from "../protect/unprotectFile";
import { type Io, processIo, usageError } from "../scan/cliOptions";
import { tokenFrom } from "../scan/policySource";
import type { FetchLike } from "../scan/server";

export interface UnprotectOptions {
  server?: string;
  token?: string;
  out?: string;
  json?: boolean;
}

type Row =
  | ({ status: "unprotected" } & UnprotectResult)
  | { status: "failed"; path: string; code: string; message: string };

const REFUSED = new Set(["key-refused", "key-revoked", "key-unknown"]);

export async function runUnprotect(
  cmd: Command,
  files: string[],
  opts: UnprotectOptions,
  io: Io,
  fetchImpl: FetchLike = fetch,
): Promise<number> {
  if (!opts.server)
    usageError(cmd, "--server URL is needed: the file's key is kept by the Labelbridge server");
  if (opts.out && files.length > 1) usageError(cmd, "--out takes one file");
  const token = tokenFrom(opts);
  if (!token)
    usageError(cmd, "--server needs a token: --token TOKEN or the LABELBRIDGE_TOKEN environment variable");
  const keys = { server: opts.server, token, fetch: fetchImpl };
  const rows: Row[] = [];
  for (const path of files) {
    try {
      rows.push({ status: "unprotected", ...(await unprotectFile(path, opts.out ?? path, keys)) });
    } catch (err) {
      rows.push({ status: "failed", path, ...describeError(err) });
    }
  }
  const line = (r: Row) =>
    r.status === "unprotected"
      ? `unprotected  ${r.path}${r.out !== r.path ? ` → ${r.out}` : ""}  "${r.labelName ?? r.labelId}" (key released to you as ${r.grant === "super-user" ? "a super user" : "a rights holder"})`
      : `failed  ${r.path}  ${r.message}`;
  io.out(opts.json ? JSON.stringify(rows, null, 2) + "\n" : rows.map(line).join("\n") + "\n");
  for (const r of rows) if (r.status === "failed") io.err(`labelbridge unprotect: ${r.path}: ${r.message}\n`);
  const failed = rows.filter((r): r is Extract<Row, { status: "failed" }> => r.status === "failed");
  if (failed.some((r) => !REFUSED.has(r.code))) return EXIT.failure;
  return failed.length > 0 ? EXIT.refused : EXIT.ok;
}

export function register(program: Command): void {
  const cmd = program
    .command("unprotect")
    .description("Decrypt Labelbridge-protected Office files with the key the server releases to you")
    .argument("<files...>", "protected Word, Excel or PowerPoint files")
    .option("--server <url>", "Labelbridge backend that keeps the keys")
    .addOption(new Option("--token <token>", "bearer token for --server (default: $LABELBRIDGE_TOKEN)"))
    .option("--out <file>", "write the decrypted file here (a new file) instead of replacing the original")
    .option("--json", "machine-readable output");
  cmd.action(async (files: string[], opts: UnprotectOptions) => {
    process.exitCode = await runUnprotect(cmd, files, opts, processIo);
  });
}
