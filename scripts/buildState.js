"use strict";
/**
 * Which parts of the build are older than their sources, so `npm start` rebuilds only those (after
 * `npm install` built everything, a start takes seconds, not a minute and a half). A part is stale
 * when any of its sources is newer than the oldest of its outputs, or an output is missing.
 */
const fs = require("node:fs");
const path = require("node:path");

/** Each part: the npm script that builds it, the files it makes, and what it is made from. */
const PARTS = [
  {
    name: "server and CLI",
    script: "build:node",
    outputs: ["build/server/main.js", "build/cli/main.js"],
    sources: [
      "src/core",
      "src/server",
      "src/cli",
      "tsconfig.json",
      "tsconfig.build.json",
      "package-lock.json",
    ],
    ignore: ["src/server/admin/ui"],
  },
  {
    name: "add-in",
    script: "build:addin",
    outputs: ["dist/taskpane.html", "dist/manifest.xml", "dist/manifest.office.xml"],
    sources: [
      "src/addin",
      "src/core",
      "assets",
      "manifest.xml",
      "manifest.office.xml",
      "webpack.config.js",
      "package-lock.json",
    ],
    ignore: [],
  },
  {
    name: "admin console",
    script: "build:admin",
    outputs: ["dist/admin/console.html"],
    sources: [
      "src/server/admin/ui",
      "src/core",
      "webpack.admin.config.js",
      "webpack.config.js",
      "package-lock.json",
    ],
    ignore: [],
  },
];

/** The newest modification time under `entry` (a file or a folder), skipping `ignore`d paths. */
function newest(root, entry, ignore) {
  const full = path.join(root, entry);
  if (ignore.some((i) => entry === i || entry.startsWith(i + "/"))) return 0;
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const child of fs.readdirSync(full))
    latest = Math.max(latest, newest(root, `${entry}/${child}`, ignore));
  return latest;
}

/** The oldest output's modification time, or -1 when one is missing. */
function oldestOutput(root, outputs) {
  let oldest = Infinity;
  for (const output of outputs) {
    try {
      oldest = Math.min(oldest, fs.statSync(path.join(root, output)).mtimeMs);
    } catch {
      return -1;
    }
  }
  return oldest;
}

/** The parts to rebuild, each with why. */
function staleParts(root, parts = PARTS) {
  const stale = [];
  for (const part of parts) {
    const built = oldestOutput(root, part.outputs);
    if (built < 0) {
      stale.push({ ...part, why: "not built yet" });
      continue;
    }
    const changed = Math.max(...part.sources.map((s) => newest(root, s, part.ignore)));
    if (changed > built) stale.push({ ...part, why: "sources changed since the last build" });
  }
  return stale;
}

/** After a build: its outputs count as made now, even where the bundler left an unchanged file as it was. */
function markBuilt(root, part, now = new Date()) {
  for (const output of part.outputs) {
    const full = path.join(root, output);
    if (fs.existsSync(full)) fs.utimesSync(full, now, now);
  }
}

module.exports = { PARTS, staleParts, markBuilt };
