/**
 * Headless Debian Chromium through playwright-core. No Chromium → the suite fails with the path it
 * tried; it never skips.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath))
    throw new Error(
      `Chromium is not at ${executablePath}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH. The admin browser suite does not skip.`,
    );
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
