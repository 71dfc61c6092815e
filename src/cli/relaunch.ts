/**
 * Node flags a command needs on Node's own command line, and the child process that gets them.
 *
 * A scanner node runs V8's garbage collector on its own thread (`--single-threaded-gc`). With the
 * collector's helper threads, a `--jobs 1` node used 1.2 cores and scanned no more files than with
 * one core (docs/benchmarks.md, "Scanner cluster on a file share"). V8 takes the flag only when
 * Node starts: NODE_OPTIONS refuses it, and setting it later (`v8.setFlagsFromString`) crashes Node
 * 20 at its next collection. So the `labelbridge` command starts the command again as a child
 * process with the flag, passes signals on to it and exits with its code. The child exits when its
 * parent is gone (the IPC channel between them closes), so killing the command kills the node.
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";

/** Flags per command word; a command not listed runs in the process it was started in. */
const COMMAND_NODE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  scanner: ["--single-threaded-gc"],
};

/** Set in the child's environment, so a child never starts another. */
const CHILD_MARK = "LABELBRIDGE_RELAUNCHED";

const FORWARDED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** The flags `command` needs that this process was not started with; empty when none. */
export function missingNodeFlags(command: string | null, execArgv: readonly string[]): string[] {
  if (command === null || process.env[CHILD_MARK] === "1") return [];
  return (COMMAND_NODE_FLAGS[command] ?? []).filter((flag) => !execArgv.includes(flag));
}

/**
 * Runs `script argv` in a child Node process with `flags` added; resolves to its exit code (128 +
 * the signal's number when a signal ended it).
 */
export function runWithNodeFlags(
  flags: readonly string[],
  script: string,
  argv: readonly string[],
): Promise<number> {
  const child = spawn(process.execPath, [...flags, ...process.execArgv, script, ...argv], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: { ...process.env, [CHILD_MARK]: "1" },
  });
  // Ctrl-C reaches the child too (same process group); it stops once whichever signal comes first.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  return new Promise((resolve) => {
    const done = (code: number) => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
      resolve(code);
    };
    child.on("error", (err) => {
      process.stderr.write(`labelbridge: cannot start ${process.execPath}: ${err.message}\n`);
      done(1);
    });
    child.on("exit", (code, signal) => done(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

/** In a child started by runWithNodeFlags: exit at once when the parent is gone. */
export function exitWithParent(): void {
  if (process.env[CHILD_MARK] !== "1" || typeof process.send !== "function") return;
  process.on("disconnect", () => process.exit(1));
  // The open channel must not keep the child alive once its work is done.
  process.channel?.unref();
}
