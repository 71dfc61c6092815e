/**
 * PostgreSQL's CPU per result row for ways of inserting a report's rows (issue 17 item 1, rounds 2
 * and 4; the "packed" variants store the files without findings as one row per batch, a storage
 * shape not in the code, to measure what it would save):
 *   node bench/run.cjs bench/scanner/resultsInsert.ts [--rows 50000] [--rounds 3]
 *
 * The scan jobs' own schema (SCAN_JOB_MIGRATIONS) in a schema of its own (dropped at the end), rows
 * of 500 like the cluster bench's notes (bench/scanner/clusterCorpus.ts), one transaction per batch.
 * Each variant runs once per round, in turn, on a fresh table; CPU is the serving PostgreSQL
 * process's (/proc/<pid>/stat, 10 ms ticks), so use enough rows for the ticks to add up.
 */
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { SCAN_JOB_MIGRATIONS } from "../../src/server/scanJobs/migrations";
import { processCpuMs } from "./processCpu";

const DATABASE_URL =
  process.env.LABELBRIDGE_TEST_DATABASE_URL ||
  "postgres://labelbridge:labelbridge@127.0.0.1:5432/labelbridge_test";
const BATCH = 500;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** A row's own values, as resultsStore.ts's ownValues gives them for a note without findings. */
function ownValues(batch: number, i: number): unknown[] {
  const path = `/srv/share/folder-${String(batch).padStart(4, "0")}/note-${batch * BATCH + i}.txt`;
  const row = JSON.stringify({ action: "none", fileType: "text", reason: "no information type found" });
  const hash = randomBytes(32).toString("hex");
  return [path, "scanned", "none", null, 150 + (i % 40), row, null, null, 0, 1733450000000 + i, hash];
}
const OWN = ["path", "outcome", "action", "error", "size", "row_json", "audit_json", "audit_author"];
const OWN_ALL = [...OWN, "audit_pending", "mtime_ms", "content_hash"];
const TYPES: Record<string, string> = { size: "bigint", audit_pending: "int", mtime_ms: "bigint" };
const ARRAY_SELECT = OWN_ALL.map((c, i) => `(v->>${i})::${TYPES[c] ?? "text"}`).join(", ");

interface Variant {
  name: string;
  sql: string;
  /** The shared values' parameters ($1–$5: tenant, run, unit, node, time) the statement uses. */
  param: (rows: unknown[][]) => string;
  /** Run on the fresh table before the variant's inserts. */
  prepare?: string;
  /** A second statement per batch: its SQL and its parameter from the batch's rows. */
  then?: { sql: string; param: (rows: unknown[][]) => string };
}

/** Every tenth row keeps its own row (the notes with a card number); the rest go in one pack. */
const OWN_ROW = (_row: unknown[], i: number) => i % 10 === 0;
/** A pack's entry: path, size, mtime, hash (ownValues' 0, 4, 9, 10). */
const packEntry = (r: unknown[]) => [r[0], r[4], r[9], r[10]];

/** The packed variants' table: one row per batch of files without findings. */
const PACKS_TABLE = `CREATE TABLE scan_result_packs (tenant_id TEXT NOT NULL, run_id TEXT NOT NULL, unit_id TEXT NOT NULL,
      first_path TEXT NOT NULL, last_path TEXT NOT NULL, node TEXT NOT NULL, files INTEGER NOT NULL,
      bytes BIGINT NOT NULL, committed_at TEXT NOT NULL, entries TEXT NOT NULL,
      PRIMARY KEY (run_id, unit_id, first_path))`;

/** The packed variants' insert of the rows kept one per file (OWN_ROW). */
const OWN_ROWS: Pick<Variant, "sql" | "param"> = {
  sql: `INSERT INTO scan_results (tenant_id, run_id, unit_id, node, committed_at, ${OWN_ALL.join(", ")})
      SELECT $1::text, $2::text, $3::text, $4::text, $5::text, ${ARRAY_SELECT}
      FROM jsonb_array_elements($6::jsonb) AS v ON CONFLICT (run_id, path) DO NOTHING RETURNING path`,
  param: (rows) => JSON.stringify(rows.filter(OWN_ROW)),
};

