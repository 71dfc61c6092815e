/**
 * Scan jobs over real HTTP on SQLite and PostgreSQL, with nodes driven by hand: definitions and
 * their 400s, who may do what, a run from the walk to its last row, each file counted once when a
 * unit is handed out again, lost nodes, incremental rescans, cancel, and the audit reports.
 */
import type { ClaimedUnit } from "../../../src/server/scanJobs/wire";
import { ENGINES } from "../support/engines";
import { call } from "../support/server";
import {
  type Backend,
  HandNode,
  adminCall,
  defineJob,
  scanned,
  startBackend,
  startRun,
  waitFor,
} from "./support";

const JOB = { name: "Finance share", repositories: [{ path: "/srv/finance" }] };

function scanResultEvent(path: string) {
  return {
    id: `evt-${path.replace(/[^A-Za-z0-9]/g, "-")}-${Date.now()}`,
    type: "scan-result",
    time: new Date().toISOString(),
    app: "Scanner",
    actionSource: "scanner",
    itemName: path.split("/").pop(),
    details: { path },
  };
}

/** Claims until a unit of `kind` comes (walk units come first). */
async function claimKind(node: HandNode, kind: ClaimedUnit["kind"]): Promise<ClaimedUnit> {
  const answer = await node.claim();
  if (!answer.unit || answer.unit.kind !== kind)
    throw new Error(`expected a ${kind} unit, got ${JSON.stringify(answer.unit)}`);
  return answer.unit;
}

const files = (dir: string, names: string[]) =>
  names.map((n) => ({ path: `${dir}/${n}`, size: 10, type: "txt" }));

