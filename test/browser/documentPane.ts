/**
 * What the Word and Excel browser suites share: the fake document host bundled in place of
 * office.js, opened with the person's development token (whose name claim ends up in
 * `${User.Name}` markings), and what a test reads back from the document. The fake backend and the
 * token are harness.ts's, shared with the Outlook suite.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { OUR_TENANT } from "../addin/documentSetup";
import type { DocumentView, FakeDocumentOptions } from "../addin/fakes/document/browserEntry";
import {
  assertBuilt,
  bundleScript,
  launchChromium,
  openPage,
  ROOT,
  SCREENSHOTS,
  TOKEN,
  type Backend,
  type OpenedPage,
} from "./harness";

export function documentSuite() {
  const state: { browser: Browser | null; script: string | null; opened: OpenedPage[] } = {
    browser: null,
    script: null,
    opened: [],
  };
  beforeAll(async () => {
    assertBuilt(["taskpane.html"]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    [state.browser, state.script] = await Promise.all([
      launchChromium(),
      bundleScript(join(ROOT, "test/addin/fakes/document/browserEntry.ts")),
    ]);
  });
  afterEach(async () => {
    for (const p of state.opened.splice(0)) {
      expect(p.blocked).toEqual([]);
      expect(p.errors).toEqual([]);
      await p.close();
    }
  });
  afterAll(async () => {
    await state.browser?.close();
  });

  return {
    async open(
      fake: FakeDocumentOptions,
      api: Backend,
      extra: { colorScheme?: "light" | "dark" } = {},
    ): Promise<Page> {
      const p = await openPage(state.browser!, {
        page: "taskpane.html",
        officeScript: state.script!,
        globals: { __FAKE_DOCUMENT__: fake },
        localStorage: { "labelbridge.devToken": TOKEN },
        api: api.handler,
        colorScheme: extra.colorScheme,
      });
      state.opened.push(p);
      return p.page;
    },
  };
}

export function documentView(page: Page): Promise<DocumentView> {
  return page.evaluate(() => window.__document!());
}

/** The id of the label our tenant's properties carry, or null. */
export async function ourLabel(page: Page): Promise<string | null> {
  const props = (await documentView(page)).properties;
  const siteKey = Object.keys(props).find((k) => k.endsWith("_SiteId") && props[k] === OUR_TENANT);
  return siteKey ? siteKey.slice("MSIP_Label_".length, -"_SiteId".length) : null;
}

export const badge = (page: Page) => page.getByTestId("label-badge");
export const labelButton = (page: Page, fullName: string) =>
  page.getByRole("button", { name: `Apply the label ${fullName}` });

/** Waits until Fluent's dialog has finished its entrance motion, so a screenshot shows it whole. */
export async function dialogSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="justification-dialog"]');
    return (
      !!el &&
      getComputedStyle(el).opacity === "1" &&
      el.getAnimations().every((a) => a.playState === "finished")
    );
  });
}

/** The full key set our tenant's label leaves in a document's custom properties, as a matcher. */
export function labelPropertiesWritten(
  labelId: string,
  name: string,
  method: "Standard" | "Privileged",
  contentBits: number,
): Record<string, unknown> {
  const key = (suffix: string) => `MSIP_Label_${labelId}_${suffix}`;
  return {
    [key("Enabled")]: "true",
    [key("SetDate")]: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    [key("Method")]: method,
    [key("Name")]: name,
    [key("SiteId")]: OUR_TENANT,
    [key("ActionId")]: expect.stringMatching(/^[0-9a-f-]{36}$/),
    [key("ContentBits")]: String(contentBits),
  };
}
