/**
 * The console's tenant-bridge views in headless Chromium against the real backend on SQLite and the
 * fake Graph of test/server/graph (Microsoft's documented label examples): a tenant with no labels
 * syncs Purview's — dry run first, diff, apply, a version of kind sync in History; Purview changes
 * show field by field and a removed label as retired; Graph down or Purview data that does not fit
 * leave the last good policy in force and say why; label mappings are refused at the field, saved,
 * tried, and kept when a sync lands while they are being edited; and a backend without Graph says
 * which settings to set. Without Chromium this suite fails; it never skips.
 */
import type { Browser, Locator, Page } from "playwright-core";
import type { TenantPolicy } from "../../src/core/policy";
import { fixture, graphEnv, startFakeGraph, type FakeGraph } from "../server/graph/fakeGraph";
import { launchChromium } from "./support/chromium";
import { TENANT, startBackend, type Backend } from "./support/backend";
import { ensureConsoleBuilt } from "./support/build";
import { choose, field, input, save } from "./support/fields";
import { closeCheckedPages, openConsole, type ConsolePage } from "./support/page";
import { shot } from "./support/screenshots";

jest.setTimeout(240_000);

const BETA = fixture("graphdocs_beta_security_informationProtection_sensitivityLabels_list.json").value;
const SETTINGS = fixture("graphdocs_beta_security_informationProtection_labelPolicySettings_get.json");
const PUBLIC = "285ccb20-8260-4b1a-9e08-b5e051ffc848";
const CONFIDENTIAL = "8cf764ac-ef2b-4787-8ccd-0a8a65e7bafa";
const FTE = "a20cbae4-0c05-448c-b342-cb6c618d0957";
// The partner tenant and label of the real Word file in test/fixtures/real-labels/office.
const PARTNER_SITE = "61e6eeb3-5fd7-4aaa-ae3c-61e8deb09b79";
const PARTNER_LABEL = "03ef5274-90b8-4b3f-8a76-b4c36a43e904";

let graph: FakeGraph;
let backend: Backend;
let browser: Browser;
let dana: string;
const pages: ConsolePage[] = [];

const labels = () => JSON.parse(JSON.stringify(BETA)) as Array<Record<string, unknown>>;
const purview = () => graph.tenants.get(TENANT)!;

async function open(path: string, token = dana, base = backend.url): Promise<ConsolePage> {
  const c = await openConsole(browser, `${base}${path}`, token);
  pages.push(c);
  return c;
}

async function current(): Promise<{ status: number; version: number; doc: TenantPolicy }> {
  const r = await backend.api("/api/v1/admin/policy", dana);
  return { status: r.status, version: Number(JSON.parse(r.headers.get("etag") ?? "0")), doc: r.json };
}

async function preview(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Preview changes (dry run)" }).click();
}

const texts = (l: Locator) => l.allTextContents();

beforeAll(async () => {
  await ensureConsoleBuilt();
  graph = await startFakeGraph();
  graph.tenants.set(TENANT, { labels: labels(), settings: SETTINGS });
  // A tenant whose labels come from Purview only: no default taxonomy.
  backend = await startBackend({ ...graphEnv(graph), LABELBRIDGE_SEED: "false" }, undefined, {
    graph: { maxRetries: 1, maxWaitSeconds: 2 },
  });
  browser = await launchChromium();
  dana = await backend.token("dana@contoso.com", { admin: true, name: "Dana" });
});

// Expected failures (404, 502, 409) are consumed by the tests that cause them.
afterEach(() => closeCheckedPages(pages));

afterAll(async () => {
  await browser?.close();
  await backend?.close();
  await graph?.close();
});

