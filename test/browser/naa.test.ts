/**
 * Nested app authentication in headless Chromium with the real @azure/msal-browser: the pane's
 * token chain for an `naa` build (test/addin/fakes/naa/browserEntry.ts), bundled the way the pane
 * is (MSAL behind naaTokenProvider's import(), so its own chunk), served at the add-in's origin,
 * MSAL talking to a fake host bridge that follows MSAL's bridge protocol
 * (test/addin/fakes/naa/bridge.ts).
 */
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import type { Browser } from "playwright-core";
import type { NaaOutcome, NaaScenario } from "../addin/fakes/naa/browserEntry";
import { ORIGIN, ROOT, launchChromium, testBundleModules } from "./harness";

jest.setTimeout(180_000);

const CLIENT_ID = "6f1c3c1e-3c0f-4f5e-9b0a-1f2e3d4c5b6a";
const SCOPE = `api://labels.example.com/${CLIENT_ID}/access_as_user`;
const NAA_TOKEN = "eyJ0eXAiOiJKV1QifQ.eyJzY3AiOiJhY2Nlc3NfYXNfdXNlciIsImZyb20iOiJuYWEifQ.bmFh";
const POPUP_TOKEN = "eyJ0eXAiOiJKV1QifQ.eyJzY3AiOiJhY2Nlc3NfYXNfdXNlciIsImZyb20iOiJwb3B1cCJ9.cG9w";
const SSO_TOKEN = "eyJ0eXAiOiJKV1QifQ.eyJmcm9tIjoic3NvIn0.c3Nv";
const DEV_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJmcm9tIjoiZGV2In0.ZGV2";

let browser: Browser;
let out: string;

/** The entry with the pane's webpack settings that matter here: ES2019, chunks loaded by URL. */
function bundle(): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require("webpack") as typeof import("webpack");
  const dir = mkdtempSync(join(tmpdir(), "lb-naa-"));
  return new Promise((done, fail) =>
    webpack(
      {
        mode: "production",
        devtool: false,
        target: ["web", "es2019"],
        entry: { naa: join(ROOT, "test/addin/fakes/naa/browserEntry.ts") },
        output: { path: dir, filename: "[name].js", chunkFilename: "chunks/[name].js", publicPath: "/" },
        ...testBundleModules(),
        stats: "errors-only",
      },
      (error, stats) => {
        if (error) return fail(error);
        if (!stats || stats.hasErrors()) return fail(new Error(stats?.toString("errors-only")));
        done(dir);
      },
    ),
  );
}

interface Run extends NaaOutcome {
  /** Windows the page opened (MSAL's standard client would open a sign-in popup). */
  popups: number;
  /** Scripts the page fetched, by path; `msalBefore`: whether MSAL's chunk came with the page. */
  scripts: string[];
  msalBefore: boolean;
  blocked: string[];
  errors: string[];
}

