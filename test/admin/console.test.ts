/**
 * The admin console in headless Chromium against the real backend on SQLite, the way Dana uses it:
 * sign in, create a label, reorder, get refused at the field, meet another admin's save, roll back,
 * take the default taxonomy to a piloted policy with mandatory labeling, and see it in the reports.
 * Screenshots go to the temp directory, or to docs/screenshots/admin-*.png with
 * LABELBRIDGE_UPDATE_SCREENSHOTS=1 (support/screenshots.ts). Without Chromium this suite fails; it
 * never skips.
 */
import { readFileSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { DEFAULT_LABEL_IDS as L, DEFAULT_POLICY_ID, type TenantPolicy } from "../../src/core/policy";
import type { AuditEventInput } from "../../src/core/audit";
import { launchChromium } from "./support/chromium";
import { startBackend, type Backend } from "./support/backend";
import { ensureConsoleBuilt } from "./support/build";
import { choose, field, input, save } from "./support/fields";
import { closeCheckedPages, openConsole, type ConsolePage } from "./support/page";
import { shot } from "./support/screenshots";

jest.setTimeout(240_000);

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() - offset * DAY_MS).toISOString().slice(0, 10);

let backend: Backend;
let browser: Browser;
let dana: string;
let kim: string;
const pages: ConsolePage[] = [];

async function open(token?: string, path = "/admin", base = backend.url): Promise<ConsolePage> {
  const c = await openConsole(browser, `${base}${path}`, token);
  pages.push(c);
  return c;
}

async function current(): Promise<{ version: number; doc: TenantPolicy }> {
  const r = await backend.api("/api/v1/admin/policy", dana);
  return { version: Number(JSON.parse(r.headers.get("etag")!)), doc: r.json as TenantPolicy };
}

function event(
  type: AuditEventInput["type"],
  offset: number,
  extra: Partial<AuditEventInput> = {},
): AuditEventInput {
  const id = `${type}-${offset}-${Math.random().toString(36).slice(2, 10)}`;
  // Half past midnight UTC: today's events are never beyond the server's clock + 60 minutes,
  // whatever time of day the suite runs.
  return { id, type, time: `${day(offset)}T00:30:00Z`, app: "Outlook", ...extra };
}

beforeAll(async () => {
  await ensureConsoleBuilt();
  backend = await startBackend();
  browser = await launchChromium();
  dana = await backend.token("dana@contoso.com", { admin: true, name: "Dana" });
  kim = await backend.token("kim@contoso.com", { admin: true, name: "Kim" });
});

// Every page of every test ran under the strict CSP without a violation or an uncaught error;
// expected failures (403, 412, 400) are consumed by the tests that cause them.
afterEach(() => closeCheckedPages(pages));

afterAll(async () => {
  await browser?.close();
  await backend?.close();
});

test("the console page: strict CSP with a fresh nonce per response, no framing, hashed assets cached", async () => {
  const first = await fetch(`${backend.url}/admin`);
  const second = await fetch(`${backend.url}/admin/reports`);
  const html = await first.text();
  const csp = first.headers.get("content-security-policy")!;
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(csp).toBe(
    `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; font-src 'self'; ` +
      "connect-src 'self'; manifest-src 'self'; frame-src 'none'; frame-ancestors 'none'; object-src 'none'; " +
      "base-uri 'none'; form-action 'none'",
  );
  expect(html).toContain(`<meta name=csp-nonce content=${nonce}>`);
  expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/);
  expect(second.headers.get("content-security-policy")).not.toContain(nonce);
  expect(first.headers.get("x-frame-options")).toBe("DENY");
  expect(first.headers.get("cache-control")).toBe("no-store");
  const bundle = /src=(\/admin\/console\.[0-9a-f]{8}\.js)/.exec(html)![1];
  const asset = await fetch(`${backend.url}${bundle}`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  expect((await fetch(`${backend.url}/admin/console.html`)).status).toBe(404);
  const config = await (await fetch(`${backend.url}/admin/config.json`)).json();
  expect(config).toEqual({
    auth: "dev",
    tenantId: "b07492d7-d98e-4130-802b-b50692f074c5",
    apiBase: "/api/v1",
    devTokenCommand: "node bin/labelbridge.js token --user you@contoso.com --admin",
  });
});

