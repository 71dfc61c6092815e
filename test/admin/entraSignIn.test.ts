/**
 * Production sign-in in the browser: the console in Entra mode sends the admin to the authority with a
 * PKCE challenge, redeems the code with the verifier, and the backend accepts the RS256 token it gets
 * (issuer, audience, tenant, admin role). A refused sign-in comes back to the sign-in page with the
 * authority's reason.
 */
import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { CLIENT_ID } from "../server/support/entra";
import { launchChromium } from "./support/chromium";
import { startBackend, type Backend } from "./support/backend";
import { ensureConsoleBuilt } from "./support/build";
import { startFakeAuthority, type FakeAuthority } from "./support/authority";
import { cspViolations, openConsole } from "./support/page";

jest.setTimeout(240_000);

const TENANT = randomUUID();
let authority: FakeAuthority;
let backend: Backend;
let browser: Browser;

beforeAll(async () => {
  await ensureConsoleBuilt();
  authority = await startFakeAuthority(TENANT, {
    oid: randomUUID(),
    name: "Dana",
    preferred_username: "dana@contoso.com",
    roles: ["Labelbridge.Admin"],
  });
  backend = await startBackend({
    LABELBRIDGE_AUTH: "entra",
    LABELBRIDGE_CLIENT_ID: CLIENT_ID,
    LABELBRIDGE_TENANTS: TENANT,
    LABELBRIDGE_JWKS_URL: authority.jwksTemplate,
    LABELBRIDGE_ADMIN_AUTHORITY: authority.authority,
    // The scope's Application ID URI is Office SSO's api://<host>/<client id>, from the public URL.
    LABELBRIDGE_PUBLIC_URL: "https://labels.example.com",
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await backend?.close();
  await authority?.close();
});

test("settings and CSP name the authority", async () => {
  const page = await fetch(`${backend.url}/admin`);
  expect(page.headers.get("content-security-policy")).toContain(
    `connect-src 'self' ${new URL(authority.authority).origin};`,
  );
  expect(await (await fetch(`${backend.url}/admin/config.json`)).json()).toEqual({
    auth: "entra",
    tenantId: TENANT,
    apiBase: "/api/v1",
    clientId: CLIENT_ID,
    authority: authority.authority,
    scope: `api://labels.example.com/${CLIENT_ID}/access_as_user`,
  });
});

test("sign in with Microsoft: authorization code with PKCE, then the console opens", async () => {
  const c = await openConsole(browser, `${backend.url}/admin`);
  await c.page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await c.page.getByTestId("version").filter({ hasText: "Version 1" }).waitFor();
  expect(await c.page.getByTestId("signed-in-as").textContent()).toBe("dana@contoso.com");
  // The code and state are gone from the address bar and the history entry.
  expect(c.page.url()).toMatch(new RegExp(`^${backend.url}/admin/#/labels/[0-9a-f-]{36}$`));

  const asked = authority.authorizeRequests[0];
  expect(Object.fromEntries(asked)).toEqual({
    client_id: CLIENT_ID,
    response_type: "code",
    redirect_uri: `${backend.url}/admin/`,
    response_mode: "fragment",
    scope: `api://labels.example.com/${CLIENT_ID}/access_as_user openid profile`,
    code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    code_challenge_method: "S256",
    state: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
    prompt: "select_account",
  });
  const redeemed = authority.tokenRequests[0];
  expect(redeemed.get("code_verifier")).toMatch(/^[A-Za-z0-9_-]{64}$/);
  expect(redeemed.get("redirect_uri")).toBe(`${backend.url}/admin/`);
  // The code and verifier are gone from the tab; only the access token stays, in sessionStorage.
  expect(await c.page.evaluate(() => Object.keys(sessionStorage).sort())).toEqual([
    "labelbridge.admin.token",
  ]);
  expect(await cspViolations(c.page)).toEqual([]);
  expect(c.problems).toEqual([]);
  await c.context.close();
});

test("a refused sign-in returns to the sign-in page with the authority's reason", async () => {
  const c = await openConsole(browser, `${backend.url}/admin`);
  authority.failNext = { error: "access_denied", description: "AADSTS65004: User declined to consent" };
  await c.page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await c.page.getByText("Sign-in failed: access_denied: AADSTS65004: User declined to consent").waitFor();
  expect(await c.page.getByTestId("version").count()).toBe(0);
  expect(c.problems).toEqual([]);
  await c.context.close();
});
