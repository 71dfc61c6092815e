/**
 * Where the browser suites write their screenshots: docs/screenshots/ (the README's pictures) only
 * when asked with LABELBRIDGE_UPDATE_SCREENSHOTS=1, else a fresh folder under the system's temp
 * directory — `npm test` used to rewrite ten tracked PNGs with invisible byte changes on every run.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const DOCS_SCREENSHOTS = resolve(__dirname, "..", "..", "docs", "screenshots");

export function screenshotDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LABELBRIDGE_UPDATE_SCREENSHOTS === "1"
    ? DOCS_SCREENSHOTS
    : mkdtempSync(join(tmpdir(), "labelbridge-screenshots-"));
}