test("a tenant without labels: a dry run shows Purview's labels and applies nothing; applying writes a sync version", async () => {
  const c = await open("/admin");
  const { page } = c;
  await page.getByTestId("create-configuration").getByRole("link", { name: "Purview sync" }).click();
  await page
    .getByTestId("last-success")
    .filter({ hasText: "Purview has not been read successfully yet." })
    .waitFor();
  await preview(page);
  const dry = page.getByTestId("sync-preview");
  await dry.waitFor();
  expect(await dry.getByTestId("sync-summary").textContent()).toBe("3 labels added; 1 policy added.");
  expect(await texts(dry.getByTestId("labels-added").getByTestId("sync-item"))).toEqual([
    "Contoso Public",
    "Contoso Confidential",
    "Full Time Employees",
  ]);
  expect(await texts(dry.getByTestId("policies-added").getByTestId("sync-item"))).toEqual([
    "Microsoft Purview labels",
  ]);
  expect(await dry.textContent()).toContain("compared with nothing (the tenant has no configuration yet)");
  // Nothing applied: still no configuration, and the status says it was a dry run.
  expect((await current()).status).toBe(404);
  await page.getByTestId("last-success").filter({ hasText: "(a dry run, nothing applied)" }).waitFor();
  await shot(page, "purview-dry-run", true);

  await page.getByRole("button", { name: "Apply these changes" }).click();
  await page.getByText("Applied: version 1 is current").waitFor();
  await page.getByTestId("version").filter({ hasText: "Version 1" }).waitFor();
  const { version, doc } = await current();
  expect(version).toBe(1);
  expect(doc.labels.map((l) => [l.id, l.parentId])).toEqual([
    [PUBLIC, null],
    [CONFIDENTIAL, null],
    [FTE, CONFIDENTIAL],
  ]);
  expect(doc.policies[0].settings.moreInfoUrl).toBe("https://contoso.com/MIPInfo");
  await page.getByTestId("last-success").filter({ hasText: "(applied as version 1)" }).waitFor();

  await page.getByRole("link", { name: "See it in History" }).click();
  const row = page.locator('[data-testid="version-row"][data-version="1"]');
  expect(await row.textContent()).toContain("synced from Purview");
  const diff = page.getByTestId("diff");
  await diff.waitFor();
  expect(await diff.textContent()).toContain("Label “Contoso Public” added");
  expect(await diff.textContent()).toContain("Label “Contoso Confidential \\ Full Time Employees” added");
  // Before the sync the tenant had no configuration: the console asked for it and was told so.
  expect(c.httpErrors.length).toBeGreaterThan(0);
  expect(new Set(c.httpErrors.splice(0))).toEqual(new Set(["404"]));
});

test("Purview changed: the dry run shows the field's before and after and the removed label as retired; History shows the same", async () => {
  const next = labels().filter((l) => l.id !== PUBLIC);
  next.find((l) => l.id === FTE)!.tooltip = "Full-time employees only.";
  purview().labels = next;
  const { page } = await open("/admin#/purview");
  await preview(page);
  const dry = page.getByTestId("sync-preview");
  await dry.waitFor();
  expect(await dry.textContent()).toContain("compared with version 1");
  const fte = dry
    .getByTestId("labels-changed")
    .getByTestId("sync-item")
    .filter({ hasText: "Full Time Employees" });
  expect(await texts(fte.getByTestId("field-change"))).toContain(
    'tooltip: "Data labeled as Contoso Confidential \\\\ Full Time Employees." → "Full-time employees only."',
  );
  expect(await texts(dry.getByTestId("labels-retired").getByTestId("sync-item"))).toEqual([
    expect.stringMatching(/^Contoso Public retired /),
  ]);
  await shot(page, "purview-diff", true);

  await page.getByRole("button", { name: "Apply these changes" }).click();
  await page.getByText("Applied: version 2 is current").waitFor();
  const { doc } = await current();
  expect(doc.labels.find((l) => l.id === PUBLIC)).toMatchObject({ isActive: false });
  expect(doc.labels.find((l) => l.id === FTE)!.tooltip).toBe("Full-time employees only.");
  // The same changes the dry run showed (a retirement carries each run's own time).
  expect(await page.getByTestId("sync-moved").count()).toBe(0);

  await page.getByRole("link", { name: "See it in History" }).click();
  const diff = page.getByTestId("diff");
  await diff.waitFor();
  const text = await diff.textContent();
  expect(text).toContain("Label “Contoso Public” retired");
  expect(text).toContain(
    'tooltip: "Data labeled as Contoso Confidential \\\\ Full Time Employees." → "Full-time employees only."',
  );
  expect(await page.locator('[data-testid="version-row"][data-version="2"]').textContent()).toContain(
    "synced from Purview",
  );
});

