/**
 * A database made before the file state was folded into the result rows (scan job migration 1,
 * with scan_file_state) upgrades in place: the next incremental run still hands out each file's
 * last size, mtime and hash, and a file reported unchanged keeps its last row.
 */
import type { ClaimedUnit } from "../../../src/server/scanJobs/wire";
import { SCAN_JOB_MIGRATIONS, migrateScanJobs } from "../../../src/server/scanJobs/migrations";
import type { SqlConnection } from "../../../src/server/storage/sql";
import { ENGINES } from "../support/engines";
import { type Backend, HandNode, adminCall, defineJob, scanned, startBackend, startRun } from "./support";

const JOB = { name: "Upgraded share", repositories: [{ path: "/srv/old" }] };
const FILES = ["/srv/old/a.txt", "/srv/old/b.txt"];

async function claimKind(node: HandNode, kind: ClaimedUnit["kind"]): Promise<ClaimedUnit> {
  const answer = await node.claim();
  if (!answer.unit || answer.unit.kind !== kind)
    throw new Error(`expected a ${kind} unit, got ${JSON.stringify(answer.unit)}`);
  return answer.unit;
}

async function walkAndClaim(n: HandNode): Promise<Extract<ClaimedUnit, { kind: "files" }>> {
  const walk = await claimKind(n, "walk");
  await n.walk(walk, {
    dirs: [],
    batches: [{ index: 0, files: FILES.map((path) => ({ path, size: 10, type: "txt" })) }],
    skipped: 0,
    done: true,
  });
  const unit = await claimKind(n, "files");
  if (unit.kind !== "files") throw new Error("files");
  return unit;
}

/** Puts the scan tables back as migration 1 left them: the file state in its own table. */
async function downgradeToFirstMigration(db: SqlConnection): Promise<void> {
  const createFileState = SCAN_JOB_MIGRATIONS[0].statements.find((s) => s.includes("scan_file_state"))!;
  await db.run(createFileState);
  await db.run(
    `INSERT INTO scan_file_state (tenant_id, job_id, path, size, mtime_ms, content_hash, fingerprint, run_id)
     SELECT r.tenant_id, u.job_id, r.path, r.size, r.mtime_ms, r.content_hash, u.fingerprint, r.run_id
     FROM scan_results r JOIN scan_runs u ON u.tenant_id = r.tenant_id AND u.run_id = r.run_id
     WHERE r.content_hash IS NOT NULL`,
  );
  await db.run(`ALTER TABLE scan_results DROP COLUMN mtime_ms`);
  await db.run(`ALTER TABLE scan_results DROP COLUMN content_hash`);
  await db.run(`DELETE FROM scan_job_migrations WHERE id > 1`);
}

describe.each(ENGINES)("scan job tables upgraded on %s", (_engineName, factory) => {
  let b: Backend;
  beforeAll(async () => {
    b = await startBackend(factory);
  });
  afterAll(async () => b?.close());

  test("a job scanned before the upgrade: its next incremental run skips the unchanged files", async () => {
    const jobId = await defineJob(b, JOB);
    const n = new HandNode(b, "upgrader");
    expect((await n.register()).status).toBe(200);
    await startRun(b, jobId);
    const first = await walkAndClaim(n);
    await n.results(first, [scanned(FILES[0], 10, { reason: "found before" }), scanned(FILES[1])], true);

    const db = (b.store as unknown as { connection: SqlConnection }).connection;
    await downgradeToFirstMigration(db);
    await migrateScanJobs(db);
    expect(await db.query(`SELECT id FROM scan_job_migrations ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }]);

    const second = await startRun(b, jobId);
    const unit = await walkAndClaim(n);
    expect(unit.files.map((f) => f.previous)).toEqual(
      FILES.map((path) => ({ size: 10, mtimeMs: 1_700_000_000_000, hash: `h-${path}` })),
    );
    const unchanged = FILES.map((path) => ({
      path,
      outcome: "unchanged" as const,
      size: 10,
      mtimeMs: 1_700_000_000_000,
      hash: `h-${path}`,
      row: null,
    }));
    expect((await n.results(unit, unchanged, true)).status).toBe(200);
    const run = (await adminCall(b, `/scan-jobs/runs/${second}`)).json;
    expect(run).toMatchObject({ status: "completed", filesDone: 2, filesUnchanged: 2 });
    const rows = (await adminCall(b, `/scan-jobs/runs/${second}/results`)).json.rows;
    expect(rows[0]).toMatchObject({ path: FILES[0], outcome: "unchanged", reason: "found before" });
    await n.leave();
  });
});
