/**
 * Where the browser suites put screenshots: under the system's temp directory, so a test run leaves
 * the git tree clean; into docs/screenshots only when LABELBRIDGE_UPDATE_SCREENSHOTS=1 asks to
 * refresh the pictures the docs show.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { screenshotDir } from "../../support/screenshots";

export const SHOTS = screenshotDir();

/** `admin-<name>.png`; `fullPage` from the top, so the sticky save bar is drawn where it belongs. */
export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `admin-${name}.png`), fullPage });
}
