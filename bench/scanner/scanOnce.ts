/**
 * One measured scan in a process of its own (so peak RSS is the scan's, not the generator's):
 *   node bench/run.cjs bench/scanner/scanOnce.ts --root DIR --mode discover|enforce [--policy FILE]
 *     [--jobs N] [--rows OUT.json] [--treat-recommended-as-automatic]
 * Worker threads run the compiled worker (build/cli/scan/worker.js): `npm run build:node` first.
 * Prints one JSON line: wall ms, CPU ms (all threads), files, bytes, peak RSS, action counts.
 * The heaps are bounded as `labelbridge scan` bounds them (heapBounds.ts), so time and memory are the CLI's.
 */
import { availableParallelism } from "node:os";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CONTENT_LIMITS } from "../../src/cli/scan/content";
import { runScan } from "../../src/cli/scan/engine";
import { boundScanHeaps } from "../../src/cli/scan/heapBounds";
import { workerScanner } from "../../src/cli/scan/pool";
import { loadPolicyFile } from "../../src/cli/scan/policySource";
import type { ScanSettings } from "../../src/cli/scan/scanFile";

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const root = arg("root");
  if (!root) throw new Error("--root DIR is required");
  const mode = (arg("mode") ?? "discover") as "discover" | "enforce";
  const policyFile = arg("policy");
  const jobs = Number(arg("jobs") ?? availableParallelism());
  boundScanHeaps();
  const settings: ScanSettings = {
    mode,
    policy: policyFile ? loadPolicyFile(policyFile, undefined, mode === "discover") : null,
    relabel: false,
    justification: null,
    treatRecommendedAsAutomatic: process.argv.includes("--treat-recommended-as-automatic"),
    dryRun: false,
    limits: DEFAULT_CONTENT_LIMITS,
    identity: { name: "bench", principalName: "bench" },
  };
  const scanner = workerScanner(settings, {
    workers: jobs,
    fileTimeoutMs: 600_000,
    maxHeapMb: 2048,
    workerPath: join(__dirname, "..", "..", "build", "cli", "scan", "worker.js"),
  });
  const rowsOut = arg("rows");
  const rows: unknown[] = [];
  const actions: Record<string, number> = {};
  let errors = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await runScan({
    roots: [root],
    include: [],
    exclude: [],
    scanner,
    onRow: (r) => {
      actions[r.action] = (actions[r.action] ?? 0) + 1;
      if (r.error !== null) errors++;
      if (rowsOut)
        rows.push({
          path: r.path,
          action: r.action,
          error: r.error,
          warnings: r.warnings,
          infoTypes: r.infoTypes,
        });
    },
  });
  const ms = performance.now() - started;
  await scanner.close();
  // RUSAGE_SELF: every thread of this process, the workers included.
  const cpu = process.cpuUsage(cpuBefore);
  if (rowsOut) writeFileSync(rowsOut, JSON.stringify(rows));
  console.log(
    JSON.stringify({
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      files: result.filesScanned,
      bytes: result.bytesScanned,
      errors,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      actions,
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
