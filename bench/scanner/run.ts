/**
 * Scanner benchmark:
 *   npm run bench:scanner -- [--seed 42] [--files 600] [--mb 48] [--jobs N]
 *   (= npm run build:node && node bench/run.cjs bench/scanner/run.ts …)
 *
 * 1. Generates a seeded corpus of docx/xlsx/pptx/txt/eml with planted numbers (ground truth known).
 * 2. `scan --mode discover` over it (worker threads, own process): MB/s, files/s, peak RSS.
 * 3. Precision and recall of the per-file counts against the ground truth, and extraction fidelity:
 *    the scanner's counts against core detection over each file's source text.
 * 4. The same text extracted to plain files: ripgrep (-P, the detector's own candidate patterns, one
 *    pass per type as the detector does) against the scanner over those files and over the corpus.
 * 5. `scan --mode enforce` over a copy (every recommended label applied), then again: the second run
 *    must change no byte.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, relative } from "node:path";
import { SENSITIVE_INFO_TYPES, detectSensitiveInfo } from "../../src/core/detect";
import { ruleFor } from "../../src/core/detect/detect";
import { defaultTenantPolicy, tenantPolicySchema } from "../../src/core/policy";
import { plantedText } from "../lib/plantedText";
import { readMail } from "../../src/cli/formats/eml";
import { openOfficePackage, packageText } from "../../src/cli/ooxml/officeFile";
import { bufferSource } from "../../src/cli/ooxml/source";
import { type CorpusFile, generateCorpus } from "./corpus";

const MiB = 1024 * 1024;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

interface ScanFigures {
  ms: number;
  cpuMs: number;
  files: number;
  bytes: number;
  errors: number;
  peakRssMb: number;
  actions: Record<string, number>;
}

interface RowLite {
  path: string;
  action: string;
  error: string | null;
  infoTypes: Array<{ sitId: string; count: number; confidence: number }>;
}

const repo = join(__dirname, "..", "..");

function scanOnce(args: string[]): ScanFigures {
  const out = execFileSync(
    process.execPath,
    [join(repo, "bench", "run.cjs"), join(repo, "bench", "scanner", "scanOnce.ts"), ...args],
    {
      encoding: "utf8",
      maxBuffer: 64 * MiB,
    },
  );
  return JSON.parse(out.trim().split("\n").pop() as string) as ScanFigures;
}

/** The text the scanner reads from each file, written as plain files for ripgrep. */
async function extractText(corpus: CorpusFile[], corpusDir: string, textDir: string): Promise<number> {
  let bytes = 0;
  for (const f of corpus) {
    const raw = readFileSync(f.path);
    let text: string;
    if (f.type === "txt") text = raw.toString("utf8");
    else if (f.type === "eml") {
      const mail = readMail(raw);
      const attached: string[] = [];
      for (const a of mail.attachments)
        attached.push((await packageText(openOfficePackage(bufferSource(a.bytes)))).text);
      text = [...mail.texts, ...attached].join("\n");
    } else text = (await packageText(openOfficePackage(bufferSource(raw)))).text;
    const out = join(textDir, relative(corpusDir, f.path) + ".txt");
    mkdirSync(join(out, ".."), { recursive: true });
    writeFileSync(out, text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

/** Wall and CPU time (bash's `time`: rg's user + sys over all its threads) of the six passes. */
function ripgrep(textDir: string, jobs: number): { ms: number; cpuMs: number; matches: number } {
  let ms = 0;
  let cpuMs = 0;
  let matches = 0;
  for (const type of SENSITIVE_INFO_TYPES) {
    const pattern = ruleFor(type.id)!.candidatePattern.source;
    const quoted = `'${pattern.replace(/'/g, "'\\''")}'`;
    const script = `TIMEFORMAT='%3R %3U %3S'; time rg -P --no-config --no-ignore --hidden -j ${jobs} -c -e ${quoted} '${textDir}'`;
    const r = spawnSync("bash", ["-c", script], { encoding: "utf8", maxBuffer: 64 * MiB });
    if (r.status !== 0 && r.status !== 1) throw new Error(`rg failed: ${r.stderr}`);
    const [real, user, sys] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
    ms += real * 1000;
    cpuMs += (user + sys) * 1000;
    for (const line of r.stdout.split("\n")) {
      const n = Number(line.slice(line.lastIndexOf(":") + 1));
      if (line && Number.isFinite(n)) matches += n;
    }
  }
  return { ms, cpuMs, matches };
}

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else out.set(p, createHash("sha256").update(readFileSync(p)).digest("hex"));
    }
  };
  visit(dir);
  return out;
}

