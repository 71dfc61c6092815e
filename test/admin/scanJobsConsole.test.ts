/**
 * The console's scan jobs view in headless Chromium against the real backend on SQLite and a real
 * `labelbridge scanner` node process (the built CLI, until idle): a job is refused at its field,
 * defined over a temp folder, run; the view follows the run to done and shows the row with the card
 * numbers, the rows per action and the node. A job with a run going cannot be deleted (the 409 is
 * shown as the backend words it) until the run is cancelled. Without Chromium, or without a fresh
 * `npm run build:node`, this suite fails; it never skips.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { hostname } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { scannerNodeArgs } from "../../bench/scanner/clusterCorpus";
import { REPO, cardText, cleanup, requireFreshBuild, tempDir, write } from "../cli/support/helpers";
import { launchChromium } from "./support/chromium";
import { startBackend, type Backend } from "./support/backend";
import { ensureConsoleBuilt } from "./support/build";
import { closeCheckedPages, openConsole, type ConsolePage } from "./support/page";
import { shot } from "./support/screenshots";

jest.setTimeout(240_000);

const CLI = join(REPO, "bin", "labelbridge.js");

let backend: Backend;
let browser: Browser;
let dana: string;
let dir: string;
let share: string;
const pages: ConsolePage[] = [];
const nodes: ChildProcess[] = [];

async function open(): Promise<ConsolePage> {
  const c = await openConsole(browser, `${backend.url}/admin`, dana);
  pages.push(c);
  await c.page.getByRole("tab", { name: "Scan jobs" }).click();
  await c.page.getByTestId("scan-jobs-view").waitFor();
  return c;
}

/** A scanner node as an admin starts one: the built CLI, one reader, exiting once no run is going. */
function startNode(name: string): Promise<number | null> {
  const child = spawn(process.execPath, [CLI, ...scannerNodeArgs(backend.url, name)], {
    env: { ...process.env, LABELBRIDGE_TOKEN: dana },
    stdio: ["ignore", "ignore", "pipe"],
  });
  nodes.push(child);
  const stderr: string[] = [];
  child.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      if (code !== 0) process.stderr.write(`scanner node ${name} exited ${code}: ${stderr.join("")}\n`);
      resolve(code);
    }),
  );
}

const field = (page: Page, name: string): Locator => page.getByTestId(`job-field-${name}`);

async function fillJob(page: Page, name: string, repositories: string): Promise<void> {
  await field(page, "name").locator("input").fill(name);
  await field(page, "repositories").locator("textarea").fill(repositories);
}

/**
 * Starts a run of the open job, then a node; the view follows the run to completed by polling (no
 * reload, no click). The run's detail panel.
 */
async function runToCompletion(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Start run" }).click();
  const detail = page.getByTestId("run-detail");
  await detail.and(page.locator('[data-status="running"]')).waitFor();
  const exited = startNode("console-node");
  await detail.and(page.locator('[data-status="completed"]')).waitFor({ timeout: 120_000 });
  expect(await exited).toBe(0);
  return detail;
}

beforeAll(async () => {
  requireFreshBuild();
  await ensureConsoleBuilt();
  backend = await startBackend();
  browser = await launchChromium();
  dana = await backend.token("dana@contoso.com", { admin: true, name: "Dana" });
  dir = tempDir("lb-console-scan-");
  share = join(dir, "finance");
  write(join(share, "customers.txt"), `Customer list\n${cardText(12)}\n`);
  write(join(share, "notes.txt"), "quarterly figures, nothing sensitive\n");
  write(join(share, "2026", "memo.txt"), "the memo of the year\n");
}, 300_000);

afterEach(() => closeCheckedPages(pages));

afterAll(async () => {
  for (const n of nodes) if (n.exitCode === null) n.kill("SIGKILL");
  await browser?.close();
  await backend?.close();
  if (dir) cleanup(dir);
});

test("define a job (a relative path is refused at its field), run it with a scanner node, follow it to done: the finding, the actions, the node", async () => {
  const c = await open();
  const { page } = c;
  await page.getByTestId("no-jobs").waitFor();
  await page.getByRole("button", { name: "New scan job" }).click();
  await fillJob(page, "Finance share", "shares/finance");
  await page.getByRole("button", { name: "Save job" }).click();
  await field(page, "repositories")
    .getByText("line 1: must be an absolute path as the scanner nodes see it", { exact: false })
    .waitFor();
  expect(c.httpErrors.splice(0)).toEqual(["400"]);
  expect((await backend.api("/api/v1/admin/scan-jobs", dana)).json.jobs).toEqual([]);

  await field(page, "repositories").locator("textarea").fill(share);
  await page.getByRole("button", { name: "Save job" }).click();
  const row = page.getByTestId("scan-job-row").filter({ hasText: "Finance share" });
  await row.waitFor();
  expect(await row.getByTestId("last-run").textContent()).toBe("Never run");
  expect(await row.textContent()).toContain("Manual");
  await page.getByTestId("scan-job").waitFor();

  const detail = await runToCompletion(page);
  expect(await detail.getByTestId("run-status").textContent()).toBe("completed");
  expect(await detail.getByTestId("files-progress").getAttribute("aria-valuenow")).toBe("1");
  expect(await detail.getByTestId("units-progress").getAttribute("aria-valuenow")).toBe("1");
  expect(await detail.textContent()).toContain("3 of 3");
  expect(await detail.getByTestId("run-counts").textContent()).toMatch(/^3 files \(.+\) done, 0 unchanged/);
  expect(await detail.getByTestId("run-throughput").textContent()).toMatch(/files\/s · .+\/s over /);

  const card = detail.locator(`[data-testid="result-row"][data-path="${join(share, "customers.txt")}"]`);
  await card.waitFor();
  expect(await card.getByTestId("result-findings").textContent()).toContain("Credit Card Number ×12");
  expect(await card.textContent()).toContain("console-node");
  expect(await detail.getByTestId("result-row").count()).toBe(3);
  const actions = await detail.getByTestId("run-action").allTextContents();
  expect(actions.reduce((n, a) => n + Number(a.split(": ")[1]), 0)).toBe(3);
  expect(await detail.getByTestId("run-node").textContent()).toMatch(/^console-node: 3 files, /);

  const node = page.locator('[data-testid="scanner-node"][data-node="console-node"]');
  await node.getByTestId("node-status").filter({ hasText: "left" }).waitFor();
  // Where it ran and what it is; its counts come with its heartbeats (every 10 s: this run was shorter).
  expect(await node.textContent()).toContain(hostname());
  expect(await row.getByTestId("last-run").textContent()).toMatch(/^completed · 3 of 3 files · 0 errors/);

  // Only the rows with errors: none in this run.
  await detail.getByRole("switch", { name: "Only rows with errors" }).click();
  await detail.getByTestId("no-results").waitFor();
  await shot(page, "scan-jobs-run", true);
});

