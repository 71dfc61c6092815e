/**
 * Node flags a command needs on Node's own command line, and the child process that gets them.
 *
 * A scanner node runs V8's garbage collector on its own thread (`--single-threaded-gc`). With the
 * collector's helper threads a `--jobs 1` node used 1.2 cores, with the flag one, for as many files
 * a second (docs/benchmarks.md, "Scanner cluster on a file share"). V8 takes
 * the flag only when Node starts: NODE_OPTIONS refuses it, and setting it later
 * (`v8.setFlagsFromString`) crashes Node 20 at its next collection. So the `labelbridge` command
 * starts the command again as a child process with the flag, passes signals on to it and exits
 * with its code. The child exits when its parent is gone, so killing the command kills the node.
 *
 * The child also keeps the memory it frees (glibc's malloc, through GLIBC_TUNABLES): by default
 * glibc gives a large freed block, such as an Office part's inflated text, back to the kernel, and
 * the next one is faulted in again page by page. Kept, a `--jobs 1` node spent 2–18 % less CPU on
 * the same documents and a fifth less in the kernel, for about 30 MB more at its peak
 * (docs/benchmarks.md, "Scanner cluster, tenth round").
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";

/** Flags per command word; a command not listed runs in the process it was started in. */
const COMMAND_NODE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  scanner: ["--single-threaded-gc"],
};

/**
 * Environment per command word, set in the child unless the operator set the variable, even to
 * nothing (`GLIBC_TUNABLES= labelbridge scanner …` keeps glibc's defaults). Other C libraries ignore
 * it. Blocks under 4 MB come from the heap, and up to 64 MB of free heap is kept.
 */
const COMMAND_ENV: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  scanner: { GLIBC_TUNABLES: "glibc.malloc.mmap_threshold=4194304:glibc.malloc.trim_threshold=67108864" },
};

/** The variables of COMMAND_ENV for `command` that `env` does not set. */
export function childEnvironment(command: string | null, env: NodeJS.ProcessEnv): Record<string, string> {
  const wanted = command === null ? {} : (COMMAND_ENV[command] ?? {});
  return Object.fromEntries(Object.entries(wanted).filter(([name]) => env[name] === undefined));
}

/** Set in the child's environment to the parent's pid: the child knows it is one, and whose. */
const CHILD_MARK = "LABELBRIDGE_RELAUNCHED_BY";

/** How often a child checks that its parent is still there. */
const PARENT_CHECK_MS = 200;

const FORWARDED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * The flags `command` needs that this process was not started with; empty when none. A flag given
 * in its `--no-` form is the operator's choice and is not added
 * (`node --no-single-threaded-gc bin/labelbridge.js scanner …`).
 */
export function missingNodeFlags(command: string | null, execArgv: readonly string[]): string[] {
  if (command === null) return [];
  const given = (flag: string) => execArgv.includes(flag) || execArgv.includes(flag.replace(/^--/, "--no-"));
  return (COMMAND_NODE_FLAGS[command] ?? []).filter((flag) => !given(flag));
}

/**
 * Runs `script argv` in a child Node process with `flags` and `env` added; resolves to its exit code
 * (128 + the signal's number when a signal ended it).
 */
export function runWithNodeFlags(
  flags: readonly string[],
  script: string,
  argv: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<number> {
  const child = spawn(process.execPath, [...flags, ...process.execArgv, script, ...argv], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...env, [CHILD_MARK]: String(process.pid) },
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

/**
 * The pid of the `labelbridge` process that started this one with runWithNodeFlags, or null. Taken
 * out of the environment, so that a process this one starts is not mistaken for such a child.
 */
export function takeRelaunchingParent(): number | null {
  const mark = process.env[CHILD_MARK];
  delete process.env[CHILD_MARK];
  const parent = Number(mark);
  return mark !== undefined && Number.isInteger(parent) && parent > 0 ? parent : null;
}

/**
 * In a child started by runWithNodeFlags: exit as soon as `parent` is gone. Two signs, either is
 * enough: the IPC channel closing, and this process given another parent (an orphan is
 * re-parented), which does not depend on the channel. The child may live a few milliseconds past
 * its parent and finish a unit in them; its rows are stored once all the same.
 */
export function exitWithParent(parent: number): void {
  const exit = () => process.exit(1);
  if (process.ppid !== parent) exit(); // gone before this child got here
  process.on("disconnect", exit);
  // Neither the open channel nor the timer may keep the child alive once its work is done.
  process.channel?.unref();
  setInterval(() => {
    if (process.ppid !== parent) exit();
  }, PARENT_CHECK_MS).unref();
}