test("sign-in: a user token is told it lacks the admin role; an admin token opens the labels", async () => {
  const c = await open();
  await c.page.getByText("node bin/labelbridge.js token --user you@contoso.com --admin").waitFor();
  await shot(c.page, "signin");
  await c.page.getByLabel("Admin token").fill(await backend.token("sam@contoso.com"));
  await c.page.getByRole("button", { name: "Sign in" }).click();
  await c.page.getByText("this needs the 'Labelbridge.Admin' app role in the token").waitFor();
  expect(c.httpErrors.splice(0)).toEqual(["403"]);
  await c.page.getByLabel("Admin token").fill(dana);
  await c.page.getByRole("button", { name: "Sign in" }).click();
  await c.page.getByTestId("version").filter({ hasText: "Version 1" }).waitFor();
  expect(await c.page.getByTestId("signed-in-as").textContent()).toBe("dana@contoso.com");
  expect(await c.page.getByTestId("label-name").allTextContents()).toEqual([
    "Personal",
    "Public",
    "General",
    "Confidential",
    "Anyone (not protected)",
    "All Employees",
    "Trusted People",
    "Highly Confidential",
    "All Employees",
    "Specified People",
  ]);
});

test("create a label with a footer marking previewed per app; it saves as version 2", async () => {
  const { page } = await open(dana);
  await page.getByRole("button", { name: "New label" }).click();
  const editor = page.getByTestId("label-editor");
  await editor.waitFor();
  const index = (await current()).doc.labels.length; // appended last
  await input(page, `labels[${index}].displayName`).fill("Partner");
  expect(await input(page, `labels[${index}].name`).inputValue()).toBe("Partner");
  await input(page, `labels[${index}].tooltip`).fill("Shared with named partners under an NDA.");
  await page.getByRole("button", { name: "Colour #038387" }).click();
  await page.getByTestId("marking-footer").getByRole("switch").click();
  await input(page, `labels[${index}].marking.footer.text`).fill(
    "Partner: ${User.Name}${If.App.Excel} (Excel copy)${If.End}",
  );
  const footer = page.getByTestId("preview-footer");
  expect(await footer.textContent()).toBe("Partner: Dana Whitfield");
  await page.getByTestId("marking-preview").getByRole("tab", { name: "Excel" }).click();
  expect(await footer.textContent()).toBe("Partner: Dana Whitfield (Excel copy)");
  expect(await page.getByTestId("preview-excel-length").textContent()).toMatch(
    /^Excel stores this header and footer in \d+ of 255 characters\.$/,
  );
  await input(page, `labels[${index}].marking.footer.text`).fill("Partner: ${User.Nme}");
  expect(await page.getByTestId("preview-problems").textContent()).toContain("unknown variable ${User.Nme}");
  await input(page, `labels[${index}].marking.footer.text`).fill("Partner: ${User.Name}");
  await expectNoProblems(page);
  await editor.scrollIntoViewIfNeeded();
  await shot(page, "labels");
  await save(page, 2);

  const { doc } = await current();
  const partner = doc.labels.find((l) => l.name === "Partner")!;
  expect(partner).toMatchObject({
    displayName: "Partner",
    tooltip: "Shared with named partners under an NDA.",
    color: "#038387",
    sensitivity: 500,
    parentId: null,
    marking: { footer: { enabled: true, text: "Partner: ${User.Name}", alignment: "Center" } },
  });
  const versions = await backend.api("/api/v1/admin/policy/versions", dana);
  expect(versions.json.versions[0]).toMatchObject({
    version: 2,
    kind: "replace",
    actor: { name: "dana@contoso.com" },
  });
});

async function expectNoProblems(page: Page): Promise<void> {
  expect(await page.getByTestId("preview-problems").count()).toBe(0);
}

test("reorder: moving Partner above Highly Confidential renumbers and saves", async () => {
  const { page } = await open(dana);
  const partnerRow = page.locator('[data-testid="label-row"]', { hasText: "Partner" });
  await partnerRow.getByRole("button", { name: "Move Partner up (less sensitive)" }).click();
  expect((await page.getByTestId("label-name").allTextContents()).slice(6)).toEqual([
    "Trusted People",
    "Partner",
    "Highly Confidential",
    "All Employees",
    "Specified People",
  ]);
  expect(await page.getByTestId("pending").textContent()).toBe("4 unsaved changes");
  await save(page, 3);
  const { doc } = await current();
  const order = (id: string) => doc.labels.find((l) => l.id === id)!.sensitivity;
  expect(doc.labels.find((l) => l.name === "Partner")!.sensitivity).toBe(400);
  expect([
    order(L.highlyConfidential),
    order(L.highlyConfidentialAllEmployees),
    order(L.highlyConfidentialSpecifiedPeople),
  ]).toEqual([500, 510, 520]);
});

