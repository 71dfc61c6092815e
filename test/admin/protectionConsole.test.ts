/**
 * The console's protection (issue 14) in headless Chromium against the real backend on SQLite with
 * its development key-encryption key: a label made Labelbridge-protected in the label editor (a rights
 * group that is not a group id refused at its field), super users set in #/protection, then a key
 * kept, released to a rights holder and to a super user and refused to someone else through the API
 * — and the protection view lists the label, the releases and the refusal. Without Chromium this
 * suite fails; it never skips.
 */
import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { DEFAULT_LABEL_IDS as L, type TenantPolicy } from "../../src/core/policy";
import { launchChromium } from "./support/chromium";
import { startBackend, type Backend } from "./support/backend";
import { ensureConsoleBuilt } from "./support/build";
import { choose, field, input, save } from "./support/fields";
import { closeCheckedPages, openConsole, type ConsolePage } from "./support/page";

jest.setTimeout(240_000);

const FINANCE = "6c1f4a52-9d2e-4c1b-8a77-3f0e5d9b2a10";

let backend: Backend;
let browser: Browser;
let dana: string;
const pages: ConsolePage[] = [];

beforeAll(async () => {
  await ensureConsoleBuilt();
  backend = await startBackend();
  browser = await launchChromium();
  dana = await backend.token("dana@contoso.com", { admin: true, name: "Dana" });
});

afterEach(() => closeCheckedPages(pages));

afterAll(async () => {
  await browser?.close();
  await backend?.close();
});

async function policy(): Promise<TenantPolicy> {
  return (await backend.api("/api/v1/admin/policy", dana)).json as TenantPolicy;
}

test("a Labelbridge-protected label, super users, and the keys released and refused, in #/protection", async () => {
  const index = (await policy()).labels.findIndex((l) => l.id === L.highlyConfidentialAllEmployees);
  const at = `labels[${index}].protection`;
  const c = await openConsole(
    browser,
    `${backend.url}/admin#/labels/${L.highlyConfidentialAllEmployees}`,
    dana,
  );
  pages.push(c);
  const { page } = c;

  // The label editor: protection by Labelbridge, a rights group that is not a group id refused at its field.
  await choose(page, `${at}.kind`, /^Labelbridge/);
  await input(page, `${at}.rightsGroups`).fill("Finance");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await field(page, `${at}.rightsGroups`)
    .getByText(
      "'Finance' is not a group object id (GUID), which is what tokens carry in their groups claim",
      {
        exact: false,
      },
    )
    .waitFor();
  await input(page, `${at}.rightsGroups`).fill(FINANCE);
  await save(page, 2);

  // Super users, in the protection view.
  await page.getByRole("tab", { name: /^Protection/ }).click();
  await input(page, "protection.superUsers.users").fill("recovery@contoso.com");
  await save(page, 3);
  const saved = await policy();
  expect(saved.labels[index].protection).toEqual({
    kind: "labelbridge",
    rightsGroups: [FINANCE],
    rightsUsers: [],
  });
  expect(saved.protection.superUsers).toEqual({ users: ["recovery@contoso.com"], groups: [] });

  // A file's key kept, released to a rights holder and a super user, refused to someone else.
  const writer = await backend.token("sam@contoso.com", { groups: [FINANCE], name: "Sam" });
  const recovery = await backend.token("recovery@contoso.com", { name: "Recovery" });
  const lee = await backend.token("lee@contoso.com", { name: "Lee" });
  const keyId = randomBytes(16).toString("hex");
  const kept = await backend.api("/api/v1/protection/keys", writer, {
    method: "POST",
    body: {
      keyId,
      labelId: L.highlyConfidentialAllEmployees,
      password: randomBytes(24).toString("hex"),
      itemName: "plan.docx",
    },
  });
  expect(kept.status).toBe(201);
  const release = (token: string) =>
    backend.api(`/api/v1/protection/keys/${keyId}/release`, token, { method: "POST", body: {} });
  expect((await release(writer)).json.grant).toBe("rights-holder");
  expect((await release(recovery)).json.grant).toBe("super-user");
  expect((await release(lee)).status).toBe(403);

  await page.getByRole("button", { name: "Refresh" }).click();
  const labels = page.getByTestId("Labels and protection");
  await labels
    .getByRole("row")
    .filter({ hasText: "Highly Confidential \\ All Employees" })
    .filter({ hasText: "Labelbridge (files at rest)" })
    .filter({ hasText: FINANCE })
    .waitFor();
  await labels
    .getByRole("row")
    .filter({ hasText: "Specified People" })
    .filter({ hasText: "Microsoft Purview" })
    .waitFor();
  await page
    .getByTestId("protection-totals")
    .getByText("1 kept, 2 released (1 to super users), 1 refused", { exact: false })
    .waitFor();
  await page
    .getByTestId("Refusals")
    .getByRole("row")
    .filter({ hasText: "Lee" })
    .filter({ hasText: "plan.docx" })
    .waitFor();
  await page.getByTestId("Super-user grants").getByRole("row").filter({ hasText: "Recovery" }).waitFor();
  const today = new Date().toISOString().slice(0, 10);
  expect(
    await page
      .getByTestId("Key events per day")
      .getByRole("row")
      .filter({ hasText: today })
      .allTextContents(),
  ).toEqual([`${today}1210`]);

  // The key-encryption key: the one kept key under the development KEK, the current one; a re-wrap has nothing to do.
  const perKek = page.getByTestId("Keys per key-encryption key").getByRole("row");
  await perKek.nth(1).waitFor();
  expect(await perKek.count()).toBe(2);
  expect((await perKek.nth(1).allTextContents())[0]).toMatch(/^.+Current10$/);
  await page.getByRole("button", { name: "Re-wrap keys under the current key-encryption key" }).click();
  await page.getByTestId("rewrap-result").waitFor();
  expect(await page.getByTestId("rewrap-result").textContent()).toMatch(
    /^0 keys re-wrapped; the current key-encryption key is '.+'\.$/,
  );
});
