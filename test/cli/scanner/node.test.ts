/**
 * A scanner node (in this process) against the real backend on SQLite: the rows a run stores are
 * the rows `labelbridge scan` makes for the same tree, enforce writes labels and records them in
 * the audit reports, and incremental runs skip what did not change (size and mtime, or hash).
 */
import { symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildDocx } from "../../../bench/scanner/ooxml";
import { runScan } from "../../../src/cli/scan/engine";
import { inProcessScanner } from "../../../src/cli/scan/pool";
import type { ScanRow } from "../../../src/cli/scan/row";
import { ScannerClient } from "../../../src/cli/scanner/client";
import { ScannerNode, settingsOf } from "../../../src/cli/scanner/node";
import { sqliteEngine } from "../../server/support/engines";
import { call } from "../../server/support/server";
import { type Backend, adminCall, defineJob, startBackend, startRun } from "../../server/scanJobs/support";
import { cardText, cleanup, sha256, tempDir, tenant, write } from "../support/helpers";

let b: Backend;
let dir: string;
let share: string;

beforeAll(async () => {
  b = await startBackend(sqliteEngine);
  const document = { ...tenant({ phase: "enforce" }), siteId: b.tenant };
  const written = await b.store.writePolicy(b.tenant, {
    expectedVersion: null,
    document,
    actor: { id: "test", name: null },
    kind: "seed",
    at: new Date().toISOString(),
  });
  if (!written.ok) throw new Error("the test policy was not stored");
});
afterAll(async () => b?.close());

beforeEach(() => {
  dir = tempDir("lb-scanner-");
  share = join(dir, "share");
  write(join(share, "cards.docx"), buildDocx([[cardText(12)]]));
  write(join(share, "notes.txt"), `Customer list\n${cardText(12)}\n`);
  write(join(share, "sub", "plain.docx"), buildDocx([["Nothing to see here."]]));
  write(join(share, "sub", "deeper", "memo.txt"), "quarterly figures, nothing sensitive\n");
  write(join(share, "picture.bin"), "not a type we read");
  write(join(share, "node_modules", "x.txt"), cardText(3));
  symlinkSync(share, join(share, "sub", "back-to-share"));
  symlinkSync(join(dir, "missing"), join(share, "broken"));
});
afterEach(() => cleanup(dir));

async function runNode(name = "node-1"): Promise<ScannerNode> {
  const node = new ScannerNode({
    client: new ScannerClient({ server: b.server.url, token: b.scanner, node: name }),
    jobs: 1,
    exitWhenIdle: true,
    pollMs: 50,
    version: "test",
    log: () => undefined,
    makeScanner: (settings) => inProcessScanner(settings),
  });
  await node.run();
  return node;
}

type Row = ScanRow & { node: string; outcome: string };

async function rowsOf(runId: string): Promise<Row[]> {
  return (await adminCall(b, `/scan-jobs/runs/${runId}/results?limit=1000`)).json.rows;
}

/** The row as the report shows it: what a run decided, without the audit events (ids and times differ per run). */
const report = ({ audit: _a, node: _n, outcome: _o, ...rest }: Partial<Row>) => rest;

async function runJob(definition: Record<string, unknown>, query = "") {
  const jobId = await defineJob(b, definition);
  const runId = await startRun(b, jobId, query);
  await runNode();
  return { jobId, runId };
}

const run = async (runId: string) => (await adminCall(b, `/scan-jobs/runs/${runId}`)).json;

