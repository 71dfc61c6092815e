/**
 * The built Outlook add-in (dist/) in headless Chromium against the fake Outlook host: what a
 * person does in the task pane, and what the mail carries afterwards. Also the event handlers as
 * Outlook on the web runs them (commands.html), and the README screenshots.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { decodeMsipLabelsHeader, encodeMsipLabelsHeader } from "../../src/core/metadata";
import type { EffectivePolicy } from "../../src/core/policy";
import type { FakeOutlookOptions } from "../addin/fakes/outlook/fakeOutlook";
import { nativeCatalog, policyWith, L, SITE } from "../addin/outlook/setup";
import { EMPLOYEE_ID_TYPE, EMPLOYEE_TEXT, effectiveWithEmployeeIds } from "../support/customTypeFixtures";
import {
  assertBuilt,
  bundleScript,
  eventually,
  launchChromium,
  openPage,
  ROOT,
  SCREENSHOTS,
  TOKEN,
  backend,
  type Backend,
  type OpenedPage,
} from "./harness";

jest.setTimeout(120_000);

const mandatory = policyWith({
  mandatoryMail: true,
  defaultMailLabel: "none",
  justificationRequired: true,
  moreInfoUrl: "https://intranet.contoso.com/labels",
  reportIssueUrl: "mailto:labels@contoso.com",
});

let browser: Browser;
let officeScript: string;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  assertBuilt();
  [browser, officeScript] = await Promise.all([
    launchChromium(),
    bundleScript(join(ROOT, "test/addin/fakes/outlook/browserEntry.ts")),
  ]);
});

afterEach(async () => {
  for (const p of opened.splice(0)) {
    // A hermetic run: nothing outside our origin and the routed office.js was even attempted.
    expect(p.blocked).toEqual([]);
    expect(p.errors).toEqual([]);
    await p.close();
  }
});

afterAll(async () => {
  await browser?.close();
});

function compose(policy: EffectivePolicy, options: Partial<FakeOutlookOptions> = {}): FakeOutlookOptions {
  return {
    mode: "compose",
    catalog: nativeCatalog(policy),
    labelsEnabled: false,
    subject: "Quarterly numbers",
    body: "<html><body><p>Hello Lee,</p><p>the numbers are attached.</p></body></html>",
    to: ["lee@contoso.com"],
    user: { displayName: "Sam Lee", emailAddress: "sam@contoso.com" },
    ...options,
  };
}

function header(labelId: string): string {
  return encodeMsipLabelsHeader([
    {
      labelId,
      siteId: SITE,
      method: "Privileged",
      name: "x",
      contentBits: 0,
      setDate: "2026-11-01T08:00:00Z",
      actionId: "11111111-2222-4333-8444-555555555555",
    },
  ]);
}

async function open(
  fake: FakeOutlookOptions | null,
  api: Backend,
  extra: { localStorage?: Record<string, string>; colorScheme?: "light" | "dark" } = {},
): Promise<OpenedPage> {
  const p = await openPage(browser, {
    page: "taskpane.html",
    officeScript,
    globals: { __FAKE_OUTLOOK__: fake },
    localStorage: { "labelbridge.devToken": TOKEN, ...(extra.localStorage ?? {}) },
    api: api.handler,
    colorScheme: extra.colorScheme,
  });
  opened.push(p);
  return p;
}

async function mail(page: Page) {
  return page.evaluate(() => window.__mail!());
}

async function ourLabel(page: Page): Promise<string | null> {
  const value = (await mail(page)).headers.msip_labels;
  return value ? (decodeMsipLabelsHeader(value).find((r) => r.siteId === SITE)?.labelId ?? null) : null;
}

/** The policy a pane saved two hours ago (stale: an hour's freshness), for a backend that is down. */
function savedTwoHoursAgo(policy: EffectivePolicy): { localStorage: Record<string, string> } {
  const entry = { v: 1, policy, etag: '"p0"', fetchedAt: Date.now() - 7_200_000, maxAgeMs: 3_600_000 };
  return { localStorage: { "labelbridge.policy.v1:sam@contoso.com": JSON.stringify(entry) } };
}

const badge = (page: Page) => page.getByTestId("label-badge");
const labelButton = (page: Page, fullName: string) =>
  page.getByRole("button", { name: `Apply the label ${fullName}` });

