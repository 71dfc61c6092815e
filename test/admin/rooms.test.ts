/**
 * The console's rooms (docs/architecture-console.md): the admin console (src/admin) builds on the shared
 * UI (src/ui), the API contract (src/contracts) and the pure core only; the shared UI belongs to no
 * app; the contract is types only; the task pane never reaches into the console, nor the server into
 * either app's source. Inside the console, the pure model imports no React, DOM or UI; shared
 * components never reach into a view; a view never into another. Every import of every file is read
 * (static, dynamic, `export … from`), and the checker must catch planted violations of each rule.
 */
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

const ROOT = resolve(__dirname, "..", "..");
const SRC = join(ROOT, "src");

type Room = "admin" | "ui" | "contracts" | "core" | "addin" | "server" | "cli";

/**
 * The console's rooms: everything they may import from src (packages are checked separately). The
 * other rooms' own rules belong to their engineers and their tests (src/core: test/core/boundary.test.ts);
 * here only what they may never import: either app's source.
 */
const MAY_IMPORT: Partial<Record<Room, readonly Room[]>> = {
  admin: ["admin", "ui", "contracts", "core"],
  ui: ["ui", "core"],
  contracts: ["contracts", "core"],
};
const MAY_NOT_IMPORT: Partial<Record<Room, readonly Room[]>> = {
  // The pane never reaches into the console.
  addin: ["admin"],
  // The server serves the built console, never its source (nor the UI it is made of).
  server: ["admin", "ui"],
};
const ROOMS: readonly Room[] = ["admin", "ui", "contracts", "core", "addin", "server", "cli"];

/** Browser rooms may not import Node's modules. */
const BROWSER_ROOMS: readonly Room[] = ["admin", "ui", "contracts"];
const NODE_MODULES = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

function roomOf(file: string): Room | null {
  const rel = relative(SRC, file);
  if (rel.startsWith("..")) return null;
  const top = rel.split(sep)[0];
  return ROOMS.includes(top as Room) ? (top as Room) : null;
}

/** Every module specifier a file names: imports, re-exports, dynamic imports and require(). */
function specifiersOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** `src/admin/<part>[/<view>]` of a file in the console, e.g. ["views", "labels"] or ["model"]. */
function consolePart(file: string): string[] {
  return relative(join(SRC, "admin"), file).split(sep).slice(0, -1);
}

/** The console's own layers (docs/architecture-console.md, "Inside the console"). */
function insideConsole(file: string, specifier: string): string | null {
  const [part, view] = consolePart(file);
  if (part === "model" && !specifier.startsWith("."))
    return "src/admin/model is pure: no packages (React, Fluent)";
  if (!specifier.startsWith(".")) return null;
  const target = resolve(dirname(file), specifier);
  if (roomOf(target) !== "admin") return null;
  // The target as written (a folder or a file without extension): its first parts are enough.
  const [toPart, toView] = relative(join(SRC, "admin"), target).split(sep);
  if (part === "model" && toPart !== "model")
    return "src/admin/model imports only the model (and src/core, src/contracts)";
  if (part === "components" && (toPart === "views" || toPart === "shell"))
    return "src/admin/components never import a view or the shell";
  if (part === "views" && toPart === "views" && toView !== view) return "a view never imports another view";
  return null;
}

function violationsIn(file: string, text: string): Violation[] {
  const from = roomOf(file);
  if (!from) return [];
  const out: Violation[] = [];
  for (const specifier of specifiersOf(text)) {
    const inner = from === "admin" ? insideConsole(file, specifier) : null;
    if (inner) out.push({ file, specifier, rule: inner });
    if (!specifier.startsWith(".")) {
      if (BROWSER_ROOMS.includes(from) && NODE_MODULES.has(specifier.split("/")[0]))
        out.push({ file, specifier, rule: `src/${from} runs in the browser: no Node modules` });
      continue;
    }
    const to = roomOf(resolve(dirname(file), specifier));
    const allowed = MAY_IMPORT[from];
    if (to && allowed && !allowed.includes(to))
      out.push({
        file,
        specifier,
        rule: `src/${from} may import only ${allowed.map((r) => `src/${r}`).join(", ")}`,
      });
    if (to && MAY_NOT_IMPORT[from]?.includes(to))
      out.push({ file, specifier, rule: `src/${from} never imports src/${to}` });
  }
  // The contract is shared by a Node server and a browser app: it declares, it never runs.
  if (from === "contracts") {
    const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext } }).outputText;
    if (
      js
        .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")
        .replace(/export \{\};/, "")
        .trim() !== ""
    )
      out.push({
        file,
        specifier: "",
        rule: "src/contracts holds types only (its JavaScript must be empty)",
      });
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

const at = (...parts: string[]) => join(SRC, ...parts);

