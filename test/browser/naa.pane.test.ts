/**
 * The task pane built with `LABELBRIDGE_ADDIN_AUTH=naa` (webpack.config.js, into a temporary folder) in
 * headless Chromium, in the fake Outlook with a fake nested app authentication host
 * (test/addin/fakes/naa/outlookEntry.ts) and the real @azure/msal-browser: the backend gets the
 * token the host's bridge gave; a host without NestedAppAuth 1.1 never loads MSAL and the pane uses
 * the development token.
 */
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import type { Browser } from "playwright-core";
import type { EffectivePolicy } from "../../src/core/policy";
import type { FakeNaaHostOptions } from "../addin/fakes/naa/outlookEntry";
import type { NaaBridgeRequest } from "../addin/fakes/naa/bridge";
import { nativeCatalog, policyWith } from "../addin/outlook/setup";
import { OFFICE_JS, ORIGIN, ROOT, bundleScript, launchChromium } from "./harness";

jest.setTimeout(240_000);

const CLIENT_ID = "6f1c3c1e-3c0f-4f5e-9b0a-1f2e3d4c5b6a";
// Signed by nobody: the fake backend compares the string. Payload: name, preferred_username.
const NAA_TOKEN =
  "eyJhbGciOiJub25lIn0.eyJuYW1lIjoiU2FtIExlZSIsInByZWZlcnJlZF91c2VybmFtZSI6InNhbUBjb250b3NvLmNvbSIsImZyb20iOiJuYWEifQ.bmFh";
const DEV_TOKEN =
  "eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiU2FtIExlZSIsInByZWZlcnJlZF91c2VybmFtZSI6InNhbUBjb250b3NvLmNvbSJ9.c2ln";
const policy: EffectivePolicy = policyWith({ mandatoryMail: true, defaultMailLabel: "none" });

let browser: Browser;
let officeScript: string;
let pane: string;

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".txt": "text/plain",
};

function buildNaaPane(): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require("webpack") as typeof import("webpack");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require("../../webpack.config.js") as {
    taskpaneConfig(o: { mode: string; outputPath: string; copy: boolean }): import("webpack").Configuration;
  };
  const saved = { auth: process.env.LABELBRIDGE_ADDIN_AUTH, id: process.env.LABELBRIDGE_CLIENT_ID };
  const dir = mkdtempSync(join(tmpdir(), "lb-naa-pane-"));
  process.env.LABELBRIDGE_ADDIN_AUTH = "naa";
  process.env.LABELBRIDGE_CLIENT_ID = CLIENT_ID;
  let cfg: import("webpack").Configuration;
  try {
    cfg = config.taskpaneConfig({ mode: "production", outputPath: dir, copy: false });
  } finally {
    if (saved.auth === undefined) delete process.env.LABELBRIDGE_ADDIN_AUTH;
    else process.env.LABELBRIDGE_ADDIN_AUTH = saved.auth;
    if (saved.id === undefined) delete process.env.LABELBRIDGE_CLIENT_ID;
    else process.env.LABELBRIDGE_CLIENT_ID = saved.id;
  }
  return new Promise((done, fail) =>
    webpack(cfg, (error, stats) =>
      error || !stats || stats.hasErrors()
        ? fail(error ?? new Error(stats?.toString("errors-only")))
        : done(dir),
    ),
  );
}

interface Opened {
  authorizations: string[];
  scripts: string[];
  bridge: NaaBridgeRequest[];
  blocked: string[];
  errors: string[];
}

