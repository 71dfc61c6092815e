/**
 * Headless Debian Chromium through playwright-core, launched by the add-in suites' harness (same
 * flags, same CHROMIUM_PATH). No Chromium → the suite fails with the path it tried; it never skips.
 */
export { CHROMIUM_ARGS, launchChromium } from "../../browser/harness";
