/**
 * The event bundles (Outlook's launchevent.js, Word/Excel's document-events.js) run on Windows in
 * a JavaScript-only runtime that may be ES2016. TypeScript down-levels syntax to that target but
 * not library calls, and the bundles carry no polyfills beyond `globalThis` (events/globalThisShim.ts):
 * so every module they load — the add-in's handlers, adapters and services, and src/core — must
 * compile against the ES2016 library alone. A planted module in the same program shows that the
 * compile refuses ES2017+ built-ins. (src/core's regexes are checked in test/core/runtime-es2016.)
 */
import * as path from "node:path";
import ts from "typescript";

const root = path.resolve(__dirname, "..", "..");
const ENTRIES = ["src/addin/events/outlookEvents.ts", "src/addin/events/document.ts"].map((f) =>
  path.join(root, f),
);
const planted = path.join(root, "src", "addin", "events", "__es2016_planted__.ts");
const plantedCode = [
  "export const a = Object.entries({ x: 1 });",
  "export const b = Object.fromEntries([['k', 1]]);",
  "export const c = [[1], [2]].flat();",
  "export const d = Promise.resolve(1).finally(() => undefined);",
  'export const e = "1".padStart(2, "0");',
].join("\n");

let program: ts.Program;
let diagnostics: readonly ts.Diagnostic[] = [];

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("tsconfig.json did not parse");
  const options: ts.CompilerOptions = {
    ...config.options,
    // The DOM library only for its types (fetch, console, timers); the runtime offers what the
    // services check for at run time.
    lib: ["lib.es2016.d.ts", "lib.dom.d.ts"],
    types: ["office-js"],
    target: ts.ScriptTarget.ES2016,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === planted ? plantedCode : readFile(f));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => path.resolve(f) === planted || fileExists(f);
  program = ts.createProgram([...ENTRIES, planted], options, host);
  diagnostics = ts.getPreEmitDiagnostics(program);
}, 120_000);

const describeAll = (ds: readonly ts.Diagnostic[]) =>
  ds.map((d) => {
    const where = d.file
      ? `${path.relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : "";
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });

it("takes in the handlers, the Word/Excel/Outlook adapters, the services and src/core", () => {
  const loaded = program
    .getSourceFiles()
    .map((f) => path.relative(root, f.fileName))
    .filter((f) => f.startsWith("src"));
  for (const module of [
    "src/addin/events/outlookHandlers.ts",
    "src/addin/hosts/outlook.ts",
    "src/addin/hosts/word.ts",
    "src/addin/hosts/excel.ts",
    "src/addin/hosts/attachmentLabels.ts",
    "src/addin/services/documentOpen.ts",
    "src/addin/services/policyClient.ts",
    "src/core/decide/send.ts",
    "src/core/detect/detect.ts",
  ])
    expect(loaded).toContain(module);
});

it("compiles against the ES2016 library alone", () => {
  expect(describeAll(diagnostics.filter((d) => d.file?.fileName !== planted))).toEqual([]);
});

it("refuses each planted ES2017+ built-in", () => {
  const lines = diagnostics
    .filter((d) => d.file?.fileName === planted)
    .map((d) => d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1);
  expect([...new Set(lines)].sort()).toEqual([1, 2, 3, 4, 5]);
});
