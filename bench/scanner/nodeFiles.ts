/**
 * A scanner node's own CPU per file, without the backend (issue 17 item 1, round 3):
 *   node bench/run.cjs bench/scanner/nodeFiles.ts [--files 20000] [--bytes 0] [--rounds 3]
 *
 * The cluster corpus (bench/scanner/clusterCorpus.ts) walked and scanned in this process by the
 * node's own unit code (src/cli/scanner/units.ts: listFolder, checkFile, the in-process scanner of
 * `--jobs 1`, the reporter), two units held at once as a node holds them; the client is a stand-in
 * that serialises each report as the real one does and sends nothing. What the cluster bench's
 * node column shows, less the HTTP client and the process's start: CPU per file from
 * process.cpuUsage (all the process's threads, the garbage collector's included).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { inProcessScanner } from "../../src/cli/scan/pool";
import { DEFAULT_SCAN_SETTINGS, type ScanSettings } from "../../src/cli/scan/scanFile";
import type { ScannerClient } from "../../src/cli/scanner/client";
import { Slots, type UnitDeps, runFilesUnit, runWalkUnit } from "../../src/cli/scanner/units";
import type { RunSpec, UnitFile, WalkReport } from "../../src/server/scanJobs/wire";
import { FILES_PER_FOLDER, writeClusterCorpus } from "./clusterCorpus";

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const SETTINGS: ScanSettings = {
  ...DEFAULT_SCAN_SETTINGS,
  identity: { name: "bench", principalName: "bench" },
};

async function round(root: string, folders: number): Promise<Record<string, number>> {
  const batches: UnitFile[][] = [];
  let bytesSent = 0;
  const client = {
    results: async (_r: string, _u: string, claim: number, results: unknown[], done: boolean) => {
      bytesSent += JSON.stringify({ claim, results, done }).length;
      return { stored: results.length, duplicates: 0 };
    },
    walk: async (_r: string, _u: string, report: WalkReport) => {
      bytesSent += JSON.stringify(report).length;
      for (const b of report.batches) batches.push(b.files.map((f) => ({ ...f, previous: null })));
    },
  } as unknown as ScannerClient;
  const deps: UnitDeps = {
    client,
    spec: { include: [], exclude: [], filesPerUnit: 500 } as unknown as RunSpec,
    scanner: inProcessScanner(SETTINGS),
    slots: new Slots(2),
    counters: { filesDone: 0, bytesDone: 0, errors: 0 },
    dropped: () => false,
  };
  const start = process.cpuUsage();
  const wallStart = performance.now();
  for (let i = 0; i < folders; i++) {
    const rel = `folder-${String(i).padStart(3, "0")}`;
    await runWalkUnit(
      { kind: "walk", runId: "r", unitId: `w${i}`, claim: 1, root, dir: join(root, rel), rel },
      deps,
    );
  }
  const walked = process.cpuUsage(start);
  const holder = async () => {
    for (let files = batches.shift(); files; files = batches.shift())
      await runFilesUnit({ kind: "files", runId: "r", unitId: "u", claim: 1, files }, deps);
  };
  await Promise.all([holder(), holder()]);
  const cpu = process.cpuUsage(start);
  const files = deps.counters.filesDone;
  return {
    files,
    errors: deps.counters.errors,
    walkUsPerFile: +((walked.user + walked.system) / files).toFixed(1),
    cpuUsPerFile: +((cpu.user + cpu.system) / files).toFixed(1),
    wallUsPerFile: +(((performance.now() - wallStart) * 1000) / files).toFixed(1),
    reportBytesPerFile: Math.round(bytesSent / files),
  };
}

async function main(): Promise<void> {
  const files = option("files", 20_000);
  const scratch = mkdtempSync(join(os.tmpdir(), "lb-bench-nodefiles-"));
  try {
    writeClusterCorpus(scratch, files, option("bytes", 0));
    const folders = Math.ceil(files / FILES_PER_FOLDER);
    const rows = [];
    for (let i = 0; i < option("rounds", 3); i++)
      rows.push({ load: +os.loadavg()[0].toFixed(2), ...(await round(scratch, folders)) });
    console.table(rows);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