describe.each(ENGINES)("scan jobs on %s", (engineName, factory) => {
  let b: Backend;
  let seq = 0;
  const nodeName = () => `node-${++seq}`;

  beforeAll(async () => {
    b = await startBackend(factory, { LABELBRIDGE_SCAN_MAX_ATTEMPTS: "2" });
  });
  afterAll(async () => b?.close());

  /** Nodes leave after each test, so SQLite's one-node rule never sees a leftover. */
  const nodes: HandNode[] = [];
  const node = async (token?: string) => {
    const n = new HandNode(b, nodeName(), token);
    expect((await n.register()).status).toBe(200);
    nodes.push(n);
    return n;
  };
  afterEach(async () => {
    for (const n of nodes.splice(0)) await n.leave();
    // Runs a test left going would hand their units to the next test's nodes.
    for (const r of (await adminCall(b, "/scan-jobs/runs")).json.runs)
      if (r.status === "running") await adminCall(b, `/scan-jobs/runs/${r.runId}/cancel`, { method: "POST" });
  });

  /** Walks the job's one repository into one batch of `names` and returns the node and run. */
  async function walkedRun(names: string[], definition: Record<string, unknown> = JOB) {
    const jobId = await defineJob(b, definition);
    const runId = await startRun(b, jobId);
    const n = await node();
    const walk = await claimKind(n, "walk");
    expect(
      (
        await n.walk(walk, {
          dirs: [],
          batches: [{ index: 0, files: files("/srv/finance", names) }],
          skipped: 0,
          done: true,
        })
      ).status,
    ).toBe(200);
    return { jobId, runId, n };
  }

  /** Waits (without a heartbeat, which would keep it alive) until the backend declares the node lost. */
  const lostNode = (n: HandNode) =>
    waitFor(`${n.name} to be lost`, async () => {
      const list = (await adminCall(b, "/scan-jobs/nodes")).json.nodes as Array<{
        node: string;
        status: string;
      }>;
      return list.find((x) => x.node === n.name)?.status === "lost";
    });

  const run = async (runId: string) => (await adminCall(b, `/scan-jobs/runs/${runId}`)).json;

  test("a definition with mistakes is refused with the path of each, and nothing is stored", async () => {
    const before = (await adminCall(b, "/scan-jobs")).json.jobs.length;
    const r = await adminCall(b, "/scan-jobs", {
      method: "POST",
      body: {
        name: "x",
        repositories: [{ path: "relative/share" }],
        mode: "delete",
        schedule: { everyMinutes: 1 },
      },
    });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe("invalid-scan-job");
    expect(r.json.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(["repositories[0].path", "mode", "schedule.everyMinutes"]),
    );
    expect(r.json.message).toMatch(
      /^repositories\[0\]\.path: must be an absolute path .*nothing was stored$/,
    );
    expect((await adminCall(b, "/scan-jobs")).json.jobs).toHaveLength(before);
  });

  test("only admins manage jobs; only scanner (or admin) tokens act as nodes, each as the node it registered", async () => {
    expect((await call(b.server.url, "/api/v1/admin/scan-jobs", { token: b.user })).status).toBe(403);
    expect((await call(b.server.url, "/api/v1/admin/scan-jobs", { token: b.scanner })).status).toBe(403);
    const asUser = await new HandNode(b, "intruder", b.user).register();
    expect(asUser.status).toBe(403);
    expect(asUser.json.code).toBe("not-scanner");
    const n = await node();
    const other = await call(b.server.url, `/api/v1/scanner/nodes/${n.name}/claim`, {
      method: "POST",
      token: b.otherScanner,
      body: {},
    });
    expect(other.status).toBe(403);
    expect(other.json.code).toBe("node-of-another-identity");
  });

  test("a run from the walk to the last row: folders and batches become units, every file one row, audit reports include it", async () => {
    const jobId = await defineJob(b, JOB);
    const runId = await startRun(b, jobId);
    const n = await node();
    const root = await claimKind(n, "walk");
    expect(root).toMatchObject({
      kind: "walk",
      runId,
      root: "/srv/finance",
      dir: "/srv/finance",
      rel: "",
      claim: 1,
    });
    expect(
      (
        await n.walk(root, {
          dir: "/srv/finance",
          dirs: [{ path: "/srv/finance/2026", rel: "2026" }],
          batches: [{ index: 0, files: files("/srv/finance", ["a.txt", "b.txt"]) }],
          skipped: 3,
          done: true,
        })
      ).status,
    ).toBe(200);
    const sub = await claimKind(n, "walk");
    expect(sub).toMatchObject({ dir: "/srv/finance/2026", rel: "2026" });
    await n.walk(sub, {
      dirs: [],
      batches: [{ index: 0, files: files("/srv/finance/2026", ["c.txt"]) }],
      skipped: 0,
      done: true,
    });

    const first = await claimKind(n, "files");
    const second = await claimKind(n, "files");
    for (const unit of [first, second]) {
      if (unit.kind !== "files") throw new Error("files");
      expect(unit.files.every((f) => f.previous === null)).toBe(true);
      const results = unit.files.map((f) =>
        scanned(
          f.path,
          10,
          f.path.endsWith("a.txt") ? { audit: [scanResultEvent(f.path)], infoTypes: [] } : {},
        ),
      );
      const r = await n.results(unit, results, true);
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ stored: unit.files.length, duplicates: 0 });
    }
    expect((await n.claim()).unit).toBeNull();

    const detail = await run(runId);
    expect(detail).toMatchObject({
      status: "completed",
      unitsTotal: 4,
      unitsFinished: 4,
      filesFound: 3,
      filesDone: 3,
      bytesDone: 30,
      filesSkipped: 3,
      errors: 0,
      byAction: { reported: 3 },
    });
    expect(detail.nodes).toEqual([{ node: n.name, files: 3, bytes: 30, unitsActive: 0 }]);
    const rows = (await adminCall(b, `/scan-jobs/runs/${runId}/results?limit=2`)).json;
    expect(rows.rows.map((r: { path: string }) => r.path)).toEqual([
      "/srv/finance/2026/c.txt",
      "/srv/finance/a.txt",
    ]);
    expect(rows.rows[0]).toMatchObject({ node: n.name, outcome: "scanned", action: "reported", type: "txt" });
    const rest = (
      await adminCall(b, `/scan-jobs/runs/${runId}/results?limit=2&after=${encodeURIComponent(rows.next)}`)
    ).json;
    expect(rest).toEqual({ rows: [expect.objectContaining({ path: "/srv/finance/b.txt" })], next: null });

    const today = new Date().toISOString().slice(0, 10);
    const daily = (
      await call(b.server.url, `/api/v1/reports/daily?from=${today}&to=${today}`, { token: b.admin })
    ).json;
    expect(daily.days).toEqual(expect.arrayContaining([{ day: today, type: "scan-result", count: 1 }]));
  });

  test("a unit handed out again after its node was lost: done files are not handed out, the stale node is refused, each file counts once", async () => {
    const { runId, n: lost } = await walkedRun(["a.txt", "b.txt", "c.txt"]);
    const unit = await claimKind(lost, "files");
    if (unit.kind !== "files") throw new Error("files");
    expect((await lost.results(unit, [scanned(unit.files[0].path)], false)).status).toBe(200);
    // No heartbeat from `lost` any more: after the timeout its unit goes back to the queue.
    await lostNode(lost);
    const taker = await node();
    const again = await claimKind(taker, "files");
    if (again.kind !== "files") throw new Error("files");
    expect(again.claim).toBe(2);
    expect(again.files.map((f) => f.path)).toEqual(["/srv/finance/b.txt", "/srv/finance/c.txt"]);

    const stale = await lost.results(unit, [scanned("/srv/finance/b.txt")], false);
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe("node-not-registered");
    expect((await lost.heartbeat([unit.unitId])).status).toBe(409);

    // The file already stored comes again (a retried request): stored once.
    const r = await taker.results(
      again,
      [scanned("/srv/finance/a.txt"), ...again.files.map((f) => scanned(f.path))],
      true,
    );
    expect(r.json).toEqual({ stored: 2, duplicates: 1 });
    const detail = await run(runId);
    expect(detail).toMatchObject({ status: "completed", filesDone: 3, units: { retried: 1 } });
    const all = (await adminCall(b, `/scan-jobs/runs/${runId}/results?limit=100`)).json.rows;
    expect(all.map((x: { path: string; node: string }) => `${x.path} ${x.node}`)).toEqual([
      `/srv/finance/a.txt ${lost.name}`,
      `/srv/finance/b.txt ${taker.name}`,
      `/srv/finance/c.txt ${taker.name}`,
    ]);
  });

  test("the holder is the only reporter: another claim number is refused with 409, and done needs every file", async () => {
    const { n } = await walkedRun(["a.txt", "b.txt"]);
    const unit = await claimKind(n, "files");
    const wrong = await n.results(unit, [scanned("/srv/finance/a.txt")], false, unit.claim + 1);
    expect(wrong.status).toBe(409);
    expect(wrong.json.code).toBe("unit-not-held");
    const early = await n.results(unit, [scanned("/srv/finance/a.txt")], true);
    expect(early.status).toBe(400);
    expect(early.json.message).toMatch(/1 file\(s\) have no result yet \(first: \/srv\/finance\/b\.txt\)/);
    // The refused request stored nothing: a.txt is still open.
    const r = await n.results(unit, [scanned("/srv/finance/a.txt"), scanned("/srv/finance/b.txt")], true);
    expect(r.json).toEqual({ stored: 2, duplicates: 0 });
  });

  test("a unit whose nodes keep getting lost fails after its last attempt, with an error row for each open file", async () => {
    const { runId, n: first } = await walkedRun(["a.txt", "b.txt"]);
    await claimKind(first, "files");
    await lostNode(first);
    const second = await node();
    await claimKind(second, "files");
    await lostNode(second);
    const third = await node();
    expect((await third.claim()).unit).toBeNull();
    const detail = await run(runId);
    expect(detail).toMatchObject({ status: "completed", filesDone: 2, errors: 2, byAction: { error: 2 } });
    const rows = (await adminCall(b, `/scan-jobs/runs/${runId}/results?errors=true`)).json.rows;
    expect(rows[0]).toMatchObject({
      path: "/srv/finance/a.txt",
      outcome: "failed",
      action: "error",
      errorCode: "unit-failed",
      error: expect.stringMatching(/handed out 2 times and never finished/),
    });
  });

  test("incremental rescans: unchanged files keep their last row and are counted; ?full=true hands out every file without history", async () => {
    const { jobId, n } = await walkedRun(["a.txt", "b.txt"], { ...JOB, name: "incremental" });
    const unit = await claimKind(n, "files");
    await n.results(
      unit,
      [
        scanned("/srv/finance/a.txt", 10, {
          infoTypes: [{ sitId: "x", name: "Credit Card Number", count: 2, confidence: 85 }],
        }),
        scanned("/srv/finance/b.txt"),
      ],
      true,
    );

    const second = await startRun(b, jobId);
    const walk = await claimKind(n, "walk");
    await n.walk(walk, {
      dirs: [],
      batches: [{ index: 0, files: files("/srv/finance", ["a.txt", "b.txt"]) }],
      skipped: 0,
      done: true,
    });
    const again = await claimKind(n, "files");
    if (again.kind !== "files") throw new Error("files");
    expect(again.files.map((f) => f.previous)).toEqual([
      { size: 10, mtimeMs: 1_700_000_000_000, hash: "h-/srv/finance/a.txt" },
      { size: 10, mtimeMs: 1_700_000_000_000, hash: "h-/srv/finance/b.txt" },
    ]);
    const unchanged = {
      outcome: "unchanged" as const,
      size: 10,
      mtimeMs: 1_700_000_000_000,
      hash: "h-/srv/finance/a.txt",
      row: null,
    };
    await n.results(
      again,
      [{ path: "/srv/finance/a.txt", ...unchanged }, scanned("/srv/finance/b.txt")],
      true,
    );
    expect(await run(second)).toMatchObject({ status: "completed", filesDone: 2, filesUnchanged: 1 });
    const rows = (await adminCall(b, `/scan-jobs/runs/${second}/results`)).json.rows;
    expect(rows[0]).toMatchObject({
      path: "/srv/finance/a.txt",
      outcome: "unchanged",
      infoTypes: [{ name: "Credit Card Number", count: 2 }],
    });

    const full = await startRun(b, jobId, "?full=true");
    const fullWalk = await claimKind(n, "walk");
    await n.walk(fullWalk, {
      dirs: [],
      batches: [{ index: 0, files: files("/srv/finance", ["a.txt"]) }],
      skipped: 0,
      done: true,
    });
    const fresh = await claimKind(n, "files");
    if (fresh.kind !== "files") throw new Error("files");
    expect(fresh.files[0].previous).toBeNull();
    expect((await run(full)).fullRescan).toBe(true);
  });

  test("cancel: the run stops, its units are dropped, the holder is told by its heartbeat and refused", async () => {
    const { runId, n } = await walkedRun(["a.txt"]);
    const unit = await claimKind(n, "files");
    const cancelled = await adminCall(b, `/scan-jobs/runs/${runId}/cancel`, { method: "POST" });
    expect(cancelled.json).toMatchObject({ status: "cancelled" });
    expect((await adminCall(b, `/scan-jobs/runs/${runId}/cancel`, { method: "POST" })).status).toBe(409);
    expect((await n.heartbeat([unit.unitId])).json).toEqual({ dropUnits: [unit.unitId] });
    expect((await n.results(unit, [scanned("/srv/finance/a.txt")], true)).status).toBe(409);
    expect((await n.claim()).unit).toBeNull();
  });

  test("one run per job at a time; enforce without the tenant's configuration is refused", async () => {
    const jobId = await defineJob(b, { ...JOB, name: "once" });
    await startRun(b, jobId);
    const second = await adminCall(b, `/scan-jobs/${jobId}/runs`, { method: "POST" });
    expect(second.status).toBe(409);
    expect(second.json.code).toBe("scan-job-running");
    const enforce = await defineJob(b, { ...JOB, name: "enforce", mode: "enforce" });
    const refused = await adminCall(b, `/scan-jobs/${enforce}/runs`, { method: "POST" });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe("no-policy");
  });

  test("a schedule starts a run when its slot comes, once across calls, and moves to the next slot", async () => {
    const startAt = new Date(Date.now() - 12 * 60_000).toISOString();
    const jobId = await defineJob(b, { ...JOB, name: "nightly", schedule: { everyMinutes: 10, startAt } });
    const job = (await adminCall(b, `/scan-jobs/${jobId}`)).json;
    // 12 minutes after the start, on a 10-minute schedule: the next slot is 20 minutes after it.
    expect(Date.parse(job.nextRunAt)).toBe(Date.parse(startAt) + 20 * 60_000);
    expect(await b.server.app.scanJobs.background.startDueRuns()).toBe(0);

    const due = await defineJob(b, { ...JOB, name: "due now", schedule: { everyMinutes: 10 } });
    expect(await b.server.app.scanJobs.background.startDueRuns()).toBe(1);
    expect(await b.server.app.scanJobs.background.startDueRuns()).toBe(0);
    const runs = (await adminCall(b, `/scan-jobs/${due}/runs`)).json.runs;
    expect(runs).toEqual([expect.objectContaining({ trigger: "schedule", status: "running" })]);
    const next = (await adminCall(b, `/scan-jobs/${due}`)).json.nextRunAt;
    expect(Date.parse(next)).toBeGreaterThan(Date.now() + 9 * 60_000);
  });

  test("a job is deleted only when no run is going; its runs stay readable", async () => {
    const jobId = await defineJob(b, { ...JOB, name: "to delete" });
    const runId = await startRun(b, jobId);
    const refused = await adminCall(b, `/scan-jobs/${jobId}`, { method: "DELETE" });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe("scan-job-running");
    await adminCall(b, `/scan-jobs/runs/${runId}/cancel`, { method: "POST" });
    expect((await adminCall(b, `/scan-jobs/${jobId}`, { method: "DELETE" })).status).toBe(204);
    expect((await adminCall(b, `/scan-jobs/${jobId}`)).status).toBe(404);
    expect((await adminCall(b, `/scan-jobs/runs/${runId}`)).json.status).toBe("cancelled");
  });

  if (engineName === "SQLite")
    test("SQLite serves one node: a second live node is refused and told to use PostgreSQL", async () => {
      const first = await node();
      const second = await new HandNode(b, "second-node").register();
      expect(second.status).toBe(409);
      expect(second.json.message).toMatch(
        /node .* is already scanning: on SQLite the backend serves one scanner node/,
      );
      await first.leave();
      expect((await new HandNode(b, "second-node").register()).status).toBe(200);
      await new HandNode(b, "second-node").leave();
    });
});