test("a job with a run going is not deleted, the console says why; cancelled, it is", async () => {
  const created = await backend.api("/api/v1/admin/scan-jobs", dana, {
    method: "POST",
    body: { name: "Nobody scans this", repositories: [{ path: share }] },
  });
  expect(created.status).toBe(201);
  const c = await open();
  const { page } = c;
  await page.getByTestId("scan-job-row").filter({ hasText: "Nobody scans this" }).click();
  await page.getByRole("button", { name: "Start run" }).click();
  const detail = page.getByTestId("run-detail");
  await detail.and(page.locator('[data-status="running"]')).waitFor();

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("button", { name: "Delete job" }).click();
  const problem = page.getByTestId("job-problem");
  await problem.waitFor();
  expect(await problem.textContent()).toBe(`scan job ${created.json.jobId} has a run going; cancel it first`);
  expect(c.httpErrors.splice(0)).toEqual(["409"]);

  // While the run goes the view reads again every few seconds; once the view is left, it stops.
  const polls: string[] = [];
  page.on("request", (r) => void (r.url().includes("/api/v1/admin/scan-jobs") && polls.push(r.url())));
  await page.waitForTimeout(4500);
  expect(polls.filter((u) => u.includes("/scan-jobs/runs/")).length).toBeGreaterThanOrEqual(1);
  await page.getByRole("tab", { name: "Labels" }).click();
  await page.waitForTimeout(500);
  polls.length = 0;
  await page.waitForTimeout(4500);
  expect(polls).toEqual([]);
  await page.getByRole("tab", { name: "Scan jobs" }).click();
  await page.getByTestId("scan-job-row").filter({ hasText: "Nobody scans this" }).click();

  await detail.getByRole("button", { name: "Cancel run" }).click();
  await detail.and(page.locator('[data-status="cancelled"]')).waitFor();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("button", { name: "Delete job" }).click();
  await page
    .getByTestId("scan-job-row")
    .filter({ hasText: "Nobody scans this" })
    .waitFor({ state: "detached" });
  expect((await backend.api(`/api/v1/admin/scan-jobs/${created.json.jobId}`, dana)).status).toBe(404);
});

test("a job edited in the form keeps what it had; its run's rows page on 50 at a time", async () => {
  const many = join(dir, "many");
  for (let i = 0; i < 55; i++) write(join(many, `file-${String(i).padStart(2, "0")}.txt`), `note ${i}\n`);
  const c = await open();
  const { page } = c;
  await page.getByTestId("scan-job-row").filter({ hasText: "Finance share" }).click();
  await page.getByRole("button", { name: "Edit" }).click();
  // The form holds the stored definition; only the name and the repository change.
  expect(await field(page, "repositories").locator("textarea").inputValue()).toBe(share);
  expect(await field(page, "fileTimeoutSeconds").locator("input").inputValue()).toBe("120");
  await fillJob(page, "Many notes", many);
  await field(page, "everyMinutes").locator("input").fill("1440");
  await page.getByRole("button", { name: "Save job" }).click();
  const row = page.getByTestId("scan-job-row").filter({ hasText: "Many notes" });
  await row.waitFor();
  expect(await row.textContent()).toContain("Every 1 day");
  const stored = (await backend.api("/api/v1/admin/scan-jobs", dana)).json.jobs[0];
  expect(stored.definition).toMatchObject({
    name: "Many notes",
    repositories: [{ path: many }],
    schedule: { everyMinutes: 1440 },
    incremental: true,
    fileTimeoutSeconds: 120,
  });

  const detail = await runToCompletion(page);
  expect(await detail.textContent()).toContain("55 of 55");
  const paths = () => detail.getByTestId("result-row").evaluateAll((rows) => rows.map((r) => r.dataset.path));
  await detail.getByTestId("result-row").nth(49).waitFor();
  expect(await paths()).toEqual(
    Array.from({ length: 50 }, (_, i) => join(many, `file-${String(i).padStart(2, "0")}.txt`)),
  );
  await detail.getByRole("button", { name: "Next rows" }).click();
  await detail.locator(`[data-testid="result-row"][data-path="${join(many, "file-54.txt")}"]`).waitFor();
  expect(await paths()).toEqual([50, 51, 52, 53, 54].map((i) => join(many, `file-${i}.txt`)));
  expect(await detail.getByRole("button", { name: "Next rows" }).isDisabled()).toBe(true);
  await detail.getByRole("button", { name: "Previous rows" }).click();
  await detail.getByTestId("result-row").nth(49).waitFor();
});