test("Graph unreachable: nothing changes, the console says the last good policy stays in force and when the last sync succeeded", async () => {
  const before = await current();
  const c = await open("/admin#/purview");
  await c.page.getByTestId("last-success").filter({ hasText: "(applied as version 2)" }).waitFor();
  graph.down = true;
  try {
    await preview(c.page);
    const refused = c.page.getByTestId("sync-refused");
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(
      /^Microsoft Graph did not answerGraph did not answer GET \/beta\/security\/informationProtection\/sensitivityLabels: .+\. Nothing was changed: version 2, the last good policy, stays in force\.$/,
    );
    const lastError = c.page.getByTestId("last-error");
    await lastError.waitFor();
    expect(await lastError.textContent()).toContain("The last good policy, version 2, stays in force.");
    // The last success is still the one before; the version it applied is still named.
    expect(await c.page.getByTestId("last-success").textContent()).toMatch(/^Last successful sync: .+\.$/);
    expect(await c.page.getByTestId("last-applied").textContent()).toBe(
      "The last version a sync wrote is 2.",
    );
    expect(c.httpErrors.splice(0)).toEqual(["502"]);
    await shot(c.page, "purview-unreachable");
  } finally {
    graph.down = false;
  }
  expect((await current()).version).toBe(before.version);
});

test("Purview data that does not fit is refused with the field named; nothing is applied", async () => {
  const saved = purview().labels;
  purview().labels = [
    ...saved,
    { ...labels()[0], id: "5b1c3f0e-2d4a-4e6b-9c8d-7f6e5d4c3b2a", name: "Bad;Name", sensitivity: 9 },
  ];
  const c = await open("/admin#/purview");
  try {
    await preview(c.page);
    const issues = c.page.getByTestId("sync-issues");
    await issues.waitFor();
    expect(await c.page.getByTestId("sync-refused").textContent()).toContain(
      "Purview's labels do not fit the configurationNothing was changed: version 2, the last good policy, stays in force.",
    );
    expect(await issues.textContent()).toMatch(/^graph\.sensitivityLabels\[2\]\.name: /);
    expect(c.httpErrors.splice(0)).toEqual(["409"]);
  } finally {
    purview().labels = saved;
  }
  expect((await current()).version).toBe(2);
});

test("label mappings: a bad pattern and a retired target are refused at their fields; fixed, the mapping saves and 'try it' maps a Titus value", async () => {
  const { page } = await open("/admin#/mappings");
  await page.getByRole("button", { name: "Add custom property mapping" }).click();
  await input(page, "labelMappings[0].property").fill("Information Classification");
  await choose(page, "labelMappings[0]", /^Pattern/);
  await input(page, "labelMappings[0].pattern").fill("(");
  await choose(page, "labelMappings[0].labelId", /^Contoso Public/);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByTestId("notice").filter({ hasText: "nothing was sent to the server" }).waitFor();
  expect(await field(page, "labelMappings[0].pattern").textContent()).toContain(
    "is not a valid regular expression",
  );
  expect(await field(page, "labelMappings[0].labelId").textContent()).toContain(
    "label 285ccb20… is not active",
  );
  expect(await page.getByRole("tab", { name: /Label mappings/ }).textContent()).toContain("2");
  expect((await current()).doc.labelMappings).toBeUndefined();

  const trial = page.getByTestId("try-mapping");
  await trial.getByLabel("Property name").fill("Information Classification");
  await trial.getByLabel("Value").fill("General");
  expect(await trial.getByTestId("try-answer").textContent()).toBe(
    "No mapping matches: a file with only this property reads as unlabeled.",
  );
  await shot(page, "mappings-invalid", true);

  await input(page, "labelMappings[0].pattern").fill("^gen");
  await choose(page, "labelMappings[0].labelId", /Full Time Employees/);
  await save(page, 3);
  expect((await current()).doc.labelMappings).toEqual([
    { type: "customProperty", property: "Information Classification", pattern: "^gen", labelId: FTE },
  ]);
  expect(await trial.getByTestId("try-answer").textContent()).toBe(
    "Maps to Contoso Confidential \\ Full Time Employees, by mapping 1.",
  );
});

