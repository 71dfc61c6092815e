/**
 * `labelbridge scanner` started from a shell runs the node in a child process with V8's collector on
 * its own thread and glibc keeping the memory it frees (src/cli/relaunch.ts). The child stops on the
 * command's signals, once even when Ctrl-C reaches both processes, and dies with the command when
 * the command is killed. The built CLI against a real backend on SQLite. Needs `npm run build:node`
 * first.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sqliteEngine } from "../../server/support/engines";
import { type Backend, startBackend, waitFor } from "../../server/scanJobs/support";
import { REPO, requireFreshBuild } from "../support/helpers";
import { childrenOf, running } from "../support/processes";

let b: Backend;

beforeAll(async () => {
  requireFreshBuild();
  b = await startBackend(sqliteEngine);
});
const started: Command[] = [];
const killQuietly = (pid: number) => {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
};
afterEach(() => {
  // A failed test must not leave a node polling the closed backend (and jest waiting on it).
  for (const { child } of started.splice(0)) {
    for (const pid of childrenOf(child.pid!)) killQuietly(pid);
    child.kill("SIGKILL");
  }
});
afterAll(async () => {
  await b?.close();
});

interface Command {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startScanner(
  name: string,
  detached = false,
  nodeFlags: string[] = [],
  extraEnv: Record<string, string> = {},
): Command {
  const env: NodeJS.ProcessEnv = { ...process.env, LABELBRIDGE_TOKEN: b.scanner, ...extraEnv };
  if (extraEnv.GLIBC_TUNABLES === undefined) delete env.GLIBC_TUNABLES;
  const child = spawn(
    process.execPath,
    [
      ...nodeFlags,
      join(REPO, "bin", "labelbridge.js"),
      "scanner",
      "--server",
      b.server.url,
      "--node",
      name,
      "--jobs",
      "1",
    ],
    { env, stdio: ["ignore", "ignore", "pipe"], detached },
  );
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  started.push({ child, stderr: () => stderr, exited });
  return started[started.length - 1];
}

const commandLine = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
const count = (text: string, part: string) => text.split(part).length - 1;
/** One variable of a process's environment as it started, or undefined. */
const environ = (pid: number, name: string) =>
  readFileSync(`/proc/${pid}/environ`, "utf8")
    .split("\0")
    .find((v) => v.startsWith(`${name}=`))
    ?.slice(name.length + 1);
/** The tunables a process started with: glibc parses GLIBC_TUNABLES in place, its ':' turned to NUL. */
const tunables = (pid: number) =>
  /GLIBC_TUNABLES=((?:glibc\.[a-z_.]+=[^\0]*\0?)*)/
    .exec(readFileSync(`/proc/${pid}/environ`, "utf8"))?.[1]
    .replace(/\0$/, "")
    .replaceAll("\0", ":");
const KEEP_FREED_MEMORY = "glibc.malloc.mmap_threshold=4194304:glibc.malloc.trim_threshold=67108864";

async function registered(command: Command): Promise<number> {
  await waitFor("the node to register", async () => command.stderr().includes("registered; claiming work"));
  const [node] = childrenOf(command.child.pid!);
  return node;
}

test("the node runs in a child process started with --single-threaded-gc, and stops on SIGTERM", async () => {
  const command = startScanner("relaunch-term");
  const node = await registered(command);
  expect(node).toBeDefined();
  expect(commandLine(node)).toEqual(
    expect.arrayContaining(["--single-threaded-gc", "scanner", "relaunch-term"]),
  );
  expect(commandLine(command.child.pid!)).not.toContain("--single-threaded-gc");
  // The child keeps the memory it frees; the command does not need to.
  expect(tunables(node)).toBe(KEEP_FREED_MEMORY);
  expect(environ(command.child.pid!, "GLIBC_TUNABLES")).toBeUndefined();

  command.child.kill("SIGTERM");
  expect(await command.exited).toBe(0);
  expect(count(command.stderr(), "stopping: finishing the files being read")).toBe(1);
  expect(command.stderr()).toContain("relaunch-term: stopped after 0 files");
  expect(running(node)).toBe(false);
}, 30_000);

test("Ctrl-C reaching both processes stops the node once, the way it stops alone", async () => {
  const command = startScanner("relaunch-int", true);
  await registered(command);
  // A terminal's Ctrl-C: SIGINT to every process of the group, the command's and its child's.
  process.kill(-command.child.pid!, "SIGINT");
  expect(await command.exited).toBe(0);
  expect(count(command.stderr(), "stopping: finishing the files being read")).toBe(1);
  expect(command.stderr()).toContain("relaunch-int: stopped after 0 files");
}, 30_000);

test("started with --no-single-threaded-gc, the node runs in the command's own process", async () => {
  const command = startScanner("relaunch-no", false, ["--no-single-threaded-gc"]);
  const node = await registered(command);
  expect(node).toBeUndefined();
  command.child.kill("SIGTERM");
  expect(await command.exited).toBe(0);
  expect(command.stderr()).toContain("relaunch-no: stopped after 0 files");
}, 30_000);

test("GLIBC_TUNABLES set by the operator, even to nothing, reaches the node as it was", async () => {
  const command = startScanner("relaunch-tunables", false, [], { GLIBC_TUNABLES: "" });
  const node = await registered(command);
  expect(environ(node, "GLIBC_TUNABLES")).toBe("");
  command.child.kill("SIGTERM");
  expect(await command.exited).toBe(0);
}, 30_000);

// Last of the tests with a node: on SQLite the killed node keeps the backend's one node slot until
// its heartbeats are overdue.
test("killing the command kills the node", async () => {
  const command = startScanner("relaunch-kill");
  const node = await registered(command);
  expect(node).toBeDefined();
  command.child.kill("SIGKILL");
  await command.exited;
  await waitFor("the node's process to end", async () => !running(node), 10_000);
}, 30_000);

test("a child with no channel to its command still exits once the command is killed", async () => {
  // The channel closing is one sign of the parent's death, being re-parented the other; each must
  // suffice alone. Here the "command" starts the child without a channel: only the second is there.
  const child = `require(process.env.RELAUNCH_JS).exitWithParent(Number(process.env.COMMAND_PID));
    console.log("watching " + process.pid); setInterval(() => {}, 1000);`;
  const parent = `require("node:child_process").spawn(process.execPath, ["-e", process.env.CHILD_JS],
    { stdio: "inherit", env: { ...process.env, COMMAND_PID: String(process.pid) } }); setInterval(() => {}, 1000);`;
  const command = spawn(process.execPath, ["-e", parent], {
    env: { ...process.env, RELAUNCH_JS: join(REPO, "build", "cli", "relaunch.js"), CHILD_JS: child },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  command.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  const watching = await waitFor(
    "the child to watch its parent",
    async () => /watching (\d+)/.exec(out)?.[1],
  );
  const orphan = Number(watching);
  try {
    command.kill("SIGKILL");
    await waitFor("the child's process to end", async () => !running(orphan), 10_000);
  } finally {
    killQuietly(orphan);
  }
}, 30_000);