test("the rows of a discover run are those labelbridge scan makes for the same tree; a link back up is listed once", async () => {
  const job = { name: "discover", repositories: [{ path: share }], exclude: ["node_modules"] };
  const { runId } = await runJob(job);
  const detail = await run(runId);
  expect(detail).toMatchObject({
    status: "completed",
    filesFound: 4,
    filesDone: 4,
    filesSkipped: 1,
    errors: 1,
  });
  const rows = await rowsOf(runId);

  const spec = (await call(b.server.url, `/api/v1/scanner/runs/${runId}`, { token: b.scanner })).json;
  const cli = { rows: [] as ScanRow[] };
  await runScan({
    roots: [share],
    include: [],
    exclude: ["node_modules"],
    scanner: inProcessScanner(settingsOf(spec)),
    onRow: (row) => cli.rows.push(row),
  });
  const files = (r: Partial<ScanRow>[]) => r.filter((x) => x.type !== "-").map(report);
  expect(files(rows)).toEqual(files(cli.rows));
  expect(rows.find((r) => r.path.endsWith("cards.docx"))).toMatchObject({
    action: "reported",
    proposed: { mode: "automatic" },
    infoTypes: expect.arrayContaining([expect.objectContaining({ name: "Credit Card Number", count: 12 })]),
  });
  // The broken link is an error row in both; the link back up is a loop row for `scan` and simply
  // not walked twice here (folders are units by real path).
  const problems = rows.filter((r) => r.type === "-").map(report);
  expect(problems).toEqual(cli.rows.filter((r) => r.errorCode === "ENOENT").map(report));
  expect(cli.rows.filter((r) => r.errorCode === "symlink-loop")).toHaveLength(1);
});

test("enforce labels the file the policy says, records it in the audit reports, and the next run finds nothing changed", async () => {
  const before = sha256(join(share, "cards.docx"));
  const job = {
    name: "enforce",
    repositories: [{ path: share }],
    mode: "enforce",
    exclude: ["node_modules"],
  };
  const { jobId, runId } = await runJob(job);
  const rows = await rowsOf(runId);
  expect(Object.fromEntries(rows.map((r) => [r.path.slice(share.length + 1), r.action]))).toEqual({
    broken: "error",
    "cards.docx": "labeled",
    "notes.txt": "not-labelable",
    "sub/deeper/memo.txt": "none",
    "sub/plain.docx": "none",
  });
  expect(sha256(join(share, "cards.docx"))).not.toBe(before);
  const today = new Date().toISOString().slice(0, 10);
  const labels = (
    await call(b.server.url, `/api/v1/reports/labels?from=${today}&to=${today}`, { token: b.admin })
  ).json;
  expect(labels.labels).toEqual([expect.objectContaining({ applied: 1 })]);

  const second = await startRun(b, jobId);
  await runNode();
  const again = await rowsOf(second);
  // The run did nothing to these files: counted as unchanged, each with the row of the run that did.
  expect(await run(second)).toMatchObject({
    status: "completed",
    filesDone: 4,
    filesUnchanged: 4,
    byAction: { unchanged: 4, error: 1 },
  });
  expect(again.find((r) => r.path.endsWith("cards.docx"))).toMatchObject({
    outcome: "unchanged",
    action: "labeled",
  });
});

test("incremental: a changed file is scanned again, a touched but identical one is not, ?full=true scans all", async () => {
  const job = { name: "incremental", repositories: [{ path: share }], exclude: ["node_modules"] };
  const { jobId } = await runJob(job);
  writeFileSync(join(share, "notes.txt"), "nothing left in here\n");
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(share, "sub", "plain.docx"), later, later);

  const second = await startRun(b, jobId);
  await runNode();
  const rows = await rowsOf(second);
  const outcome = (name: string) => rows.find((r) => r.path.endsWith(name))!;
  expect(outcome("notes.txt")).toMatchObject({ outcome: "scanned", infoTypes: [] });
  expect(outcome("plain.docx").outcome).toBe("unchanged");
  expect(outcome("cards.docx").outcome).toBe("unchanged");
  expect(await run(second)).toMatchObject({ filesDone: 4, filesUnchanged: 3 });

  const full = await startRun(b, jobId, "?full=true");
  await runNode();
  expect(await run(full)).toMatchObject({ filesDone: 4, filesUnchanged: 0, fullRescan: true });
});
