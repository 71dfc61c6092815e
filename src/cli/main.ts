/**
 * The `labelbridge` command. Each sub-command lives in its own module under ./commands and exports
 * `register(program)`; this file only finds them, so adding a command never touches another.
 */
import { Command } from "commander";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import {
  childEnvironment,
  exitWithParent,
  missingNodeFlags,
  runWithNodeFlags,
  takeRelaunchingParent,
} from "./relaunch";
import { trustCa } from "./tls";

export interface CommandModule {
  register(program: Command): void;
}

/** Exit codes, documented in docs/cli.md. */
export const EXIT = {
  ok: 0,
  /** Something failed (a file could not be read or written; the server refused). */
  failure: 1,
  /** The command line was wrong. */
  usage: 2,
  /** `scan --fail-on`: findings at or above the threshold. */
  findings: 3,
  /** The policy refused a change (a justification is missing, a person's label is kept, a label is not allowed). */
  refused: 4,
} as const;

/** The command word of `argv` ("info-types"), or null when it names none (no command, --help). */
function commandWord(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === "--ca") i++;
    else if (!word.startsWith("-")) return word;
  }
  return null;
}

/**
 * The command module `argv` runs ("info-types" lives in infoTypes), or null when argv names none of
 * them (no command, --help, an unknown word): then every module is needed.
 */
function commandFile(argv: readonly string[], files: readonly string[]): string | null {
  const word = commandWord(argv);
  if (word === null) return null;
  const name = word.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return files.find((f) => f.replace(/\.(js|ts)$/, "") === name) ?? null;
}

/**
 * The program with its commands; given the command line, only the module of the command it runs
 * is loaded (each loads its own dependencies, and every run of the command, every scanner node,
 * pays their start).
 */
export function buildProgram(argv?: readonly string[]): Command {
  const program = new Command();
  program
    .name("labelbridge")
    .description(
      "Sensitivity labeling for Microsoft 365: scan, label, inspect, mint development tokens, write manifests.",
    )
    .option(
      "--ca <file>",
      "also trust the CA certificates in this PEM file for --server (NODE_EXTRA_CA_CERTS works too)",
    )
    .showHelpAfterError()
    .exitOverride();
  // Before any command runs, so every request the command makes trusts it.
  program.hook("preAction", (root) => {
    const ca = (root.opts() as { ca?: string }).ca;
    if (ca !== undefined) trustCa(ca);
  });
  const dir = join(__dirname, "commands");
  const modules = readdirSync(dir)
    .filter(
      (f) => /\.(js|ts)$/.test(f) && !f.endsWith(".d.ts") && !f.endsWith(".map") && !f.includes(".test."),
    )
    .sort();
  const only = argv === undefined ? null : commandFile(argv, modules);
  for (const file of only === null ? modules : [only]) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(dir, file)) as Partial<CommandModule>;
    if (typeof mod.register === "function") mod.register(program);
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram(argv);
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; message?: string };
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return EXIT.ok;
    if (typeof e.code === "string" && e.code.startsWith("commander.")) return EXIT.usage;
    process.stderr.write(`labelbridge: ${e.message ?? String(err)}\n`);
    return EXIT.failure;
  }
}

/**
 * The `labelbridge` command as started from a shell (bin/labelbridge.js): a command that needs Node
 * flags this process lacks runs in a child process that has them (relaunch.ts).
 */
export function runCommandLine(script: string, argv: string[]): Promise<number> {
  const parent = takeRelaunchingParent();
  if (parent !== null) {
    exitWithParent(parent);
    return main(argv);
  }
  const command = commandWord(argv);
  const flags = missingNodeFlags(command, process.execArgv);
  if (flags.length > 0) return runWithNodeFlags(flags, script, argv, childEnvironment(command, process.env));
  return main(argv);
}

if (require.main === module) {
  runCommandLine(__filename, process.argv.slice(2)).then((code) => process.exit(code));
}