describe("Outlook task pane in Chromium", () => {
  it("shows the mandatory banner on an unlabeled mail; picking a label writes the header and clears it", async () => {
    const api = backend(mandatory);
    const { page } = await open(compose(mandatory), api);
    await page.getByTestId("label-list").waitFor();
    await expect(badge(page).textContent()).resolves.toBe("No label");
    await page.getByTestId("mandatory-banner").waitFor();
    await expect(page.getByRole("link", { name: "Learn more" }).getAttribute("href")).resolves.toBe(
      "https://intranet.contoso.com/labels",
    );

    await labelButton(page, "General").click();
    await page.getByTestId("label-badge").getByText("General").waitFor();
    expect(await ourLabel(page)).toBe(L.general);
    await page.getByTestId("mandatory-banner").waitFor({ state: "detached" });
    await expect(labelButton(page, "General").getAttribute("aria-pressed")).resolves.toBe("true");
    await eventually(() => api.audit.map((e) => [e.type, e.labelId]), [["label-applied", L.general]]);
  });

  it("lowering asks why: 'Other' without text is refused, cancel keeps the label, a reason applies it", async () => {
    const api = backend(mandatory);
    const { page } = await open(
      compose(mandatory, { headers: { msip_labels: header(L.confidentialAllEmployees) } }),
      api,
    );
    await badge(page).getByText("Confidential \\ All Employees").waitFor();

    await labelButton(page, "Public").click();
    const dialog = page.getByTestId("justification-dialog");
    await dialog.waitFor();
    await dialog.getByText("Other (explain) - Do not enter sensitive information").click();
    await dialog.getByRole("button", { name: "Change label" }).click();
    await dialog.getByText('Explain why in the text box when you choose "Other".').waitFor();
    expect(await ourLabel(page)).toBe(L.confidentialAllEmployees);

    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await ourLabel(page)).toBe(L.confidentialAllEmployees);
    await badge(page).getByText("Confidential \\ All Employees").waitFor();

    await labelButton(page, "Public").click();
    await dialog.waitFor();
    await dialog.getByText("Previous label was incorrect").click();
    await dialog.getByRole("button", { name: "Change label" }).click();
    await dialog.waitFor({ state: "detached" });
    await badge(page).getByText("Public").waitFor();
    expect(await ourLabel(page)).toBe(L.public);
    await eventually(
      () => api.audit.map((e) => [e.type, e.downgrade, e.justification?.reason]),
      [["label-changed", true, "Previous label was incorrect"]],
    );
  });

  it("is usable from the keyboard alone", async () => {
    const api = backend(mandatory);
    const { page } = await open(compose(mandatory), api);
    await page.getByTestId("label-list").waitFor();
    const target = labelButton(page, "Confidential \\ All Employees");
    await page.keyboard.press("Tab");
    for (let i = 0; i < 12 && !(await target.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press("Tab");
    await expect(target.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press("Enter");
    await badge(page).getByText("Confidential \\ All Employees").waitFor();
    expect(await ourLabel(page)).toBe(L.confidentialAllEmployees);
  });

  it("recommends a label for a card number in the body; accepting applies it", async () => {
    const api = backend(mandatory);
    const { page } = await open(
      compose(mandatory, { body: "<p>Charge Visa 4111 1111 1111 1111, expiry 12/28.</p>" }),
      api,
    );
    const tip = page.getByTestId("recommendation");
    await tip.waitFor();
    await tip.getByRole("button", { name: "Apply Confidential \\ All Employees" }).click();
    await badge(page).getByText("Confidential \\ All Employees").waitFor();
    await tip.waitFor({ state: "detached" });
    await eventually(
      () => api.audit.map((e) => [e.type, e.actionSource]),
      [
        ["label-applied", "recommended"],
        ["recommendation-accepted", null],
      ],
    );
  });

  it("recommends a label for an admin's custom information type, loading its engine only then", async () => {
    const custom = effectiveWithEmployeeIds({ mandatoryMail: true, defaultMailLabel: "none" });
    const api = backend(custom);
    const opened = await open(compose(custom, { body: `<p>${EMPLOYEE_TEXT}</p>` }), api);
    const tip = opened.page.getByTestId("recommendation");
    await tip.waitFor();
    await tip.getByRole("button", { name: "Apply Highly Confidential \\ All Employees" }).click();
    await badge(opened.page).getByText("Highly Confidential \\ All Employees").waitFor();
    expect(await ourLabel(opened.page)).toBe(L.highlyConfidentialAllEmployees);
    await eventually(
      () => api.audit.map((e) => [e.type, e.actionSource, e.details?.sitId ?? null]),
      [
        ["label-applied", "recommended", null],
        ["recommendation-accepted", null, EMPLOYEE_ID_TYPE],
      ],
    );
    const chunk = (p: OpenedPage) => p.scripts.filter((s) => s.url.includes("custom-info-types"));
    expect(chunk(opened)).toHaveLength(1);

    // A policy without custom types never fetches the engine.
    const cards = await open(
      compose(mandatory, { body: "<p>Charge Visa 4111 1111 1111 1111, expiry 12/28.</p>" }),
      backend(mandatory),
    );
    await cards.page.getByTestId("recommendation").waitFor();
    expect(chunk(cards)).toEqual([]);
  });

  it("shows a received mail's label, read-only, with its protective marking", async () => {
    const raw = [
      `msip_labels: MSIP_Label_${L.highlyConfidentialAllEmployees}_Enabled=true; MSIP_Label_${L.highlyConfidentialAllEmployees}_SiteId=${SITE};`,
      "X-Protective-Marking: VER=2024.1, NS=gov.au, SEC=PROTECTED, ORIGIN=kim@agency.gov.au",
      "",
    ].join("\r\n");
    const { page } = await open({ mode: "read", rawHeaders: raw, subject: "Payroll" }, backend(mandatory));
    const read = page.getByTestId("read-mode");
    await read.waitFor();
    await read.getByText("Highly Confidential \\ All Employees").waitFor();
    await page.getByTestId("other-markings").getByText("[SEC=PROTECTED]").waitFor();
    await expect(page.getByTestId("label-list").count()).resolves.toBe(0);
  });

  it("works offline from the cached policy and says so", async () => {
    const { page, apiCalls } = await open(compose(mandatory), backend(null), savedTwoHoursAgo(mandatory));
    await page.getByTestId("label-list").waitFor();
    await page
      .getByTestId("notice-warning")
      .getByText(/cannot be reached/)
      .waitFor();
    await labelButton(page, "General").click();
    await badge(page).getByText("General").waitFor();
    expect(await ourLabel(page)).toBe(L.general);
    expect(apiCalls.some((c) => c.path === "/api/v1/policy")).toBe(true);
  });

  it("follows a theme change while open: Outlook's OfficeThemeChanged turns the pane dark and back", async () => {
    const { page } = await open(compose(mandatory), backend(mandatory));
    await page.getByTestId("label-list").waitFor();
    const surface = page.locator("[data-theme]");
    const brightness = () =>
      surface.evaluate((el) =>
        getComputedStyle(el)
          .backgroundColor.match(/\d+/g)!
          .slice(0, 3)
          .reduce((sum, v) => sum + Number(v), 0),
      );
    await expect(surface.getAttribute("data-theme")).resolves.toBe("light");
    await page.evaluate(() =>
      window.__fakeOutlook!.changeTheme({ bodyBackgroundColor: "#292929", bodyForegroundColor: "#ffffff" }),
    );
    await page.locator('[data-theme="dark"]').waitFor();
    await eventually(async () => (await brightness()) < 3 * 80, true);
    await page.evaluate(() =>
      window.__fakeOutlook!.changeTheme({ bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#000000" }),
    );
    await page.locator('[data-theme="light"]').waitFor();
  });

  it("keeps 'using the saved policy' on screen when the default label is applied, each with its own Dismiss", async () => {
    const withDefault = policyWith({ mandatoryMail: true, defaultMailLabel: L.general });
    const { page } = await open(compose(withDefault), backend(null), savedTwoHoursAgo(withDefault));
    const policyNotice = page.locator('[data-scope="policy"]');
    const actionNotice = page.locator('[data-scope="action"]');
    await actionNotice.getByText('Labeled "General" by default.').waitFor();
    await policyNotice.getByText(/cannot be reached/).waitFor();
    await actionNotice.getByRole("button", { name: "Dismiss" }).click();
    await actionNotice.waitFor({ state: "detached" });
    await policyNotice.getByText(/cannot be reached/).waitFor();
  });

  it("speaks French in a French Outlook", async () => {
    const { page } = await open(compose(mandatory, { displayLanguage: "fr-FR" }), backend(mandatory));
    await page.getByRole("heading", { name: "Confidentialité" }).waitFor();
    await page
      .getByText("Votre organisation exige une étiquette de confidentialité sur ce message.", {
        exact: false,
      })
      .waitFor();
    await expect(badge(page).textContent()).resolves.toBe("Aucune étiquette");
  });

  it("follows Outlook's dark theme; light and dark screenshots for the README", async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const body = "<p>Charge Visa 4111 1111 1111 1111, expiry 12/28.</p>";
    const light = await open(
      compose(mandatory, { body, headers: { msip_labels: header(L.general) } }),
      backend(mandatory),
    );
    await light.page.getByTestId("recommendation").waitFor();
    await light.page.screenshot({ path: join(SCREENSHOTS, "outlook-taskpane-light.png"), fullPage: true });

    const dark = await open(
      compose(mandatory, {
        body,
        headers: { msip_labels: header(L.general) },
        theme: { bodyBackgroundColor: "#292929", bodyForegroundColor: "#FFFFFF", isDarkTheme: true },
      }),
      backend(mandatory),
    );
    await dark.page.getByTestId("recommendation").waitFor();
    await expect(dark.page.locator("[data-theme]").getAttribute("data-theme")).resolves.toBe("dark");
    const bg = await dark.page.locator("[data-theme]").evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g)!.map(Number);
    expect(r + g + b).toBeLessThan(3 * 80);
    await dark.page.screenshot({ path: join(SCREENSHOTS, "outlook-taskpane-dark.png"), fullPage: true });

    await labelButton(dark.page, "Public").click();
    const surface = dark.page.getByTestId("justification-dialog");
    await surface.waitFor();
    // Let Fluent's entrance motion finish before the picture.
    await dark.page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="justification-dialog"]');
      return (
        !!el &&
        getComputedStyle(el).opacity === "1" &&
        el.getAnimations().every((a) => a.playState === "finished")
      );
    });
    await dark.page.screenshot({ path: join(SCREENSHOTS, "outlook-justification-dark.png") });
  });

  it("outside Office says where to open it", async () => {
    const { page } = await open(null, backend(mandatory));
    await page
      .getByTestId("outside-office")
      .getByText("Open Labelbridge from Outlook, Word, Excel or PowerPoint.")
      .waitFor();
  });
});

