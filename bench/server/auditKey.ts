/**
 * The cost of audit_events' key on SQLite: `node bench/run.cjs bench/server/auditKey.ts [--events 400000]
 * [--round 50000]`. Two fresh databases in the same run, one keyed by (tenant, id) as migrations 1–5
 * left it, one by (tenant, time, id) (migration 6), loaded in alternating rounds through
 * Store.recordAudit with live events (the last hour, random UUIDs, 100 a batch, 10 batches at once),
 * so each round's rates compare at the same size and the same moment's load.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AuditEvent } from "../../src/core/audit";
import { MIGRATIONS } from "../../src/server/storage/migrations";
import { applyMigrations, type SqlStore } from "../../src/server/storage/sql";
import { openSqliteStore } from "../../src/server/storage/sqlite";
import { arg, machine } from "./common";

const TENANT = randomUUID();
const TYPES = [
  "label-applied",
  "label-applied",
  "label-changed",
  "send-blocked",
  "unlabeled-document",
] as const;

function event(now: number): AuditEvent {
  const type = TYPES[Math.floor(Math.random() * TYPES.length)];
  return {
    id: randomUUID(),
    type,
    time: new Date(now - Math.floor(Math.random() * 3_600_000)).toISOString(),
    app: "Word",
    labelId: randomUUID().slice(0, 4),
    oldLabelId: null,
    method: null,
    actionSource: "manual",
    downgrade: false,
    justification: null,
    itemName: `Item ${Math.floor(Math.random() * 1e6)}.docx`,
  } as AuditEvent;
}

async function round(store: SqlStore, count: number): Promise<number> {
  const started = performance.now();
  const author = { userId: randomUUID(), userName: "bench@contoso.com", groups: ["g1"] };
  for (let stored = 0; stored < count; stored += 1000) {
    const now = Date.now();
    await Promise.all(
      Array.from({ length: 10 }, () =>
        store.recordAudit(
          TENANT,
          author,
          Array.from({ length: 100 }, () => event(now)),
          new Date().toISOString(),
        ),
      ),
    );
  }
  return count / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const total = Number(arg("events", "400000"));
  const size = Number(arg("round", "50000"));
  console.log(`machine: ${machine()}`);
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), "lb-bench-key-")));
  const variants = [
    { name: "(tenant, id)", last: 5 },
    { name: "(tenant, time, id)", last: 6 },
  ].map((v, i) => ({ ...v, store: openSqliteStore({ path: join(dirs[i], "labelbridge.db") }) }));
  for (const v of variants)
    await applyMigrations(
      v.store.connection,
      "schema_migrations",
      MIGRATIONS.filter((m) => m.id <= v.last),
    );
  console.log(`\nevents/s per round of ${size}, keyed by ${variants.map((v) => v.name).join(" vs ")}`);
  for (let loaded = 0; loaded < total; loaded += size) {
    const rates: number[] = [];
    // Alternate which goes first, so neither always meets the other's leftover checkpoint.
    const order = (loaded / size) % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) rates[i] = await round(variants[i].store, size);
    console.log(
      `  ${loaded + size} events each: ${rates.map((r) => Math.round(r)).join(" vs ")}, ratio ${(rates[1] / rates[0]).toFixed(2)}`,
    );
  }
  for (const v of variants) await v.store.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  console.log(`\nmachine after: ${machine()}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
