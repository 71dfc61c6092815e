/**
 * Browser harness for the add-in suites (Outlook here; Word and Excel reuse it): the built dist/ in
 * headless Debian Chromium through playwright-core, hermetic.
 *
 * - dist/ is served at its production origin (https://localhost:3000/) straight from disk by
 *   request interception — no certificates, no port;
 * - the CDN office.js URL answers with a fake host script, bundled here from a TypeScript entry
 *   (`bundleScript`), e.g. test/addin/fakes/outlook/browserEntry.ts;
 * - `/api/...` requests go to handlers the test gives (policy, audit), or fail like a down backend;
 * - every other outside URL is aborted.
 *
 * Nothing is skipped: no Chromium, no dist/ → the suite fails with a message that says why.
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import type { AuditEvent } from "../../src/core/audit";
import { screenshotDir } from "../support/screenshots";
import type { EffectivePolicy } from "../../src/core/policy";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
  type Route,
} from "playwright-core";

export const ROOT = resolve(__dirname, "..", "..");
export const DIST = join(ROOT, "dist");
export const ORIGIN = "https://localhost:3000";
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".png": "image/png",
  ".css": "text/css",
  ".txt": "text/plain",
};

/** Throws (fails the suite) unless `npm run build:addin` has produced these files. */
export function assertBuilt(
  files: string[] = ["taskpane.html", "commands.html", "events/launchevent.js"],
): void {
  const missing = files.filter((f) => !existsSync(join(DIST, f)));
  if (missing.length > 0)
    throw new Error(`dist/ is not built (missing ${missing.join(", ")}): run \`npm run build:addin\` first.`);
}