describe("Outlook event handlers in Chromium (commands.html, as Outlook on the web runs them)", () => {
  async function run(page: Page, name: string): Promise<unknown[]> {
    return page.evaluate(async (handler) => {
      const calls: unknown[] = [];
      const fn = window.__fakeOutlook!.actions.get(handler)!;
      await new Promise<void>((resolve) => {
        fn({
          completed: (options?: unknown) => {
            calls.push(options ?? null);
            resolve();
          },
        });
      });
      await new Promise((r) => setTimeout(r, 300));
      return calls;
    }, name);
  }

  it("associates every handler on load; new mail gets the default label; send blocks an unlabeled mail", async () => {
    const withDefault = policyWith({
      mandatoryMail: true,
      defaultMailLabel: L.general,
      justificationRequired: true,
    });
    const api = backend(withDefault);
    const p = await openPage(browser, {
      page: "commands.html",
      officeScript,
      globals: { __FAKE_OUTLOOK__: compose(withDefault) },
      localStorage: { "labelbridge.devToken": TOKEN },
      api: api.handler,
    });
    opened.push(p);
    await p.page.waitForFunction(() => (window.__fakeOutlook?.actions.size ?? 0) >= 7);
    const names = await p.page.evaluate(() => [...window.__fakeOutlook!.actions.keys()].sort());
    expect(names).toEqual(
      [
        "onAppointmentSend",
        "onMessageAttachmentsChanged",
        "onMessageRecipientsChanged",
        "onMessageSend",
        "onNewAppointmentOrganizer",
        "onNewMessageCompose",
        "onSensitivityLabelChanged",
      ].sort(),
    );

    await expect(run(p.page, "onNewMessageCompose")).resolves.toEqual([null]);
    expect(await ourLabel(p.page)).toBe(L.general);

    const noDefault = await openPage(browser, {
      page: "commands.html",
      officeScript,
      globals: { __FAKE_OUTLOOK__: compose(mandatory) },
      localStorage: { "labelbridge.devToken": TOKEN },
      api: backend(mandatory).handler,
    });
    opened.push(noDefault);
    await noDefault.page.waitForFunction(() => (window.__fakeOutlook?.actions.size ?? 0) >= 5);
    const [options] = (await run(noDefault.page, "onMessageSend")) as Array<Record<string, unknown>>;
    expect(options).toMatchObject({
      allowEvent: false,
      errorMessage: "Select a sensitivity label before sending.",
      commandId: "lbComposeOpenPane",
      cancelLabel: "Choose label",
    });
  });
});