test("invalid input shows its error at the field and nothing is sent or saved", async () => {
  const { page } = await open(dana);
  const puts: string[] = [];
  page.on("request", (r) => r.method() === "PUT" && puts.push(r.url()));
  await page.locator('[data-testid="label-row"]', { hasText: "General" }).getByRole("button").first().click();
  await input(page, "labels[2].tooltip").fill("");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const tooltip = field(page, "labels[2].tooltip");
  await tooltip.getByText("a tooltip tells people when to use the label").waitFor();
  expect(await page.getByTestId("notice").textContent()).toContain(
    "Not saved1 problem to fix first; nothing was sent to the server.General › tooltip: a tooltip tells people when to use the label",
  );
  await shot(page, "invalid");
  // Fixing it clears the message as it is typed.
  await input(page, "labels[2].tooltip").fill("Work things that are not for the public.");
  await tooltip.getByText("a tooltip tells people when to use the label").waitFor({ state: "detached" });

  // Scenario 1: a parent label as the default is refused with a message naming the field.
  await page.getByRole("tab", { name: "Policies" }).click();
  await choose(page, "policies[0].settings.defaultMailLabel", /^Confidential \(parent\)/);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await field(page, "policies[0].settings.defaultMailLabel")
    .getByText(/^label 9590c712… is a parent with sublabels and cannot be applied$/)
    .waitFor();
  await page.getByTestId("issue-list").getByText("Default policy › settings.defaultMailLabel").waitFor();
  expect(puts).toEqual([]);
  expect((await current()).version).toBe(3);
  await page.getByRole("button", { name: "Discard" }).click();
  expect(await page.getByTestId("pending").textContent()).toBe("No unsaved changes");
});

test("two admins edit at once: the second is told who saved, keeps her edit and merges it", async () => {
  const a = await open(dana);
  const b = await open(kim);
  // Dana renames General; Kim rewrites Public's tooltip from the same version.
  await a.page
    .locator('[data-testid="label-row"]', { hasText: "General" })
    .getByRole("button")
    .first()
    .click();
  await input(a.page, "labels[2].displayName").fill("Internal");
  await b.page
    .locator('[data-testid="label-row"]', { hasText: "Public" })
    .getByRole("button")
    .first()
    .click();
  await input(b.page, "labels[1].tooltip").fill(
    "Approved for anyone to read, inside or outside the company.",
  );
  await save(a.page, 4);

  await b.page.getByRole("button", { name: "Save", exact: true }).click();
  const conflict = b.page.getByTestId("conflict");
  await conflict.waitFor();
  expect(b.httpErrors.splice(0)).toEqual(["412"]);
  expect(await conflict.textContent()).toMatch(
    /^Someone else saved firstversion 3 is no longer current: dana@contoso\.com saved version 4 at \S+; reload it and apply your change again\. Your changes are still here, not saved\./,
  );
  expect(await input(b.page, "labels[1].tooltip").inputValue()).toBe(
    "Approved for anyone to read, inside or outside the company.",
  );
  await shot(b.page, "conflict");
  await b.page.getByRole("button", { name: "Apply my changes to the newer version" }).click();
  await b.page
    .getByTestId("merge")
    .getByText("Your changes were applied to version 4 (you started from 3)")
    .waitFor();
  expect(await b.page.getByTestId("label-name").nth(2).textContent()).toBe("Internal");
  await save(b.page, 5);
  const { doc } = await current();
  expect(doc.labels.find((l) => l.id === L.general)!.displayName).toBe("Internal");
  expect(doc.labels.find((l) => l.id === L.public)!.tooltip).toBe(
    "Approved for anyone to read, inside or outside the company.",
  );
});

