/**
 * `labelbridge audit upload <file> --server URL`: send audit events kept in a file (one JSON event a
 * line) — what `scan --upload` and `label --upload` leave behind when the server could not take
 * them. Every line is checked before anything is sent; the events' ids make a second upload of the
 * same file store each event once.
 */
import { Command } from "commander";
import { EXIT } from "../main";
import { readSpoolFile } from "../scan/auditSpool";
import { type Io, processIo, usageError } from "../scan/cliOptions";
import { tokenFrom } from "../scan/policySource";
import { type FetchLike, uploadInBatches } from "../scan/server";

export interface AuditUploadOptions {
  server?: string;
  token?: string;
}

export async function runAuditUpload(
  cmd: Command,
  file: string,
  opts: AuditUploadOptions,
  io: Io,
  fetchImpl: FetchLike = fetch,
): Promise<number> {
  if (!opts.server) usageError(cmd, "--server URL is needed: the events go to its POST /api/v1/audit");
  const token = tokenFrom(opts);
  if (!token)
    usageError(cmd, "--server needs a token: --token TOKEN or the LABELBRIDGE_TOKEN environment variable");
  let count = 0;
  try {
    for (const _ of readSpoolFile(file)) count++;
  } catch (err) {
    io.err(`labelbridge audit upload: ${(err as Error).message}; nothing was sent\n`);
    return EXIT.failure;
  }
  const progress = { sent: 0 };
  try {
    await uploadInBatches(readSpoolFile(file), opts.server, token, { fetch: fetchImpl }, progress);
  } catch (err) {
    io.err(
      `labelbridge audit upload: ${(err as Error).message}; ${progress.sent} of ${count} event(s) were sent, the file is unchanged: run the command again\n`,
    );
    return EXIT.failure;
  }
  const { sent } = progress;
  io.out(`Uploaded ${sent} audit event${sent === 1 ? "" : "s"} from ${file} to ${opts.server}\n`);
  return EXIT.ok;
}

export function register(program: Command): void {
  const audit = program.command("audit").description("Audit events kept on this machine");
  const upload = audit
    .command("upload")
    .description("Send audit events kept in a file (one JSON event a line) to --server")
    .argument("<file>", "the events, as scan --upload or label --upload kept them")
    .option("--server <url>", "the Labelbridge server")
    .option("--token <token>", "bearer token (default: LABELBRIDGE_TOKEN)");
  upload.action(async (file: string, opts: AuditUploadOptions) => {
    process.exitCode = await runAuditUpload(upload, file, opts, processIo);
  });
}
