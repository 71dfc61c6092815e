#!/usr/bin/env node
"use strict";
/**
 * `prepare` (run by `npm install` and `npm ci`): builds everything. `npx labelbridge` in this
 * folder runs `prepare` too, to link the project's own command into npx's cache; building there
 * took a silent minute and a half and, when interrupted, left that cache broken. So under npx it
 * only says how to build: bin/labelbridge.js uses the build when there is one.
 */
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { PARTS, markBuilt } = require("./buildState");

if (process.env.npm_command === "exec") {
  process.stderr.write(
    "labelbridge: not building under npx; `npm run build` builds the command and the server\n",
  );
  process.exit(0);
}
const root = path.join(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const started = new Date();
const result = spawnSync(npm, ["run", "build"], {
  cwd: root,
  stdio: "inherit",
  shell: process.platform === "win32",
});
// The bundler leaves unchanged files as they were; what was just built is current all the same.
if (result.status === 0) for (const part of PARTS) markBuilt(root, part, started);
process.exit(result.status ?? 1);