describe("the console's rooms", () => {
  const files = sourceFiles(SRC);

  test("every import in src keeps to the rooms", () => {
    const found = files.flatMap((f) => violationsIn(f, readFileSync(f, "utf8")));
    expect(found.map((v) => `${relative(ROOT, v.file)}: '${v.specifier}' (${v.rule})`)).toEqual([]);
  });

  test("the rooms exist where the rules say (a renamed folder would make the rules check nothing)", () => {
    for (const room of ["admin", "ui", "contracts"])
      expect(files.filter((f) => roomOf(f) === room).length).toBeGreaterThan(0);
    expect(files.some((f) => f.startsWith(at("admin", "views")))).toBe(true);
  });

  test.each([
    [
      "the console importing the pane",
      at("admin", "views", "x", "X.tsx"),
      'import { App } from "../../../addin/taskpane/components/App";',
    ],
    [
      "the console importing server types",
      at("admin", "api.ts"),
      'import type { ConsoleSignIn } from "../server/admin/plugin";',
    ],
    [
      "the console importing server code lazily",
      at("admin", "App.tsx"),
      'const m = import("../server/app");',
    ],
    ["the console re-exporting the CLI", at("admin", "model", "x.ts"), 'export * from "../../cli/main";'],
    [
      "the pane importing the console",
      at("addin", "taskpane", "App.tsx"),
      'import { SaveBar } from "../../admin/components/SaveBar";',
    ],
    [
      "the shared UI importing the console",
      at("ui", "X", "X.tsx"),
      'import { useEditor } from "../../admin/state";',
    ],
    [
      "the shared UI importing the pane",
      at("ui", "X", "X.tsx"),
      'import { strings } from "../../addin/i18n";',
    ],
    [
      "the server importing the console's source",
      at("server", "admin", "plugin.ts"),
      'import { App } from "../../admin/App";',
    ],
    [
      "the contract importing the server",
      at("contracts", "adminApi.ts"),
      'import type { Store } from "../server/storage/store";',
    ],
    ["the console importing Node", at("admin", "api.ts"), 'import { readFileSync } from "node:fs";'],
    ["the shared UI requiring Node", at("ui", "X", "x.ts"), 'const fs = require("fs");'],
    ["the contract holding code", at("contracts", "adminApi.ts"), "export const LIMIT = 100;"],
    ["the console's model importing React", at("admin", "model", "x.ts"), 'import * as React from "react";'],
    [
      "the console's model importing state",
      at("admin", "model", "x.ts"),
      'import { useEditor } from "../state";',
    ],
    [
      "a shared component importing a view",
      at("admin", "components", "X", "X.tsx"),
      'import { LabelsView } from "../../views/labels";',
    ],
    [
      "a shared component importing the shell",
      at("admin", "components", "X", "X.tsx"),
      'import { Shell } from "../../shell/Shell";',
    ],
    [
      "a view importing another view",
      at("admin", "views", "history", "X", "X.tsx"),
      'import { DiffList } from "../../labels/LabelEditor";',
    ],
  ])("a planted violation is caught: %s", (_what, file, code) => {
    expect(violationsIn(file, code)).toHaveLength(1);
  });

  test("what the rooms allow passes", () => {
    const ok: [string, string][] = [
      [at("admin", "views", "x", "X.tsx"), 'import { LabelBadge } from "../../../ui/LabelBadge";'],
      [
        at("admin", "views", "labels", "X", "X.tsx"),
        'import { ListDetail } from "../../../components/ListDetail";\nimport { Y } from "../Y";',
      ],
      [
        at("admin", "model", "x.ts"),
        'import { orderedLabels } from "./labelTree";\nimport type { Label } from "../../core/policy";',
      ],
      [at("admin", "api.ts"), 'import type { ConsoleReport } from "../contracts/adminApi";'],
      [
        at("admin", "App.tsx"),
        'import { validateTenantPolicy } from "../core/policy";\nimport "@fluentui/react-components";',
      ],
      [
        at("addin", "taskpane", "components", "App", "App.tsx"),
        'import { LabelBadge } from "../../../../ui/LabelBadge";',
      ],
      [at("server", "routes", "admin.ts"), 'import type { VersionList } from "../../contracts/adminApi";'],
      [
        at("contracts", "adminApi.ts"),
        'import type { TenantPolicy } from "../core/policy";\nexport type { TenantPolicy };\nexport interface A { b: number }',
      ],
    ];
    for (const [file, code] of ok) expect(violationsIn(file, code)).toEqual([]);
  });

  test("no source file in the console's rooms is over 500 lines", () => {
    const long = files
      .filter((f) => BROWSER_ROOMS.includes(roomOf(f)!))
      .map((f) => [relative(ROOT, f), readFileSync(f, "utf8").split("\n").length] as const)
      .filter(([, lines]) => lines > 500);
    expect(long).toEqual([]);
  });
});
