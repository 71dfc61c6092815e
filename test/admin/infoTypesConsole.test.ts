/**
 * Custom information types in the console, in headless Chromium against the real backend on
 * SQLite: an admin defines a type (a pattern that could hang is refused at its field, the test box
 * shows matches and confidence), names it in a label's condition and saves; imports the real Dutch
 * healthcare rule package after reading its per-entity report; exports the saved types as a
 * UTF-16 rule package. Each time the user's policy from the server then recommends the label in the
 * Outlook task pane (the built add-in against the fake Outlook host). Without Chromium, or without
 * dist/ built, this suite fails; it never skips.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { importRulePackage } from "../../src/core/detect/rulePackage/import";
import { decodeMsipLabelsHeader } from "../../src/core/metadata";
import { DEFAULT_LABEL_IDS, type EffectivePolicy, type TenantPolicy } from "../../src/core/policy";
import { nativeCatalog } from "../addin/outlook/setup";
import {
  assertBuilt,
  backend as paneBackend,
  bundleScript,
  openPage,
  ROOT,
  TOKEN,
  type OpenedPage,
} from "../browser/harness";
import { launchChromium } from "./support/chromium";
import { startBackend, TENANT, type Backend } from "./support/backend";
import { ensureConsoleBuilt } from "./support/build";
import { choose, field, input, save } from "./support/fields";
import { closeCheckedPages, openConsole, type ConsolePage } from "./support/page";

jest.setTimeout(240_000);

const HC = DEFAULT_LABEL_IDS.highlyConfidentialAllEmployees;
const PACKAGE = join(ROOT, "test/fixtures/rule-packages/wortell_HealthCare.xml");

let backend: Backend;
let browser: Browser;
let dana: string;
let officeScript: string;
const pages: ConsolePage[] = [];
const panes: OpenedPage[] = [];

beforeAll(async () => {
  assertBuilt();
  await ensureConsoleBuilt();
  backend = await startBackend();
  [browser, officeScript] = await Promise.all([
    launchChromium(),
    bundleScript(join(ROOT, "test/addin/fakes/outlook/browserEntry.ts")),
  ]);
  dana = await backend.token("dana@contoso.com", { admin: true, name: "Dana" });
});

afterEach(async () => {
  await closeCheckedPages(pages);
  for (const p of panes.splice(0)) {
    expect(p.blocked).toEqual([]);
    expect(p.errors).toEqual([]);
    await p.close();
  }
});

afterAll(async () => {
  await browser?.close();
  await backend?.close();
});

async function open(path: string): Promise<Page> {
  const c = await openConsole(browser, `${backend.url}${path}`, dana);
  pages.push(c);
  return c.page;
}

async function stored(): Promise<{ version: number; doc: TenantPolicy }> {
  const r = await backend.api("/api/v1/admin/policy", dana);
  return { version: Number(JSON.parse(r.headers.get("etag") ?? "0")), doc: r.json as TenantPolicy };
}

/** What GET /api/v1/policy gives a user of the tenant now. */
async function userPolicy(): Promise<EffectivePolicy> {
  const lee = await backend.token("lee@contoso.com");
  return (await backend.api("/api/v1/policy", lee)).json as EffectivePolicy;
}

async function testBox(page: Page, text: string): Promise<string[][]> {
  const box = page.getByTestId("info-type-test");
  await box.getByRole("textbox").fill(text);
  await box.getByTestId("test-match").first().waitFor();
  const rows = await box.getByTestId("test-match").all();
  return Promise.all(rows.map(async (r) => (await r.locator("td").allTextContents()).map((t) => t.trim())));
}

/** Adds a condition naming `typeName` on Highly Confidential \ All Employees, and saves. */
async function conditionOn(page: Page, typeName: string, level: string, version: number): Promise<void> {
  const { doc } = await stored();
  const i = doc.labels.findIndex((l) => l.id === HC);
  const c = doc.labels[i].conditions.length;
  await page.evaluate((id) => (location.hash = `#/labels/${id}`), HC);
  await page.getByTestId("conditions").getByRole("button", { name: "Add condition" }).click();
  await choose(page, `labels[${i}].conditions[${c}].sitId`, `${typeName} (custom)`);
  await choose(page, `labels[${i}].conditions[${c}].minConfidence`, level);
  await save(page, version);
}

/** The task pane, with the user's policy from the server, on a mail whose body is `text`. */
async function paneRecommends(policy: EffectivePolicy, text: string): Promise<string | null> {
  const api = paneBackend(policy);
  const p = await openPage(browser, {
    page: "taskpane.html",
    officeScript,
    globals: {
      __FAKE_OUTLOOK__: {
        mode: "compose",
        catalog: nativeCatalog(policy),
        labelsEnabled: false,
        subject: "Intake",
        body: `<p>${text}</p>`,
        to: ["lee@contoso.com"],
        user: { displayName: "Lee", emailAddress: "lee@contoso.com" },
      },
    },
    localStorage: { "labelbridge.devToken": TOKEN },
    api: api.handler,
  });
  panes.push(p);
  const tip = p.page.getByTestId("recommendation");
  await tip.waitFor();
  await tip.getByRole("button", { name: "Apply Highly Confidential \\ All Employees" }).click();
  await p.page.getByTestId("label-badge").getByText("Highly Confidential \\ All Employees").waitFor();
  const header = await p.page.evaluate(() => window.__mail!().headers.msip_labels);
  return header ? (decodeMsipLabelsHeader(header).find((r) => r.siteId === TENANT)?.labelId ?? null) : null;
}