const VARIANTS: Variant[] = [
  {
    name: "jsonb array of arrays (as shipped)",
    sql: `INSERT INTO scan_results (tenant_id, run_id, unit_id, node, committed_at, ${OWN_ALL.join(", ")})
      SELECT $1::text, $2::text, $3::text, $4::text, $5::text, ${ARRAY_SELECT}
      FROM jsonb_array_elements($6::jsonb) AS v ON CONFLICT (run_id, path) DO NOTHING RETURNING path`,
    param: (rows) => JSON.stringify(rows),
  },
  {
    name: "json array of arrays",
    sql: `INSERT INTO scan_results (tenant_id, run_id, unit_id, node, committed_at, ${OWN_ALL.join(", ")})
      SELECT $1::text, $2::text, $3::text, $4::text, $5::text, ${ARRAY_SELECT}
      FROM json_array_elements($6::json) AS v ON CONFLICT (run_id, path) DO NOTHING RETURNING path`,
    param: (rows) => JSON.stringify(rows),
  },
  {
    name: "json_to_recordset of objects",
    sql: `INSERT INTO scan_results (tenant_id, run_id, unit_id, node, committed_at, ${OWN_ALL.join(", ")})
      SELECT $1::text, $2::text, $3::text, $4::text, $5::text, ${OWN_ALL.map((c) => `x.${c}`).join(", ")}
      FROM json_to_recordset($6::json) AS x(${OWN_ALL.map((c) => `${c} ${TYPES[c] ?? "text"}`).join(", ")})
      ON CONFLICT (run_id, path) DO NOTHING RETURNING path`,
    param: (rows) => JSON.stringify(rows.map((r) => Object.fromEntries(OWN_ALL.map((c, i) => [c, r[i]])))),
  },
  {
    name: "narrower: no unit, no time per row",
    prepare: `ALTER TABLE scan_results ALTER COLUMN unit_id DROP NOT NULL, ALTER COLUMN committed_at DROP NOT NULL`,
    sql: `INSERT INTO scan_results (tenant_id, run_id, node, ${OWN_ALL.join(", ")})
      SELECT $1::text, $2::text, $4::text, ${ARRAY_SELECT}
      FROM jsonb_array_elements($6::jsonb) AS v WHERE $3::text IS NOT NULL AND $5::text IS NOT NULL
      ON CONFLICT (run_id, path) DO NOTHING RETURNING path`,
    param: (rows) => JSON.stringify(rows),
  },
  {
    name: "packed: 1 row in 10 as shipped, the rest one row per batch",
    prepare: PACKS_TABLE,
    ...OWN_ROWS,
    then: {
      sql: `INSERT INTO scan_result_packs (tenant_id, run_id, unit_id, node, committed_at, first_path, last_path,
          files, bytes, entries)
        SELECT $1, $2, $3, $4, $5, e->0->>0, e->-1->>0, jsonb_array_length(e), 0, $6
        FROM (SELECT $6::jsonb AS e) AS p ON CONFLICT DO NOTHING`,
      param: (rows) => JSON.stringify(rows.filter((r, i) => !OWN_ROW(r, i)).map(packEntry)),
    },
  },
  clientKeyedPacks("packed, the pack's keys computed by the client", ""),
  clientKeyedPacks(
    "packed, keys by the client, entries not compressed",
    ";\n      ALTER TABLE scan_result_packs ALTER COLUMN entries SET STORAGE EXTERNAL",
  ),
];

/** A packed variant whose pack row (first and last path, files, bytes, entries) the client computes. */
function clientKeyedPacks(name: string, afterCreate: string): Variant {
  return {
    name,
    prepare: PACKS_TABLE + afterCreate,
    ...OWN_ROWS,
    then: {
      sql: `INSERT INTO scan_result_packs (tenant_id, run_id, unit_id, node, committed_at, first_path, last_path,
          files, bytes, entries)
        SELECT $1, $2, $3, $4, $5, p->>0, p->>1, (p->>2)::int, (p->>3)::bigint, p->>4
        FROM (SELECT $6::json AS p) AS x ON CONFLICT DO NOTHING`,
      param: (rows) => {
        const packed = rows.filter((r, i) => !OWN_ROW(r, i));
        const bytes = packed.reduce((n, r) => n + Number(r[4]), 0);
        const entries = JSON.stringify(packed.map(packEntry));
        return JSON.stringify([packed[0][0], packed[packed.length - 1][0], packed.length, bytes, entries]);
      },
    },
  };
}

async function main(): Promise<void> {
  const total = option("rows", 50_000);
  const rounds = option("rounds", 3);
  const schema = `lb_bench_${randomBytes(6).toString("hex")}`;
  const c = new Client({ connectionString: DATABASE_URL });
  await c.connect();
  const pid = (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
  const batches = Array.from({ length: Math.ceil(total / BATCH) }, (_, b) =>
    Array.from({ length: BATCH }, (_, i) => ownValues(b, i)),
  );
  const out: Array<Record<string, unknown>> = [];
  try {
    for (let round = 1; round <= rounds; round++)
      for (const v of VARIANTS) {
        await c.query(
          `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path = ${schema}`,
        );
        for (const m of SCAN_JOB_MIGRATIONS) for (const s of m.statements) await c.query(s);
        if (v.prepare) await c.query(v.prepare);
        const startCpu = processCpuMs(pid) ?? NaN;
        const startClient = process.cpuUsage();
        const start = process.hrtime.bigint();
        for (const [b, rows] of batches.entries()) {
          await c.query("BEGIN");
          const shared = ["t", "run-0001", `unit-${b}`, "node-1", new Date().toISOString()];
          await c.query(v.sql, [...shared, v.param(rows)]);
          if (v.then) await c.query(v.then.sql, [...shared, v.then.param(rows)]);
          await c.query("COMMIT");
        }
        const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
        const rowsDone = batches.length * BATCH;
        const client = process.cpuUsage(startClient);
        out.push({
          round,
          variant: v.name,
          postgresUsPerRow: +((((processCpuMs(pid) ?? NaN) - startCpu) * 1000) / rowsDone).toFixed(1),
          wallUsPerRow: +((wallMs * 1000) / rowsDone).toFixed(1),
          clientUsPerRow: +((client.user + client.system) / rowsDone).toFixed(1),
        });
      }
  } finally {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
  console.table(out);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
