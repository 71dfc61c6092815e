/**
 * The event bundles (Outlook's launchevent.js, Word/Excel's document-events.js) run on Windows in
 * a JavaScript-only runtime that may be ES2016. TypeScript down-levels syntax to that target but
 * not library calls, and the bundles carry no polyfills beyond `globalThis` (events/globalThisShim.ts):
 * so every module they load — the add-in's handlers, adapters and services, and src/core — must
 * compile against the ES2016 library alone. A planted module in the same program shows that the
 * compile refuses ES2017+ built-ins. (src/core's regexes are checked in test/core/runtime-es2016.)
 */
import * as path from "node:path";
import type ts from "typescript";
import { describeDiagnostics, es2016Program, plantedLinesRefused } from "../support/es2016Program";

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
  ({ program, diagnostics } = es2016Program({
    tsconfig: path.join(root, "tsconfig.json"),
    entries: ENTRIES,
    planted,
    plantedCode,
    // The DOM library only for its types (fetch, console, timers); the runtime offers what the
    // services check for at run time.
    extraLibs: ["lib.dom.d.ts"],
    types: ["office-js"],
  }));
}, 120_000);

it("takes in the handlers, the flows, the Word/Excel/Outlook adapters, the services and src/core", () => {
  const loaded = program
    .getSourceFiles()
    .map((f) => path.relative(root, f.fileName))
    .filter((f) => f.startsWith("src"));
  for (const module of [
    "src/addin/events/outlookHandlers.ts",
    "src/addin/hosts/outlookEventHost.ts",
    "src/addin/hosts/word.ts",
    "src/addin/hosts/excel.ts",
    "src/addin/hosts/attachmentLabels.ts",
    "src/addin/flows/documentOpen.ts",
    "src/addin/flows/send.ts",
    "src/addin/services/policyClient.ts",
    "src/core/decide/send.ts",
    "src/core/detect/detect.ts",
  ])
    expect(loaded).toContain(module);
});

it("compiles against the ES2016 library alone", () => {
  expect(
    describeDiagnostics(
      root,
      diagnostics.filter((d) => d.file?.fileName !== planted),
    ),
  ).toEqual([]);
});

it("refuses each planted ES2017+ built-in", () => {
  expect(plantedLinesRefused(diagnostics, planted)).toEqual([1, 2, 3, 4, 5]);
});