test("history shows who changed what; rolling back makes an old version live as a new one", async () => {
  const { page } = await open(dana, "/admin#/history");
  await page.getByTestId("version-row").first().waitFor();
  expect(await page.getByTestId("version-row").count()).toBe(5);
  await page.locator('[data-testid="version-row"][data-version="4"]').click();
  const diff = page.getByTestId("diff");
  await diff.waitFor();
  expect(await diff.textContent()).toBe('Label “Internal” changeddisplayName: "General" → "Internal"');
  await page.getByRole("heading", { name: /^Version 4: edited by dana@contoso\.com/ }).waitFor();
  await shot(page, "history");

  await page.locator('[data-testid="version-row"][data-version="3"]').click();
  await page.getByRole("button", { name: "Roll back to version 3" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Roll back" }).click();
  await page.getByTestId("version").filter({ hasText: "Version 6" }).waitFor();
  await page.getByTestId("notice").getByText("Version 6 restores version 3 and is live.").waitFor();
  const { version, doc } = await current();
  expect(version).toBe(6);
  expect(doc.labels.find((l) => l.id === L.general)!.displayName).toBe("General");
  expect(doc.labels.find((l) => l.id === L.public)!.tooltip).toBe(
    "Business data that is specifically prepared and approved for public consumption.",
  );
  const v6 = await backend.api("/api/v1/admin/policy/versions/6", dana);
  expect([v6.json.kind, v6.json.basedOn]).toEqual(["rollback", 5]);
});

test("from the default taxonomy to a piloted policy with mandatory labeling, and its effect in reports", async () => {
  const { page } = await open(dana);
  const pilotUser = await backend.token("sam@contoso.com", { groups: ["Pilot"] });
  const otherUser = await backend.token("lee@contoso.com", { groups: ["Sales"] });

  // Define: General becomes Internal; the tenant-wide policy goes back to "define" while the pilot runs.
  await page.locator('[data-testid="label-row"]', { hasText: "General" }).getByRole("button").first().click();
  await input(page, "labels[2].displayName").fill("Internal");
  await input(page, "labels[2].tooltip").fill("Anything about our work that is not for the public.");
  await page.getByRole("tab", { name: "Policies" }).click();
  await choose(page, "policies[0].phase", "2. Define");

  // Deploy: a pilot policy for the Pilot group, manual labeling only.
  await page.getByRole("button", { name: "New policy" }).click();
  await input(page, "policies[1].name").fill("Pilot");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await field(page, "policies[1].scope")
    .getByText("the policy scopes nobody: choose everyone, users or groups")
    .waitFor();
  await input(page, "policies[1].scope.groups").fill("Pilot");
  await choose(page, "policies[1].phase", "3. Deploy");
  await save(page, 7);
  let policy = await backend.api("/api/v1/policy", pilotUser);
  expect([policy.json.phase, policy.json.settings.mandatoryMail]).toEqual(["deploy", false]);
  expect(policy.json.labels.find((l: { id: string }) => l.id === L.general).displayName).toBe("Internal");
  const outsider = await backend.api("/api/v1/policy", otherUser);
  expect([outsider.json.phase, outsider.json.labels]).toEqual(["define", []]);

  await page.getByRole("tab", { name: "Rollout" }).click();
  await page.getByTestId("phase-deploy").getByText("Pilot — groups Pilot").waitFor();
  await page.getByLabel("Groups (comma-separated)").fill("Pilot");
  expect(await page.getByTestId("effective-phase").textContent()).toBe("deploy");

  // Advance: default mail label Internal, mandatory labeling, justification on downgrade.
  await page.getByRole("tab", { name: "Policies" }).click();
  await page.locator('[data-testid="policy-row"]', { hasText: "Pilot" }).getByRole("button").first().click();
  await choose(page, "policies[1].phase", "4. Advance");
  await choose(page, "policies[1].settings.defaultMailLabel", /^Internal/);
  await field(page, "policies[1].settings.mandatoryMail").getByRole("switch").check();
  await field(page, "policies[1].settings.justificationRequired").getByRole("switch").check();
  await field(page, "policies[1].settings.mandatoryDocuments").getByRole("switch").check();
  await page.getByTestId("policy-editor").scrollIntoViewIfNeeded();
  await shot(page, "policy", true);
  await save(page, 8);
  policy = await backend.api("/api/v1/policy", pilotUser);
  expect(policy.json.phase).toBe("advance");
  expect(policy.json.settings).toMatchObject({
    defaultMailLabel: L.general,
    mandatoryMail: true,
    mandatoryDocuments: true,
    justificationRequired: true,
  });

  await page.getByRole("tab", { name: "Rollout" }).click();
  await page.getByLabel("Groups (comma-separated)").fill("Pilot");
  expect(await page.getByTestId("effective-phase").textContent()).toBe("advance");
  expect(await page.getByTestId("effective-settings").textContent()).toBe(
    "Default mail label Internal · mandatory mail on · mandatory documents on · justification on",
  );
  expect(
    await page.getByTestId("effective-preview").getByTestId("label-badge").getAttribute("aria-label"),
  ).toBe("A new mail starts as: Internal");
  await page.getByTestId("phase-advance").getByText("Pilot — groups Pilot").waitFor();
  await shot(page, "rollout", true);

  // The pilot's add-ins report what happened; someone outside the pilot too; the scanner ran earlier.
  await backend.audit(pilotUser, [
    event("label-applied", 3, { labelId: L.general, actionSource: "default" }),
    event("label-applied", 3, { labelId: L.general, actionSource: "default" }),
    event("label-applied", 2, { labelId: L.confidentialAllEmployees, actionSource: "manual" }),
    event("recommendation-accepted", 2, { labelId: L.confidentialAllEmployees }),
    event("recommendation-dismissed", 1, { labelId: L.confidentialAllEmployees }),
    event("label-changed", 1, {
      labelId: L.public,
      oldLabelId: L.confidentialAllEmployees,
      downgrade: true,
      justification: { reason: "Previous label was incorrect" },
      itemName: "Offer.docx",
      app: "Word",
    }),
    event("send-blocked", 1, { reason: "mandatory-label-missing" }),
    event("send-blocked", 0, { reason: "mandatory-label-missing" }),
    event("unlabeled-document", 0, { app: "Excel", itemName: "Budget.xlsx" }),
  ]);
  await backend.audit(otherUser, [event("label-applied", 1, { labelId: L.public })]);
  const scanner = await backend.token("scanner@contoso.com", { groups: ["Scanner"] });
  await backend.audit(scanner, [
    event("scan-result", 5, {
      app: "Scanner",
      details: {
        path: "//fs/finance/cards.xlsx",
        folder: "//fs/finance",
        infoTypes: [
          {
            sitId: "50842eb7-edc8-4019-85dd-5a5c1f2bb085",
            name: "Credit Card Number",
            count: 12,
            confidence: 85,
          },
        ],
      },
    }),
  ]);

  await page.goto(`${backend.url}/admin/reports`);
  await page.getByTestId("report-totals").waitFor();
  const group = page.getByRole("combobox", { name: "Group" });
  await group.fill("Pilot");
  await page.getByTestId("report-totals").getByText("Labels applied").waitFor();
  await expectTotals(page, {
    "Labels applied": "3",
    "Sends blocked": "2",
    Downgrades: "1",
    "Recommendations accepted": "1",
  });
  for (const id of ["activity", "mix", "downgrades", "blocked", "recommendations", "unlabeled"]) {
    const canvas = page.getByTestId(`report-${id}`).locator("canvas");
    await canvas.and(page.locator('[data-rendered="true"]')).waitFor();
    expect(await inkedPixels(canvas)).toBeGreaterThan(200);
  }
  expect(await rows(page, "mix")).toEqual([
    ["Internal", "2", "0", "0"],
    ["Confidential \\ All Employees", "1", "0", "0"],
    ["Public", "0", "1", "0"],
  ]);
  expect(await rows(page, "downgrades")).toEqual([["Previous label was incorrect", "1"]]);
  expect(await rows(page, "recommendations")).toEqual([["Confidential \\ All Employees", "1", "1"]]);
  expect(await rows(page, "recent-downgrades")).toEqual([
    [
      expect.stringMatching(/T00:30:00/),
      "sam@contoso.com",
      "Word",
      "Confidential \\ All Employees",
      "Public",
      "Previous label was incorrect",
      "",
      "Offer.docx",
    ],
  ]);
  // The scanner's findings belong to no pilot user; everyone's view has them.
  expect(await page.getByTestId("report-scanner-types").textContent()).toContain("No events in this period.");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("report-mix").getByRole("button", { name: "CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`label-mix_${day(29)}_${day(0)}_Pilot.csv`);
  expect(readFileSync((await download.path())!, "utf8")).toBe(
    "\uFEFFLabel,Applied,Changed,Removed\r\nInternal,2,0,0\r\nConfidential \\ All Employees,1,0,0\r\nPublic,0,1,0\r\n",
  );
  await shot(page, "reports", true);

  // Per week sums the same days; the label filter keeps the label and its sublabels.
  await page.getByRole("tab", { name: "Per week" }).click();
  await page.getByTestId("report-activity").getByRole("columnheader", { name: "Week of" }).waitFor();
  const weeks = await rows(page, "activity");
  expect(weeks.reduce((n, r) => n + Number(r[1]), 0)).toBe(3);
  await page.getByRole("combobox", { name: "Label" }).click();
  await page.getByRole("option", { name: "Confidential", exact: true }).click();
  await expectTotals(page, {
    "Labels applied": "1",
    Changed: "1",
    Downgrades: "1",
    "Recommendations accepted": "1",
  });
  await page.getByRole("combobox", { name: "Label" }).click();
  await page.getByRole("option", { name: "All labels" }).click();

  await group.fill("");
  await page.getByTestId("report-scanner-types").locator("canvas[data-rendered=true]").waitFor();
  await expectTotals(page, { "Labels applied": "4", "Files scanned": "1" });
  expect(await rows(page, "scanner-folders")).toEqual([["//fs/finance", "1", "12", "1"]]);
});

async function expectTotals(page: Page, expected: Record<string, string>): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const box = document.querySelector('[data-testid="report-totals"]');
      if (!box) return false;
      const got: Record<string, string> = {};
      for (const cell of Array.from(box.children)) {
        const [n, name] = Array.from(cell.children).map((c) => c.textContent ?? "");
        got[name] = n;
      }
      return Object.entries(want).every(([k, v]) => got[k] === v);
    },
    expected,
    { timeout: 10_000 },
  );
}

async function rows(page: Page, id: string): Promise<string[][]> {
  return page
    .getByTestId(`report-${id}`)
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")),
    );
}

