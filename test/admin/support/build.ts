/**
 * The suite runs against the console as `npm run build:admin` builds it. When dist/admin is missing
 * or older than its sources, it is built here first (webpack's API, production mode).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./backend";

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Jest runs suites in parallel workers: one builds, the others wait for it (a directory as the lock). */
export async function ensureConsoleBuilt(): Promise<void> {
  const lock = join(REPO, "dist", ".admin-build.lock");
  mkdirSync(join(REPO, "dist"), { recursive: true });
  for (const started = Date.now(); ;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - started > 300_000)
        throw new Error(`${lock} has been held for 5 minutes; remove it if no build runs`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    await buildIfStale();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function buildIfStale(): Promise<void> {
  const page = join(REPO, "dist", "admin", "console.html");
  // The console's room and the rooms it may import from (test/admin/rooms.test.ts keeps it so).
  const sources = Math.max(
    ...["admin", "ui", "contracts", "core"].map((room) => newest(join(REPO, "src", room))),
    statSync(join(REPO, "webpack.admin.config.js")).mtimeMs,
  );
  if (existsSync(page) && statSync(page).mtimeMs >= sources) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require("webpack") as typeof import("webpack");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(join(REPO, "webpack.admin.config.js"))({}, { mode: "production" });
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString("errors-only")));
      resolve();
    }),
  );
}