/** Waits until `read()` deep-equals `expected` (jest has no expect.poll); throws with the last value. */
export async function eventually<T>(
  read: () => T | Promise<T>,
  expected: T,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected)) {
    if (Date.now() > deadline)
      throw new Error(
        `still ${JSON.stringify(last)} after ${timeoutMs} ms; expected ${JSON.stringify(expected)}`,
      );
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath))
    throw new Error(
      `Chromium not found at ${executablePath}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

const bundles = new Map<string, Promise<string>>();

/**
 * Bundles a browser script (a fake host) from a TypeScript entry with webpack, once per entry per
 * run; returns its source.
 */
/** How test code (fake hosts, test entries) is bundled for Chromium: ts-loader, ES2019, no checks. */
export function testBundleModules(): Pick<import("webpack").Configuration, "resolve" | "module"> {
  return {
    resolve: { extensions: [".ts", ".js"], extensionAlias: { ".js": [".ts", ".js"] } },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: join(ROOT, "tsconfig.json"),
              transpileOnly: true,
              compilerOptions: {
                target: "ES2019",
                module: "ESNext",
                moduleResolution: "bundler",
                noEmit: false,
                sourceMap: false,
              },
            },
          },
        },
      ],
    },
  };
}

export function bundleScript(entry: string): Promise<string> {
  const key = resolve(entry);
  let pending = bundles.get(key);
  if (!pending) {
    pending = new Promise<string>((resolvePromise, reject) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const webpack = require("webpack") as typeof import("webpack");
      const out = mkdtempSync(join(tmpdir(), "lb-fake-"));
      webpack(
        {
          mode: "development",
          devtool: false,
          target: ["web", "es2019"],
          entry: key,
          output: { path: out, filename: "fake.js", iife: true },
          ...testBundleModules(),
          stats: "errors-only",
        },
        (error, stats) => {
          if (error) return reject(error);
          if (!stats || stats.hasErrors())
            return reject(new Error(stats?.toString("errors-only") ?? "webpack failed"));
          resolvePromise(readFileSync(join(out, "fake.js"), "utf8"));
        },
      );
    });
    bundles.set(key, pending);
  }
  return pending;
}

export interface ApiRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface ApiResponse {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/** Answers `/api/...`; return null to fail the request like a backend that is down. */
export type ApiHandler = (request: ApiRequest) => ApiResponse | null | Promise<ApiResponse | null>;

/** Sam Lee, sam@contoso.com. */
export const TOKEN =
  "eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiU2FtIExlZSIsInByZWZlcnJlZF91c2VybmFtZSI6InNhbUBjb250b3NvLmNvbSJ9.c2ln";
/** docs/screenshots/ with LABELBRIDGE_UPDATE_SCREENSHOTS=1, else a temp folder (test/support/screenshots.ts). */
export const SCREENSHOTS = screenshotDir();

export interface Backend {
  handler: ApiHandler;
  audit: AuditEvent[];
}

/** A fake backend for the pane: the policy with an ETag, audit batches kept; null never answers. */
export function backend(policy: EffectivePolicy | null): Backend {
  const audit: AuditEvent[] = [];
  return {
    audit,
    handler: (req) => {
      if (policy === null) return null;
      if (req.headers.authorization !== `Bearer ${TOKEN}`)
        return { status: 401, body: '{"error":"invalid_token"}' };
      if (req.method === "GET" && req.path === "/api/v1/policy")
        return {
          status: 200,
          body: JSON.stringify(policy),
          headers: { ETag: '"p1"', "Cache-Control": "private, max-age=300" },
        };
      if (req.method === "POST" && req.path === "/api/v1/audit") {
        const events = JSON.parse(req.body ?? "{}").events as AuditEvent[];
        audit.push(...events);
        return { status: 202, body: JSON.stringify({ accepted: events.length, duplicates: 0 }) };
      }
      return { status: 404 };
    },
  };
}

/** One browser and the bundled fake per suite; every page checked hermetic and error-free after each test. */
export interface OpenOptions {
  /** Page under dist/, e.g. "taskpane.html". */
  page: string;
  /** Source of the script served for the office.js URL (see bundleScript). */
  officeScript: string;
  /** Globals set before any page script runs, e.g. { __FAKE_OUTLOOK__: {...} }. */
  globals?: Record<string, unknown>;
  /** localStorage of the add-in origin before the page loads (a cached policy, a token…). */
  localStorage?: Record<string, string>;
  api?: ApiHandler;
  viewport?: { width: number; height: number };
  colorScheme?: "light" | "dark";
  /** Forced colours (Windows high contrast). */
  forcedColors?: "active" | "none";
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Outside requests that were aborted (should stay empty in a hermetic run). */
  blocked: string[];
  /** API requests the page made, in order. */
  apiCalls: ApiRequest[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  /** URLs of JavaScript files the page loaded, in order, with their sizes on disk. */
  scripts: Array<{ url: string; bytes: number; at: number }>;
  close(): Promise<void>;
}

function fileFor(url: URL): string | null {
  const path = decodeURIComponent(url.pathname);
  const file = resolve(DIST, `.${path.endsWith("/") ? `${path}index.html` : path}`);
  if (file !== DIST && !file.startsWith(DIST + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

export async function openPage(browser: Browser, options: OpenOptions): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 360, height: 720 },
    colorScheme: options.colorScheme ?? "light",
    forcedColors: options.forcedColors ?? "none",
    serviceWorkers: "block",
  });
  const blocked: string[] = [];
  const apiCalls: ApiRequest[] = [];
  const errors: string[] = [];
  const scripts: OpenedPage["scripts"] = [];
  const started = Date.now();

  await context.route("**/*", async (route: Route, request: Request) => {
    const url = new URL(request.url());
    if (request.url() === OFFICE_JS) {
      await route.fulfill({ status: 200, contentType: TYPES[".js"], body: options.officeScript });
      return;
    }
    if (url.origin !== ORIGIN) {
      blocked.push(request.url());
      await route.abort("blockedbyclient");
      return;
    }
    if (url.pathname.startsWith("/api/")) {
      const call: ApiRequest = {
        method: request.method(),
        path: url.pathname + url.search,
        headers: await request.allHeaders(),
        body: request.postData(),
      };
      apiCalls.push(call);
      const answer = options.api ? await options.api(call) : null;
      if (!answer) await route.abort("connectionrefused");
      else
        await route.fulfill({
          status: answer.status,
          body: answer.body ?? "",
          headers: { "Content-Type": "application/json", ...(answer.headers ?? {}) },
        });
      return;
    }
    const file = fileFor(url);
    if (!file) {
      await route.fulfill({ status: 404, body: "not found" });
      return;
    }
    if (file.endsWith(".js"))
      scripts.push({ url: url.pathname, bytes: statSync(file).size, at: Date.now() - started });
    await route.fulfill({
      status: 200,
      path: file,
      contentType: TYPES[extname(file)] ?? "application/octet-stream",
    });
  });

  const globals = options.globals ?? {};
  const seed = options.localStorage ?? {};
  await context.addInitScript(
    ({ globals: g, seed: s, origin }) => {
      for (const [k, v] of Object.entries(g)) (window as unknown as Record<string, unknown>)[k] = v;
      if (location.origin === origin) for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v);
    },
    { globals, seed, origin: ORIGIN },
  );

  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    // A refused API request is logged by Chromium too; tests see those in `apiCalls` instead.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
      errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${ORIGIN}/${options.page}`, { waitUntil: "domcontentloaded" });
  return { context, page, blocked, apiCalls, errors, scripts, close: () => context.close() };
}