async function openPane(naa: FakeNaaHostOptions): Promise<Opened> {
  const context = await browser.newContext({
    serviceWorkers: "block",
    viewport: { width: 360, height: 720 },
  });
  const authorizations: string[] = [];
  const scripts: string[] = [];
  const blocked: string[] = [];
  const errors: string[] = [];
  try {
    await context.route("**/*", async (route, request) => {
      const url = new URL(request.url());
      if (request.url() === OFFICE_JS)
        return route.fulfill({ status: 200, contentType: "text/javascript", body: officeScript });
      if (url.origin !== ORIGIN) {
        blocked.push(request.url());
        return route.abort("blockedbyclient");
      }
      if (url.pathname.startsWith("/api/")) {
        const auth = (await request.allHeaders()).authorization ?? "";
        authorizations.push(`${request.method()} ${url.pathname} ${auth}`);
        if (auth !== `Bearer ${NAA_TOKEN}` && auth !== `Bearer ${DEV_TOKEN}`)
          return route.fulfill({ status: 401, body: '{"error":"invalid_token"}' });
        if (request.method() === "GET" && url.pathname === "/api/v1/policy")
          return route.fulfill({
            status: 200,
            body: JSON.stringify(policy),
            headers: { "Content-Type": "application/json", ETag: '"p1"' },
          });
        return route.fulfill({ status: 202, body: "{}", headers: { "Content-Type": "application/json" } });
      }
      const file = resolve(pane, `.${url.pathname}`);
      if (!file.startsWith(pane + sep)) return route.fulfill({ status: 404, body: "" });
      if (file.endsWith(".js")) scripts.push(url.pathname);
      return route.fulfill({
        status: 200,
        body: readFileSync(file),
        contentType: TYPES[extname(file)] ?? "application/octet-stream",
      });
    });
    await context.addInitScript(
      ({ outlook, fakeNaa, token }) => {
        const w = window as unknown as Record<string, unknown>;
        w.__FAKE_OUTLOOK__ = outlook;
        w.__FAKE_NAA__ = fakeNaa;
        localStorage.setItem("labelbridge.devToken", token);
      },
      {
        outlook: {
          mode: "compose",
          catalog: nativeCatalog(policy),
          labelsEnabled: false,
          subject: "Budget",
          body: "<p>Hi</p>",
          user: { displayName: "Sam Lee", emailAddress: "sam@contoso.com" },
        },
        fakeNaa: naa,
        token: DEV_TOKEN,
      },
    );
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${ORIGIN}/taskpane.html?_host_Info=Outlook$Web$16.01$en-US$$$$0`);
    await page.getByTestId("label-list").waitFor();
    const bridge = await page.evaluate(
      () =>
        (window as unknown as { __naaBridge?: { requests: NaaBridgeRequest[] } }).__naaBridge?.requests ?? [],
    );
    return { authorizations, scripts, bridge, blocked, errors };
  } finally {
    await context.close();
  }
}

beforeAll(async () => {
  [browser, officeScript, pane] = await Promise.all([
    launchChromium(),
    bundleScript(join(ROOT, "test/addin/fakes/naa/outlookEntry.ts")),
    buildNaaPane(),
  ]);
});

afterAll(async () => {
  await browser?.close();
});

test("the naa build: MSAL is a chunk of its own, not in the page's entry", () => {
  const msal = readdirSync(join(pane, "chunks")).filter((f) => f.startsWith("msal.") && f.endsWith(".js"));
  expect(msal).toHaveLength(1);
  const entry = readFileSync(join(pane, "taskpane.html"), "utf8").match(/taskpane\.[0-9a-f]+\.js/g) ?? [];
  expect(entry).toHaveLength(1);
  expect(readFileSync(join(pane, String(entry[0])), "utf8")).not.toContain("msal.js.browser");
  expect(readFileSync(join(pane, "chunks", msal[0]), "utf8")).toContain("msal.js.browser");
});

test("a host with NestedAppAuth 1.1: the policy is fetched with the token the host's bridge gave", async () => {
  const r = await openPane({ nestedAppAuth: true, bridge: { silent: { accessToken: NAA_TOKEN } } });
  expect(r.authorizations).toContain(`GET /api/v1/policy Bearer ${NAA_TOKEN}`);
  expect(r.authorizations.filter((a) => a.includes(DEV_TOKEN))).toEqual([]);
  expect(r.scripts.some((s) => /^\/chunks\/msal\.[0-9a-f]+\.js$/.test(s))).toBe(true);
  const silent = r.bridge.filter((m) => m.method === "GetToken");
  expect(silent.length).toBeGreaterThan(0);
  for (const m of silent)
    expect(m.tokenParams).toMatchObject({
      clientId: CLIENT_ID,
      scope: `api://localhost:3000/${CLIENT_ID}/access_as_user`,
    });
  expect(r.bridge.map((m) => m.method)).not.toContain("GetTokenPopup");
  expect(r.blocked).toEqual([]);
  expect(r.errors).toEqual([]);
});

test("a host without NestedAppAuth 1.1: no MSAL, no bridge message; the development token", async () => {
  const r = await openPane({ nestedAppAuth: false, bridge: { silent: { accessToken: NAA_TOKEN } } });
  expect(r.authorizations).toContain(`GET /api/v1/policy Bearer ${DEV_TOKEN}`);
  expect(r.authorizations.filter((a) => a.includes(NAA_TOKEN))).toEqual([]);
  expect(r.bridge).toEqual([]);
  expect(r.scripts.filter((s) => s.includes("msal"))).toEqual([]);
  expect(r.blocked).toEqual([]);
  expect(r.errors).toEqual([]);
});
