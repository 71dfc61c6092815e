/**
 * src/core is shared by the task pane, the Outlook event runtime, the server and the scanner, so it
 * may not touch Office, the DOM or Node. Two checks enforce it — the ESLint boundary rule and a
 * compile of src/core with neither DOM lib nor Node types — and both must catch a planted violation.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import ts from "typescript";
import { readSources, roomCycles, roomGraph, roomViolations } from "./rooms";

const root = path.resolve(__dirname, "..", "..");
const planted = path.join(root, "src", "core", "policy", "__planted__.ts");

/**
 * ESLint runs in its own process (its flat config is ESM, which Jest's CommonJS runtime cannot
 * import); one process lints every planted snippet so the config loads once.
 */
const LINT_SCRIPT = `
const { ESLint } = require("eslint");
let input = "";
process.stdin.on("data", (d) => (input += d)).on("end", async () => {
  const { file, codes } = JSON.parse(input);
  const eslint = new ESLint();
  const out = [];
  for (const code of codes) {
    const [result] = await eslint.lintText(code, { filePath: file });
    out.push(result.messages.map((m) => m.ruleId + ": " + m.message));
  }
  process.stdout.write(JSON.stringify(out));
});`;

function lintAllAsCore(codes: string[]): string[][] {
  const run = spawnSync(process.execPath, ["-e", LINT_SCRIPT], {
    cwd: root,
    input: JSON.stringify({ file: planted, codes }),
    encoding: "utf8",
  });
  if (run.status !== 0 || !run.stdout) throw new Error(`eslint did not run: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

function compileAsCore(code: string): string[] {
  const options: ts.CompilerOptions = {
    lib: ["lib.es2022.d.ts"],
    types: [],
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === planted ? code : readFile(file));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === planted || fileExists(file);
  const program = ts.createProgram([planted], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

const REFUSED: Array<[string, string]> = [
  ['import { readFileSync } from "node:fs";\nexport const x = readFileSync;', "labelbridge/core-boundary"],
  ['import React from "react";\nexport const x = React;', "labelbridge/core-boundary"],
  ['import { buildApp } from "../../server/app";\nexport const x = buildApp;', "labelbridge/core-boundary"],
  [
    'import { OutlookHost } from "../../addin/hosts/outlook";\nexport const x = OutlookHost;',
    "labelbridge/core-boundary",
  ],
  ['export const x = require("fs");', "labelbridge/core-boundary"],
  ["export const x = () => Office.context.mailbox;", "no-restricted-globals"],
  ["export const x = () => document.title;", "no-restricted-globals"],
  ["export const x = () => window.localStorage;", "no-restricted-globals"],
  ['export const x = () => Buffer.from("a");', "no-restricted-globals"],
  ["export const x = () => process.env.HOME;", "no-restricted-globals"],
  ["export const x = () => setTimeout(() => 0, 1);", "no-restricted-globals"],
];
const ALLOWED =
  'import { z } from "zod";\nimport { XMLParser } from "fast-xml-parser";\nimport { normalizeGuid } from "./ids";\nimport { LabelIndex } from "../policy/labels";\nexport const x = [z, XMLParser, normalizeGuid, LabelIndex];\n';

describe("the src/core boundary", () => {
  jest.setTimeout(120000);
  let results: string[][] = [];
  beforeAll(() => {
    results = lintAllAsCore([...REFUSED.map(([code]) => code), ALLOWED]);
  });

  it.each(REFUSED.map(([code, rule], i) => [code, rule, i] as const))(
    "ESLint refuses %j",
    (_code, rule, i) => {
      expect(results[i].some((m) => m.startsWith(`${rule}:`))).toBe(true);
    },
  );

  it("ESLint accepts relative imports inside src/core and the allowed pure libraries", () => {
    const messages = results[REFUSED.length];
    expect(
      messages.filter((m) => m.startsWith("labelbridge/") || m.startsWith("no-restricted-globals")),
    ).toEqual([]);
  });

  it.each([
    ["export const t = document.title;", "Cannot find name 'document'"],
    ["export const b = Buffer.from('x');", "Cannot find name 'Buffer'"],
    ["export const m = Office.context;", "Cannot find name 'Office'"],
    ["export const s = setTimeout;", "Cannot find name 'setTimeout'"],
  ])("a compile without DOM and Node types refuses %j", (code, expected) => {
    expect(compileAsCore(code).join("\n")).toContain(expected);
  });

  it("the same compile accepts plain ES2022", () => {
    expect(
      compileAsCore("export const x = new Map<string, number>([['a', 1]]).size + [1, 2].at(-1)!;"),
    ).toEqual([]);
  });
});

/**
 * The add-in's rooms (docs/architecture.md): flows never import React, adapters never import
 * services, flows or UI, nothing imports upwards, and no two rooms import each other. Checked on
 * the real sources; planted imports show the check refuses each kind of violation.
 */
describe("the add-in's and the console's rooms", () => {
  const sources = readSources(root);
  const at = (room: string, name = "__planted__.ts") => path.join(root, "src", ...room.split("/"), name);
  const withPlanted = (file: string, code: string) => new Map([...sources, [file, code]]);

  it("every import stays inside what its room may import", () => {
    expect(roomViolations(root, sources)).toEqual([]);
  });

  it("no two rooms import each other, directly or round about", () => {
    expect(roomCycles(roomGraph(root, sources))).toEqual([]);
  });

  it.each([
    [
      "a flow importing React",
      "addin/flows",
      'import { useState } from "react";',
      "may not use the package react",
    ],
    [
      "a flow importing the pane's UI",
      "addin/flows",
      'import { App } from "../taskpane/components/App";',
      "may not import addin/taskpane",
    ],
    [
      "an adapter importing a client",
      "addin/hosts",
      'import type { PolicyClient } from "../services/policyClient";',
      "may not import addin/services",
    ],
    [
      "an adapter importing a flow",
      "addin/hosts",
      'export { chooseLabel } from "../flows/choose";',
      "may not import addin/flows",
    ],
    [
      "an adapter importing Fluent UI",
      "addin/hosts",
      'const ui = import("@fluentui/react-components");',
      "may not use the package",
    ],
    [
      "a client importing an adapter",
      "addin/services",
      'import { OutlookHost } from "../hosts/outlook";',
      "may not import addin/hosts",
    ],
    [
      "core importing the add-in",
      "core/decide",
      'import { SESSION } from "../../addin/hosts/outlookSession";',
      "core may not import addin/hosts",
    ],
    [
      "the event bundle importing the pane",
      "addin/events",
      'import { PaneController } from "../taskpane/controller";',
      "may not import addin/taskpane",
    ],
    [
      "the console importing the pane",
      "admin",
      'import { LabelList } from "../addin/taskpane/components/LabelList";',
      "admin may not import addin/taskpane",
    ],
    [
      "the pane importing the console",
      "addin/taskpane",
      'import { ItemList } from "../../admin/components/ItemList";',
      "addin/taskpane may not import admin",
    ],
    [
      "shared UI importing an app",
      "ui",
      'import { navigate } from "../admin/router";',
      "ui may not import admin",
    ],
  ])("refuses %s", (_what, room, code, why) => {
    const found = roomViolations(root, withPlanted(at(room), code));
    expect(found.map((v) => v.why).join("\n")).toContain(why);
  });

  it("finds a cycle between rooms", () => {
    const planted = withPlanted(at("addin/ports"), 'import type { LabelingHost } from "../hosts/types";');
    expect(roomCycles(roomGraph(root, planted))).toContainEqual([
      "addin/ports",
      "addin/hosts",
      "addin/ports",
    ]);
  });
});
