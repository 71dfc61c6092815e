/**
 * Console pages as an admin opens them: a fresh browser context per admin (its own sessionStorage),
 * every CSP violation and page error recorded so a test can require there were none, and sign-in by
 * pasting a development token the way the sign-in page asks.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors and console errors, as text. */
  problems: string[];
  /** Responses the browser logged as failed (4xx/5xx): expected ones are asserted by the test. */
  httpErrors: string[];
}

export async function openConsole(browser: Browser, url: string, token?: string): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  const httpErrors: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const http = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(msg.text());
    if (http) httpErrors.push(http[1]);
    else problems.push(`console: ${msg.text()}`);
  });
  // Hermetic: nothing leaves loopback.
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(url);
  if (token) await signIn(page, token);
  return { page, context, problems, httpErrors };
}

export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel("Admin token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The editor, or the offer to create a first configuration.
  await page.locator('[data-testid="version"], [data-testid="create-configuration"]').first().waitFor();
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

/**
 * Closes the pages a test opened, each having run under the strict CSP without a violation, an
 * uncaught error or an unexpected failed request (expected ones — 403, 412, 502… — are consumed by
 * the test that caused them, from `httpErrors`).
 */
export async function closeCheckedPages(pages: ConsolePage[]): Promise<void> {
  for (const c of pages.splice(0)) {
    if (!c.page.isClosed()) expect(await cspViolations(c.page)).toEqual([]);
    expect(c.problems).toEqual([]);
    expect(c.httpErrors).toEqual([]);
    await c.context.close();
  }
}