async function inkedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
}

test("Graph JSON: exported from the console, imported back as a new version that changes nothing", async () => {
  const before = await current();
  const c = await open(dana, "/admin#/import");
  const { page } = c;
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download JSON" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`labelbridge-graph-v${before.version}.json`);
  const exported = readFileSync((await download.path())!, "utf8");
  const graph = JSON.parse(exported);
  expect(graph.labels.value.map((l: { name: string }) => l.name)).toContain("Partner");
  expect(graph.labelPolicySettings.id).toBe(DEFAULT_POLICY_ID);
  await page.getByRole("textbox", { name: "Graph JSON" }).fill(exported);
  await page.getByRole("button", { name: "Import as a new version" }).click();
  await page
    .getByTestId("import-result")
    .getByText(`Imported as version ${before.version + 1}`)
    .waitFor();
  const after = await current();
  expect(after.version).toBe(before.version + 1);
  expect(after.doc.labels).toEqual(before.doc.labels);

  await page
    .getByRole("textbox", { name: "Graph JSON" })
    .fill('{"labels": {"value": [{"id": "not-a-guid"}]}}');
  await page.getByRole("button", { name: "Import as a new version" }).click();
  await page.getByTestId("import-result").getByText("Not imported; nothing changed").waitFor();
  expect(c.httpErrors.splice(0)).toEqual(["400"]);
  expect((await current()).version).toBe(after.version);
});

test("a tenant without a configuration starts from the default taxonomy, its policy in Define", async () => {
  const empty = await startBackend({ LABELBRIDGE_SEED: "false" });
  try {
    const token = await empty.token("dana@contoso.com", { admin: true });
    const c = await open(token, "/admin", empty.url);
    await c.page.getByTestId("create-configuration").waitFor();
    await c.page.getByRole("button", { name: "Create from the default taxonomy" }).click();
    await c.page.getByTestId("version").filter({ hasText: "Version 1" }).waitFor();
    expect(c.httpErrors.splice(0)).toEqual(["404", "404"]);
    const r = await empty.api("/api/v1/admin/policy", token);
    expect(r.json.labels).toHaveLength(10);
    expect(r.json.policies.map((p: { name: string; phase: string }) => [p.name, p.phase])).toEqual([
      ["Default policy", "define"],
    ]);
    const versions = await empty.api("/api/v1/admin/policy/versions", token);
    expect(versions.json.versions.map((v: { kind: string }) => v.kind)).toEqual(["replace"]);
  } finally {
    await empty.close();
  }
});
