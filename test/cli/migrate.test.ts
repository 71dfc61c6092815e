/**
 * `labelbridge migrate` prepares a database before instances start: the main schema and the scan
 * jobs' own tables, so the first scanner node does not meet a half-made schema.
 */
import Database from "better-sqlite3";
import { join } from "node:path";
import { SCAN_JOB_MIGRATIONS } from "../../src/server/scanJobs/migrations";
import { MIGRATIONS } from "../../src/server/storage/migrations";
import { cleanup, requireFreshBuild, runCli, tempDir } from "./support/helpers";

let dir: string;
beforeAll(() => requireFreshBuild());
beforeEach(() => (dir = tempDir("lb-migrate-")));
afterEach(() => cleanup(dir));

test("creates the main schema and the scan jobs' tables on SQLite, and a second run changes nothing", () => {
  const env = { LABELBRIDGE_DATA_DIR: dir, DATABASE_URL: "", LABELBRIDGE_AUTH: "dev" };
  const first = runCli(["migrate"], { env, cwd: dir });
  expect(first.stderr).toBe("");
  expect(first.stdout).toBe(`SQLite ${join(dir, "labelbridge.db")}: schema up to date\n`);
  expect(runCli(["migrate"], { env, cwd: dir }).status).toBe(0);

  const db = new Database(join(dir, "labelbridge.db"), { readonly: true });
  try {
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining(["policy_versions", "audit_events", "scan_jobs", "scan_units"]),
    );
    const applied = (n: string) =>
      (db.prepare(`SELECT id FROM ${n} ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
    // Every migration of both sets, whatever their number.
    const ids = (set: readonly { id: number }[]) => set.map((m) => m.id).sort((a, b) => a - b);
    expect(applied("schema_migrations")).toEqual(ids(MIGRATIONS));
    expect(applied("scan_job_migrations")).toEqual(ids(SCAN_JOB_MIGRATIONS));
  } finally {
    db.close();
  }
});