test("an admin defines a type: a pattern that could hang is refused at its field, the test box shows matches and confidence, a condition names it, and the pane recommends its label", async () => {
  const before = await stored();
  const page = await open("/admin#/info-types");
  await page.getByText("No custom information types yet.").waitFor();
  await page.getByRole("button", { name: "New information type" }).click();
  await page.getByTestId("info-type-editor").waitFor();
  await input(page, "infoTypes[0].name").fill("Contoso employee id");
  await input(page, "infoTypes[0].proximity").fill("60");
  await input(page, "infoTypes[0].elements[0].pattern").fill("(\\d?)*-");

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await field(page, "infoTypes[0].elements[0].pattern")
    .getByText(/cannot be used: a repeated part can match nothing/)
    .waitFor();
  await page
    .getByTestId("issue-list")
    .getByText(/^Contoso employee id › elements\[0\]\.pattern/)
    .waitFor();
  expect((await stored()).version).toBe(before.version);

  await input(page, "infoTypes[0].elements[0].pattern").fill("\\bE-\\d{6}\\b");
  await choose(page, "infoTypes[0].elements[0].checksum.kind", "Luhn");
  await page.getByRole("button", { name: "Add keyword list" }).click();
  await input(page, "infoTypes[0].elements[1].terms").fill("employee\npersonnel number");
  await input(page, "infoTypes[0].patterns[0].confidence").fill("65");
  await page.getByRole("button", { name: "Add pattern" }).click();
  await input(page, "infoTypes[0].patterns[1].confidence").fill("85");
  await field(page, "infoTypes[0].patterns[1]")
    .getByRole("button", { name: "Add required evidence" })
    .click();
  await choose(page, "infoTypes[0].patterns[1].matches[0].ref", "keywords");

  // E-123455 passes Luhn; E-123456 does not; the second id is too far from "employee" for 85.
  const sample = `New employee E-123455 starts Monday; E-123456 is a typo.${" Unrelated text.".repeat(6)} Desk E-000000.`;
  expect(await testBox(page, sample)).toEqual([
    ["E-123455", String(sample.indexOf("E-123455")), "85"],
    ["E-000000", String(sample.indexOf("E-000000")), "65"],
  ]);

  await save(page, before.version + 1);
  await conditionOn(page, "Contoso employee id", "Pattern level 85", before.version + 2);
  const { doc } = await stored();
  const type = doc.infoTypes[0];
  expect(type).toMatchObject({
    name: "Contoso employee id",
    proximity: 60,
    elements: [
      { id: "id", kind: "regex", pattern: "\\bE-\\d{6}\\b", checksum: { kind: "luhn" } },
      { id: "keywords", kind: "keywords", terms: ["employee", "personnel number"] },
    ],
    patterns: [
      { confidence: 65, idMatch: "id" },
      { confidence: 85, idMatch: "id", matches: [{ ref: "keywords", minCount: 1 }] },
    ],
  });
  expect(doc.labels.find((l) => l.id === HC)!.conditions.at(-1)).toMatchObject({
    sitId: type.id,
    minConfidence: 85,
  });

  const policy = await userPolicy();
  expect(policy.infoTypes.map((t) => t.name)).toEqual(["Contoso employee id"]);
  expect(await paneRecommends(policy, "Welcome aboard: employee E-123455 starts on Monday.")).toBe(HC);
});

test("importing a rule package shows per entity what cannot be mapped before saving; an imported type recommends in the pane; export writes UTF-16", async () => {
  const page = await open("/admin#/info-types");
  const before = await stored();
  await page.getByLabel("Open a rule package").setInputFiles(PACKAGE);
  const report = page.getByTestId("import-report");
  await page.getByText("wortell_HealthCare.xml: 11 of 13 types can be imported.").waitFor();
  const zip = report.getByTestId("import-entity").filter({ hasText: "Custom - Netherlands ZIP Code + City" });
  await zip.getByText("Custom - Netherlands ZIP Code + City: not imported, 0 of 1 patterns").waitFor();
  await zip.getByText(/is not in this package \(a tenant keyword dictionary/).waitFor();
  expect((await stored()).version).toBe(before.version);

  await page.getByRole("button", { name: "Import 11 as a new version" }).click();
  await page
    .getByTestId("rule-package-outcome")
    .getByText(`Imported as version ${before.version + 1}`)
    .waitFor();
  const imported = (await stored()).doc.infoTypes;
  expect(imported).toHaveLength(before.doc.infoTypes.length + 11);

  await page.getByTestId("info-type-row").filter({ hasText: "Custom - Dutch Passport number" }).click();
  expect(await testBox(page, "paspoortnummer NW1234X56")).toEqual([["NW1234X56", "15", "85"]]);

  await conditionOn(page, "Custom - Dutch Passport number", "Pattern level 85", before.version + 2);
  expect(await paneRecommends(await userPolicy(), "Het paspoortnummer is NW1234X56.")).toBe(HC);

  await page.evaluate(() => (location.hash = "#/info-types"));
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: /^Export saved types/ }).click();
  const file = await (await download).path();
  const bytes = readFileSync(file!);
  expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
  const back = importRulePackage(new Uint8Array(bytes));
  expect(back.infoTypes.map((t) => t.name).sort()).toEqual(imported.map((t) => t.name).sort());
});
