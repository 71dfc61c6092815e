/**
 * A newcomer's first run (issue 11 items 13–16 and 20): the server's home page and the links the
 * manifests and the banner give, the sideload steps the same in README and banner, a token example
 * that matches the seeded policy, `npx labelbridge` never building, screenshots kept out of the
 * tracked docs, and a licence.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { DEVELOPMENT_SITE_ID, defaultTenantPolicy } from "../../src/core/policy";
import { loadConfig } from "../../src/server/config";
import { banner, startServer } from "../../src/server/main";
import { SIDELOAD } from "../../src/server/sideload";
import { DOCS_SCREENSHOTS, screenshotDir } from "../support/screenshots";
import { call } from "./support/server";

const ROOT = join(__dirname, "..", "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
/** Markdown as read aloud: no emphasis, code marks or autolink brackets, one space between words. */
const plain = (markdown: string) => markdown.replace(/\*\*|`|<|>/g, "").replace(/\s+/g, " ");

describe("the server's home page and the start banner", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let url: string;

  beforeAll(async () => {
    const scratch = mkdtempSync(join(tmpdir(), "lb-home-"));
    const dist = join(scratch, "dist");
    mkdirSync(join(dist, "admin"), { recursive: true });
    for (const file of ["taskpane.html", "manifest.xml", "manifest.office.xml", "admin/console.html"])
      writeFileSync(join(dist, file), "x");
    server = await startServer(
      loadConfig({
        HOST: "127.0.0.1",
        PORT: "0",
        LABELBRIDGE_TLS: "off",
        LABELBRIDGE_DATA_DIR: join(scratch, "data"),
        LABELBRIDGE_STATIC_DIR: dist,
        LOG_LEVEL: "silent",
      }),
    );
    url = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await server.close();
  });

  test("GET / is a page that says what the server is and links to the console, the pane, the docs and the manifests", async () => {
    const home = await call(url, "/");
    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(home.text).toContain("This is a Labelbridge policy backend");
    for (const href of ["/admin", "/taskpane.html", "/docs", "/manifest.xml", "/manifest.office.xml"])
      expect(home.text).toContain(`href="${href}"`);
    for (const s of SIDELOAD) expect(home.text).toContain(s.steps.replace(/…/g, "…"));
    // Every link on the page leads somewhere.
    for (const [, href] of home.text.matchAll(/href="([^"]+)"/g))
      expect([href, (await call(url, href)).status]).toEqual([href, 200]);
  });

  test("the manifests' SupportUrl and Learn more link lead to that page, not to a 404", async () => {
    const links = ["manifest.xml", "manifest.office.xml"].flatMap((m) =>
      [
        ...read(m).matchAll(/<(?:SupportUrl|bt:Url id="GetStarted\.LearnMoreUrl") DefaultValue="([^"]+)"/g),
      ].map((match) => match[1]),
    );
    expect(links.length).toBe(3);
    for (const link of links) {
      expect(link.startsWith("https://localhost:3000/")).toBe(true);
      const page = await call(url, new URL(link).pathname);
      expect([link, page.status, page.headers.get("content-type")]).toEqual([
        link,
        200,
        "text/html; charset=utf-8",
      ]);
    }
  });

  test("the banner lists the home page, /admin, the task pane and the README's sideload steps", () => {
    const text = banner(server);
    const url = server.url;
    for (const line of [`home       ${url}/`, `admin      ${url}/admin`, `task pane  ${url}/taskpane.html`])
      expect(text).toContain(line);
    for (const s of SIDELOAD) expect(text).toContain(`${s.host}: ${s.steps}`);
  });
});

describe("README.md", () => {
  const readme = read("README.md");

  test("gives the sideload steps in the banner's words", () => {
    for (const s of SIDELOAD) expect(plain(readme)).toContain(s.steps);
  });

  test("its token examples ask only for groups a seeded policy scopes", () => {
    const seeded = defaultTenantPolicy({ siteId: DEVELOPMENT_SITE_ID, name: "x" });
    const scoped = new Set(seeded.policies.flatMap((p) => p.scope.groups ?? []));
    // The commands in code blocks, not the command table's syntax.
    const examples = [...readme.matchAll(/^node bin\/labelbridge\.js token --user \S+([^\n#]*)/gm)].map(
      (m) => m[1],
    );
    expect(examples.length).toBeGreaterThan(0);
    for (const options of examples) {
      const groups = /--groups (\S+)/.exec(options)?.[1];
      if (groups !== undefined)
        for (const g of groups.split(",")) expect([g, scoped.has(g)]).toEqual([g, true]);
    }
  });
});

describe("npx labelbridge", () => {
  test("npm's prepare under npx does not build (it took 87 s and broke npx's cache when interrupted)", () => {
    const result = spawnSync(process.execPath, [join(ROOT, "scripts", "prepare.js")], {
      env: { ...process.env, npm_command: "exec", PATH: "" }, // no npm on PATH: a build could not even start
      encoding: "utf8",
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      "not building under npx; `npm run build` builds the command and the server",
    );
  });

  test("without a build, the command says to run npm run build", () => {
    const copy = mkdtempSync(join(tmpdir(), "lb-nobuild-"));
    mkdirSync(join(copy, "bin"));
    copyFileSync(join(ROOT, "bin", "labelbridge.js"), join(copy, "bin", "labelbridge.js"));
    const result = spawnSync(process.execPath, [join(copy, "bin", "labelbridge.js"), "--help"], {
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`labelbridge: not built yet — run \`npm run build\` in ${copy}\n`);
  });
});

describe("screenshots", () => {
  test("go to a temp folder unless LABELBRIDGE_UPDATE_SCREENSHOTS=1", () => {
    const dir = screenshotDir({});
    expect(relative(tmpdir(), dir).startsWith("..")).toBe(false);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(screenshotDir({ LABELBRIDGE_UPDATE_SCREENSHOTS: "1" })).toBe(DOCS_SCREENSHOTS);
  });

  test("no suite names docs/screenshots itself: they all go through screenshotDir()", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (
          /\.tsx?$/.test(entry.name) &&
          path !== join(ROOT, "test", "support", "screenshots.ts") &&
          path !== __filename
        ) {
          const code = readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
          if (/["'`]docs["'`]\s*,\s*["'`]screenshots|docs\/screenshots/.test(code))
            offenders.push(relative(ROOT, path));
        }
      }
    };
    walk(join(ROOT, "test"));
    expect(offenders).toEqual([]);
  });
});

test("LICENSE: MIT, Labelbridge contributors, 2026, as package.json says", () => {
  const license = read("LICENSE");
  expect(license.split("\n").slice(0, 3)).toEqual([
    "MIT License",
    "",
    "Copyright (c) 2026 Labelbridge contributors",
  ]);
  expect(license).toContain("Permission is hereby granted, free of charge");
  expect(JSON.parse(read("package.json")).license).toBe("MIT");
});