async function run(scenario: Partial<NaaScenario> & Pick<NaaScenario, "bridge" | "requests">): Promise<Run> {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const scripts: string[] = [];
  const blocked: string[] = [];
  const errors: string[] = [];
  try {
    await context.route("**/*", async (route, request) => {
      const url = new URL(request.url());
      if (url.origin !== ORIGIN) {
        blocked.push(request.url());
        return route.abort("blockedbyclient");
      }
      if (url.pathname === "/naa.html")
        return route.fulfill({
          status: 200,
          contentType: "text/html",
          body: '<!doctype html><html><head><script src="/naa.js"></script></head><body></body></html>',
        });
      const file = resolve(out, `.${url.pathname}`);
      if (!file.startsWith(out + sep)) return route.fulfill({ status: 404, body: "" });
      scripts.push(url.pathname);
      return route.fulfill({
        status: 200,
        body: readFileSync(file),
        contentType: extname(file) === ".js" ? "text/javascript" : "application/octet-stream",
      });
    });
    let popups = 0;
    context.on("page", () => popups++);
    const page = await context.newPage();
    popups = 0;
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${ORIGIN}/naa.html`, { waitUntil: "load" });
    const msalBefore = scripts.some((s) => s.includes("msal"));
    const full: NaaScenario = {
      clientId: CLIENT_ID,
      apiBase: "https://labels.example.com",
      nestedAppAuth: true,
      ssoToken: SSO_TOKEN,
      devToken: DEV_TOKEN,
      ...scenario,
    };
    const outcome = await page.evaluate(
      (s) =>
        (window as unknown as { __naaTest: { run(s: NaaScenario): Promise<NaaOutcome> } }).__naaTest.run(s),
      full,
    );
    return { ...outcome, popups, scripts: [...scripts], msalBefore, blocked, errors };
  } finally {
    await context.close();
  }
}

const methods = (r: Run) => r.bridge.map((m) => m.method);

beforeAll(async () => {
  [browser, out] = await Promise.all([launchChromium(), bundle()]);
});

afterAll(async () => {
  await browser?.close();
});

test("MSAL is a chunk of its own, loaded at the first token request, not with the page", async () => {
  const chunks = readdirSync(join(out, "chunks"));
  expect(chunks).toContain("msal.js");
  // MSAL's library name (its bridge requests' clientLibrary) is in its chunk, not in the entry.
  expect(readFileSync(join(out, "naa.js"), "utf8")).not.toContain("msal.js.browser");
  expect(readFileSync(join(out, "chunks", "msal.js"), "utf8")).toContain("msal.js.browser");

  const r = await run({ bridge: { silent: { accessToken: NAA_TOKEN } }, requests: [false] });
  expect(r.msalBefore).toBe(false);
  expect(r.scripts).toEqual(["/naa.js", "/chunks/msal.js"]);
  expect(r.blocked).toEqual([]); // MSAL went through the bridge only: no request to login.microsoftonline.com
});

test("silent: the bridge's token, asked for with our client id and the API's access_as_user scope", async () => {
  const r = await run({ bridge: { silent: { accessToken: NAA_TOKEN } }, requests: [false, false] });
  expect(r.results).toEqual([{ token: NAA_TOKEN }, { token: NAA_TOKEN }]);
  // One init, one silent request; the second token comes from MSAL's own cache.
  expect(methods(r)).toEqual(["GetInitContext", "GetToken"]);
  const [init, silent] = r.bridge;
  expect(init).toMatchObject({ messageType: "NestedAppAuthRequest", clientLibrary: "msal.js.browser" });
  expect(init.tokenParams).toBeUndefined();
  expect(silent.tokenParams).toMatchObject({ clientId: CLIENT_ID, scope: SCOPE });
  expect(r.isSetSupportedCalls).toEqual([
    ["NestedAppAuth", "1.1"],
    ["NestedAppAuth", "1.1"],
  ]);
  expect(r.ssoCalls).toEqual([]);
  expect(r.errors).toEqual([]);
});

test("interaction required, interactive request: the host's popup gives the token", async () => {
  const r = await run({
    bridge: { silent: "interaction_required", popup: { accessToken: POPUP_TOKEN } },
    requests: [true],
  });
  expect(r.results).toEqual([{ token: POPUP_TOKEN }]);
  expect(methods(r)).toEqual(["GetInitContext", "GetToken", "GetTokenPopup"]);
  expect(r.bridge[2].tokenParams).toMatchObject({ clientId: CLIENT_ID, scope: SCOPE });
  expect(r.ssoCalls).toEqual([]);
});

test("interaction required, background request: no prompt; Office SSO (no prompt either) answers", async () => {
  const r = await run({
    bridge: { silent: "interaction_required", popup: { accessToken: POPUP_TOKEN } },
    requests: [false],
  });
  expect(r.results).toEqual([{ token: SSO_TOKEN }]);
  expect(methods(r)).toEqual(["GetInitContext", "GetToken"]);
  expect(r.ssoCalls).toEqual([{ allowSignInPrompt: false, allowConsentPrompt: false }]);
});

test("interaction required, background request, no Office SSO: the development token", async () => {
  const r = await run({
    bridge: { silent: "interaction_required", popup: { accessToken: POPUP_TOKEN } },
    ssoToken: null,
    requests: [false],
  });
  expect(r.results).toEqual([{ token: DEV_TOKEN }]);
  expect(methods(r)).not.toContain("GetTokenPopup");
  expect(r.ssoCalls).toHaveLength(1);
});

test("interaction required, the person closes the popup, no SSO, no development token: the chain fails", async () => {
  const r = await run({
    bridge: { silent: "interaction_required", popup: "user_cancel" },
    ssoToken: null,
    devToken: null,
    requests: [true],
  });
  expect(methods(r)).toEqual(["GetInitContext", "GetToken", "GetTokenPopup"]);
  // SSO's failure is the last one the chain saw.
  expect(r.results).toEqual([{ error: "SSO unavailable" }]);
});

test("a host without NestedAppAuth 1.1: NAA is never touched (no MSAL, no bridge message); SSO, then dev", async () => {
  const sso = await run({
    nestedAppAuth: false,
    bridge: { silent: { accessToken: NAA_TOKEN } },
    requests: [true, false],
  });
  expect(sso.results).toEqual([{ token: SSO_TOKEN }, { token: SSO_TOKEN }]);
  expect(sso.bridge).toEqual([]);
  expect(sso.scripts).toEqual(["/naa.js"]);
  expect(sso.ssoCalls).toEqual([
    { allowSignInPrompt: true, allowConsentPrompt: true },
    { allowSignInPrompt: false, allowConsentPrompt: false },
  ]);

  const dev = await run({
    nestedAppAuth: false,
    bridge: { silent: { accessToken: NAA_TOKEN } },
    ssoToken: null,
    requests: [false],
  });
  expect(dev.results).toEqual([{ token: DEV_TOKEN }]);
  expect(dev.bridge).toEqual([]);
});

test("a host that claims NestedAppAuth but has no bridge: MSAL's standard client has no account, so no popup; SSO", async () => {
  const r = await run({ bridge: null, requests: [true, false] });
  expect(r.results).toEqual([{ token: SSO_TOKEN }, { token: SSO_TOKEN }]);
  expect(r.scripts).toEqual(["/naa.js", "/chunks/msal.js"]);
  expect(r.popups).toBe(0);
  expect(r.blocked).toEqual([]);
  expect(r.ssoCalls).toEqual([
    { allowSignInPrompt: true, allowConsentPrompt: true },
    { allowSignInPrompt: false, allowConsentPrompt: false },
  ]);
});
