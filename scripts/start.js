#!/usr/bin/env node
"use strict";
/**
 * `npm start`: rebuilds only the parts whose sources changed (`npm run build` rebuilds everything),
 * then runs the server in this process. npm runs scripts through a shell and passes SIGTERM and
 * SIGINT only to it; Debian's sh neither passes them on nor replaces itself with its command, so
 * the server stayed on :3000. The script is `exec node scripts/start.js` (the shell becomes this
 * process; `|| node scripts/start.js` for Windows' cmd, which has no exec), and the server also
 * stops if the process that started it goes away.
 */
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { staleParts, markBuilt } = require("./buildState");

const root = path.join(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

for (const part of staleParts(root)) {
  process.stdout.write(`labelbridge: building the ${part.name} (${part.why}): npm run ${part.script}\n`);
  const started = new Date();
  const result = spawnSync(npm, ["run", "--silent", part.script], {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (result.status !== 0) {
    process.stderr.write(`labelbridge: npm run ${part.script} failed; the server was not started\n`);
    process.exit(result.status ?? 1);
  }
  markBuilt(root, part, started);
}

require(path.join(root, "build", "server", "main.js")).main({ stopWithParent: true });
