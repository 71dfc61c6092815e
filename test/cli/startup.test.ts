/**
 * What the `labelbridge` command loads before it runs: each scanner node of a cluster and every
 * command pays its start (docs/benchmarks.md, "Scanner cluster", round 4). Only the module of the
 * command run is loaded (src/cli/main.ts), and undici serves only `--ca` (src/cli/tls.ts). The
 * tests of the compiled command need `npm run build:node` first.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildProgram } from "../../src/cli/main";
import { requireFreshBuild } from "./support/helpers";

const MAIN = join(__dirname, "..", "..", "build", "cli", "main.js");

/** The modules under `under` loaded once `script` ran in a fresh process. */
function modulesAfter(script: string, under = "/node_modules/undici/"): string[] {
  const r = spawnSync(
    process.execPath,
    [
      "-e",
      `const cli = require(${JSON.stringify(MAIN)}); ${script};
       process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes(${JSON.stringify(under)}))));`,
    ],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

beforeAll(() => requireFreshBuild());

test("building the command line does not load undici", () => {
  expect(modulesAfter("cli.buildProgram()")).toEqual([]);
});

test("--ca loads it, to trust the CA for fetch", () => {
  const pem = join(__dirname, "..", "fixtures", "graph", "test-app-cert.pem");
  const tls = join(__dirname, "..", "..", "build", "cli", "tls.js");
  expect(modulesAfter(`require(${JSON.stringify(tls)}).trustCa(${JSON.stringify(pem)}, {})`)).not.toEqual([]);
});

test("a scanner node loads its own command's module, not the others' (nor PostgreSQL's client)", () => {
  const script = `cli.buildProgram(["--ca", "ca.pem", "scanner", "--server", "https://backend"])`;
  expect(modulesAfter(script, "/build/cli/commands/").map((m) => m.split("/").pop())).toEqual(["scanner.js"]);
  expect(modulesAfter(script, "/node_modules/pg/")).toEqual([]);
});

describe("the command line names the one module to load", () => {
  const names = buildProgram()
    .commands.map((c) => c.name())
    .sort();

  test.each(names)("%s runs from its own module alone", (name) => {
    expect(buildProgram([name, "--help"]).commands.map((c) => c.name())).toEqual([name]);
  });

  test("--ca's value is not taken for the command", () => {
    expect(buildProgram(["--ca", "scan", "inspect"]).commands.map((c) => c.name())).toEqual(["inspect"]);
  });

  test("no command, --help or an unknown word: every command is there (help, commander's error)", () => {
    for (const argv of [[], ["--help"], ["help", "scan"], ["scna"]])
      expect(
        buildProgram(argv)
          .commands.map((c) => c.name())
          .sort(),
      ).toEqual(names);
  });
});