interface Tally {
  truth: number;
  found: number;
  tp: number;
}

function tally(rows: RowLite[], expected: Map<string, Record<string, number>>): Map<string, Tally> {
  const byType = new Map<string, Tally>(
    SENSITIVE_INFO_TYPES.map((t) => [t.id, { truth: 0, found: 0, tp: 0 }]),
  );
  for (const row of rows) {
    const want = expected.get(row.path) ?? {};
    for (const t of SENSITIVE_INFO_TYPES) {
      const truth = want[t.id] ?? 0;
      const found = row.infoTypes.find((x) => x.sitId === t.id)?.count ?? 0;
      const s = byType.get(t.id)!;
      s.truth += truth;
      s.found += found;
      s.tp += Math.min(truth, found);
    }
  }
  return byType;
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
const f3 = (x: number) => x.toFixed(3);

async function main(): Promise<void> {
  const seed = option("seed", 42);
  const files = option("files", 600);
  const mb = option("mb", 48);
  const jobs = option("jobs", os.availableParallelism());
  const cpus = os.cpus();
  const rg = spawnSync("rg", ["--version"], { encoding: "utf8" }).stdout.split("\n")[0];
  console.log(
    `machine: ${cpus[0]?.model ?? "unknown"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, node ${process.version}, ${rg}`,
  );
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );

  const base = join(os.tmpdir(), `labelbridge-bench-scanner-${seed}`);
  rmSync(base, { recursive: true, force: true });
  const corpusDir = join(base, "corpus");
  const textDir = join(base, "text");
  const enforceDir = join(base, "enforce");
  let t = performance.now();
  const corpus = generateCorpus(corpusDir, { seed, files, mb });
  const corpusBytes = corpus.reduce((s, f) => s + f.bytes, 0);
  const sourceChars = corpus.reduce((s, f) => s + f.chars, 0);
  const byType: Record<string, number> = {};
  for (const f of corpus) byType[f.type] = (byType[f.type] ?? 0) + 1;
  console.log(
    `corpus: ${corpus.length} files (${Object.entries(byType)
      .map(([k, v]) => `${v} ${k}`)
      .join(
        ", ",
      )}), ${(corpusBytes / MiB).toFixed(1)} MB on disk, ${(sourceChars / MiB).toFixed(1)} MB of text, seed ${seed}, generated in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  t = performance.now();
  const textBytes = await extractText(corpus, corpusDir, textDir);
  console.log(
    `text extracted to plain files: ${(textBytes / MiB).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const policy = join(base, "policy.json");
  const tenant = defaultTenantPolicy();
  writeFileSync(
    policy,
    JSON.stringify(
      tenantPolicySchema.parse({ ...tenant, policies: [{ ...tenant.policies[0], phase: "enforce" }] }),
    ),
  );

  // Discover over the corpus.
  const discoverRows = join(base, "discover-rows.json");
  const discover = scanOnce([
    "--root",
    corpusDir,
    "--mode",
    "discover",
    "--jobs",
    String(jobs),
    "--rows",
    discoverRows,
  ]);
  // The scanner over the extracted plain text (what ripgrep reads).
  const plain = scanOnce(["--root", textDir, "--mode", "discover", "--jobs", String(jobs)]);
  const grep = ripgrep(textDir, jobs);

  // Enforce over a copy, then again.
  cpSync(corpusDir, enforceDir, { recursive: true });
  const enforceArgs = [
    "--root",
    enforceDir,
    "--mode",
    "enforce",
    "--policy",
    policy,
    "--jobs",
    String(jobs),
    "--treat-recommended-as-automatic",
  ];
  const enforce = scanOnce(enforceArgs);
  const afterFirst = snapshot(enforceDir);
  const again = scanOnce(enforceArgs);
  const afterSecond = snapshot(enforceDir);
  const changedBySecond = [...afterFirst].filter(([p, h]) => afterSecond.get(p) !== h).length;

  // Accuracy.
  const rows = JSON.parse(readFileSync(discoverRows, "utf8")) as RowLite[];
  const truth = new Map(corpus.map((f) => [f.path, f.truth]));
  const accuracy = tally(rows, truth);
  // Fidelity: core detection over each file's own source text, regenerated from the same seed.
  const reference = new Map<string, Record<string, number>>();
  corpus.forEach((f, i) => {
    const { text } = plantedText({ seed: seed * 100_003 + i, chars: f.chars });
    const counts: Record<string, number> = {};
    for (const d of detectSensitiveInfo(text, { maxChars: text.length, maxInstancesPerType: 1e9 }).detections)
      counts[d.sitId] = d.count;
    reference.set(f.path, counts);
  });
  const fidelity = tally(rows, reference);

  const mbps = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);
  const fps = (n: number, ms: number) => n / (ms / 1000);
  console.log(
    `\nthroughput (${jobs} worker threads; MB = 2^20 bytes; whole scan incl. walking and worker start; CPU = all threads):`,
  );
  console.log(
    `  ${"".padEnd(36)} ${"files".padStart(6)} ${"MB".padStart(6)} ${"wall s".padStart(7)} ${"MB/s".padStart(6)} ${"files/s".padStart(8)} ${"CPU s".padStart(6)} ${"MB/CPU-s".padStart(9)} ${"peak RSS".padStart(9)} errors`,
  );
  const line = (name: string, f: ScanFigures) =>
    console.log(
      `  ${name.padEnd(36)} ${String(f.files).padStart(6)} ${(f.bytes / MiB).toFixed(1).padStart(6)} ${(f.ms / 1000).toFixed(2).padStart(7)} ${mbps(f.bytes, f.ms).toFixed(1).padStart(6)} ${fps(f.files, f.ms).toFixed(0).padStart(8)} ${(f.cpuMs / 1000).toFixed(2).padStart(6)} ${mbps(f.bytes, f.cpuMs).toFixed(1).padStart(9)} ${`${f.peakRssMb.toFixed(0)} MB`.padStart(9)} ${f.errors}`,
    );
  line("discover, corpus", discover);
  line("discover, extracted plain text", plain);
  line("enforce, corpus copy (first run)", enforce);
  line("enforce, same copy again", again);
  console.log(
    `  enforce actions: ${JSON.stringify(enforce.actions)}; second run: ${JSON.stringify(again.actions)}, files changed by it: ${changedBySecond}`,
  );

  console.log(
    `\nripgrep over the extracted text (rg -P, the detector's 6 candidate patterns, one pass each, -j ${jobs}):`,
  );
  console.log(
    `  ${(textBytes / MiB).toFixed(1)} MB: ${(grep.ms / 1000).toFixed(2)} s wall = ${mbps(textBytes, grep.ms).toFixed(1)} MB/s; ${(grep.cpuMs / 1000).toFixed(2)} CPU s = ${mbps(textBytes, grep.cpuMs).toFixed(1)} MB/CPU-s; ${grep.matches} candidate matches`,
  );
  console.log("  ratio scanner / ripgrep (ripgrep time ÷ scanner time; 1 = as fast)          wall     CPU");
  console.log(
    `    same text as plain files (detection with checksums and keywords)      ${f3(grep.ms / plain.ms).padStart(6)}  ${f3(grep.cpuMs / plain.cpuMs).padStart(6)}`,
  );
  console.log(
    `    scanner on the corpus (unzip, XML, MIME, then detection)              ${f3(grep.ms / discover.ms).padStart(6)}  ${f3(grep.cpuMs / discover.cpuMs).padStart(6)}`,
  );

  console.log(`\naccuracy of per-file counts against the planted ground truth (any confidence):`);
  console.log(
    `  ${"type".padEnd(44)} ${"planted".padStart(7)} ${"found".padStart(7)} ${"precision".padStart(9)} ${"recall".padStart(7)}   fidelity vs core on source text: ${"precision".padStart(9)} ${"recall".padStart(7)}`,
  );
  const sum = (m: Map<string, Tally>) =>
    [...m.values()].reduce(
      (a, b) => ({ truth: a.truth + b.truth, found: a.found + b.found, tp: a.tp + b.tp }),
      { truth: 0, found: 0, tp: 0 },
    );
  for (const type of [...SENSITIVE_INFO_TYPES, { id: "all", name: "all types" }]) {
    const a = type.id === "all" ? sum(accuracy) : accuracy.get(type.id)!;
    const fi = type.id === "all" ? sum(fidelity) : fidelity.get(type.id)!;
    console.log(
      `  ${type.name.padEnd(44)} ${String(a.truth).padStart(7)} ${String(a.found).padStart(7)} ${f3(ratio(a.tp, a.found)).padStart(9)} ${f3(ratio(a.tp, a.truth)).padStart(7)}   ${"".padEnd(32)} ${f3(ratio(fi.tp, fi.found)).padStart(9)} ${f3(ratio(fi.tp, fi.truth)).padStart(7)}`,
    );
  }
  console.log(
    `\nload average at end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  if (!process.argv.includes("--keep")) rmSync(base, { recursive: true, force: true });
  else console.log(`corpus kept in ${base}`);
}

void main();