test("a partner label mapping edited while a sync lands: the sync's version is merged under it, saved with If-Match, and 'try it' maps the GUID", async () => {
  const { page } = await open("/admin#/mappings");
  await page.getByRole("button", { name: "Add partner label mapping" }).click();
  await input(page, "labelMappings[1].siteId").fill(PARTNER_SITE);
  await input(page, "labelMappings[1].partnerLabelId").fill(PARTNER_LABEL);
  await input(page, "labelMappings[1].name").fill("Fabrikam Confidential");
  await choose(page, "labelMappings[1].labelId", /Full Time Employees/);
  const trial = page.getByTestId("try-mapping");
  await trial.getByRole("radio", { name: "Label" }).check();
  await trial.getByLabel("Tenant id").fill(PARTNER_SITE);
  await trial.getByLabel("Label GUID").fill(PARTNER_LABEL.toUpperCase());
  expect(await trial.getByTestId("try-answer").textContent()).toBe(
    "Maps to Contoso Confidential \\ Full Time Employees, by mapping 2 “Fabrikam Confidential”.",
  );
  await shot(page, "mappings", true);

  // Purview renames a label; the admin applies the sync before saving her mapping.
  (purview().labels as Array<{ id: string; name: string }>).find((l) => l.id === CONFIDENTIAL)!.name =
    "Contoso Restricted";
  await page.getByRole("tab", { name: "Purview sync" }).click();
  await preview(page);
  await page.getByTestId("sync-preview").getByText("Your unsaved edits are carried onto it.").waitFor();
  await page.getByRole("button", { name: "Apply these changes" }).click();
  await page.getByText("Applied: version 4 is current").waitFor();
  await page
    .getByTestId("merge")
    .getByText("Your changes were applied to version 4 (you started from 3)")
    .waitFor();
  await save(page, 5);
  const { doc } = await current();
  expect(doc.labels.find((l) => l.id === CONFIDENTIAL)!.name).toBe("Contoso Restricted");
  expect(doc.labelMappings?.[1]).toEqual({
    type: "partnerLabel",
    name: "Fabrikam Confidential",
    siteId: PARTNER_SITE,
    partnerLabelId: PARTNER_LABEL,
    labelId: FTE,
  });
});

test("a backend without Graph: the view names the settings to set and offers no sync", async () => {
  const plain = await startBackend();
  try {
    const token = await plain.token("dana@contoso.com", { admin: true, name: "Dana" });
    const { page } = await open("/admin#/purview", token, plain.url);
    const off = page.getByTestId("graph-not-configured");
    await off.waitFor();
    expect(await off.textContent()).toContain(
      "Set LABELBRIDGE_GRAPH_CLIENT_ID and either LABELBRIDGE_GRAPH_CLIENT_SECRET or LABELBRIDGE_GRAPH_CERTIFICATE with LABELBRIDGE_GRAPH_CERTIFICATE_KEY",
    );
    expect(await page.getByRole("button", { name: "Preview changes (dry run)" }).count()).toBe(0);
  } finally {
    await closeCheckedPages(pages);
    await plain.close();
  }
});
