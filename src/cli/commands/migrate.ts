/**
 * `labelbridge migrate`: applies the database migrations (and, with --seed, the default taxonomy)
 * and exits — the step to run once before rolling out several instances on one PostgreSQL.
 */
import type { Command } from "commander";
import { loadConfig } from "../../server/config";
import { migrateScanJobTables } from "../../server/scanJobs";
import { seedDefaultPolicies } from "../../server/seed";
import { describeStore, openStore } from "../../server/storage/open";

export function register(program: Command): void {
  program
    .command("migrate")
    .description("Create or update the server's database schema (DATABASE_URL, else SQLite under ./data)")
    .option(
      "--seed",
      "also give every tenant in LABELBRIDGE_TENANTS the default labels if it has no configuration",
    )
    .action(async (options: { seed?: boolean }) => {
      const config = loadConfig();
      const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await store.migrate();
        await migrateScanJobTables(store);
        const seeded = options.seed ? await seedDefaultPolicies(store, config.auth.tenants) : [];
        process.stdout.write(
          `${describeStore(config)}: schema up to date${seeded.length ? `; seeded ${seeded.join(", ")}` : ""}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
