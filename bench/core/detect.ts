/**
 * Sensitive-information detection throughput and accuracy.
 *
 *   node bench/run.cjs bench/core/detect.ts [--mb 20] [--seed 42] [--runs 5] [--per-type]
 *
 * Detection (detectSensitiveInfo: prefilter, bounded regex, boundary rules, checksums, keyword
 * evidence) is measured against a baseline in the same process over the same text: the same bare
 * candidate regexes, one pass per type, with no validation and no keywords. Precision and recall are
 * computed against the ground truth the planted-text generator returns; an instance counts as a true
 * positive when its type and exact offsets match a planted number.
 */
import os from "node:os";
import { detectSensitiveInfo, SENSITIVE_INFO_TYPES, SIT_IDS, type Detection } from "../../src/core/detect";
import { ruleFor } from "../../src/core/detect/detect";
import { plantedText, type PlantedItem } from "../lib/plantedText";

const MiB = 1024 * 1024;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Timed<T> {
  /** Median wall-clock and CPU (user + system) milliseconds per run. */
  wall: number;
  cpu: number;
  walls: number[];
  last: T;
}

/**
 * Runs the tasks in turn, `runs` rounds after two warm-up rounds (JIT, and V8's regex tier-up from
 * bytecode to machine code). Interleaving keeps a busy machine from favouring one task, and CPU time
 * is reported next to wall time because other processes inflate wall time only.
 */
function interleaved<T>(runs: number, tasks: Array<() => T>): Array<Timed<T>> {
  const walls = tasks.map((): number[] => []);
  const cpus = tasks.map((): number[] => []);
  const last: T[] = [];
  for (let round = -2; round < runs; round++) {
    tasks.forEach((task, i) => {
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      last[i] = task();
      const wall = performance.now() - started;
      const cpu = process.cpuUsage(cpuStart);
      if (round >= 0) {
        walls[i].push(wall);
        cpus[i].push((cpu.user + cpu.system) / 1000);
      }
    });
  }
  return tasks.map((_, i) => ({
    wall: median(walls[i]),
    cpu: median(cpus[i]),
    walls: walls[i],
    last: last[i],
  }));
}

type Spans = Map<string, Array<[number, number]>>;

function baseline(text: string): Spans {
  const spans: Spans = new Map();
  for (const type of SENSITIVE_INFO_TYPES) {
    const pattern = ruleFor(type.id)!.candidatePattern;
    const found: Array<[number, number]> = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text))
      found.push([m.index, m.index + m[0].length]);
    spans.set(type.id, found);
  }
  return spans;
}

function detectionSpans(detections: Detection[]): Spans {
  return new Map(
    detections.map((d) => [d.sitId, d.instances.map((i): [number, number] => [i.start, i.end])]),
  );
}

interface Score {
  planted: number;
  reported: number;
  truePositives: number;
}

/**
 * A reported span is a true positive when a number of that type was planted at exactly those
 * offsets — or, with `byStart`, at that start (the bare IBAN regex matches only "CCdd", so its
 * matches can only be compared by where they start).
 */
function score(
  spans: Spans,
  planted: PlantedItem[],
  sitId: string,
  options: { byStart?: boolean; keep?: (index: number) => boolean } = {},
): Score {
  const { byStart = false, keep = () => true } = options;
  const key = (s: number, e: number) => (byStart ? `${s}` : `${s}:${e}`);
  const truth = new Set(planted.filter((p) => p.sitIds.includes(sitId)).map((p) => key(p.start, p.end)));
  const reported = (spans.get(sitId) ?? []).filter((_, i) => keep(i));
  const truePositives = reported.filter(([s, e]) => truth.has(key(s, e))).length;
  return { planted: truth.size, reported: reported.length, truePositives };
}

const pct = (n: number, d: number) => (d === 0 ? "   –  " : (n / d).toFixed(3));

function main(): void {
  const mb = option("mb", 20);
  const seed = option("seed", 42);
  const runs = option("runs", 5);
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus[0]?.model ?? "unknown"}, ${cpus.length} cores, node ${process.version}, ${os.platform()} ${os.arch()}`,
  );
  console.log(
    `load average at start: ${loadAverage()} (other work on the machine skews absolute figures; the ratio is the figure)`,
  );

  const started = performance.now();
  const { text, planted } = plantedText({ seed, chars: mb * MiB });
  const megabytes = text.length / MiB;
  console.log(
    `text: ${megabytes.toFixed(1)} MiB (ASCII, chars = bytes), seed ${seed}, ${planted.length} planted numbers, generated in ${(performance.now() - started).toFixed(0)} ms`,
  );

  const options = { maxChars: text.length, maxInstancesPerType: Number.MAX_SAFE_INTEGER };
  const [detect, bare] = interleaved<unknown>(runs, [
    () => detectSensitiveInfo(text, options),
    () => baseline(text),
  ]);
  const rate = (ms: number) => megabytes / (ms / 1000);
  const runsOf = (t: Timed<unknown>) => t.walls.map((m) => m.toFixed(0)).join(", ");
  const types = SENSITIVE_INFO_TYPES.length;
  console.log(`\nthroughput (median of ${runs} interleaved runs after two warm-up rounds; MB = 2^20 bytes):`);
  console.log(`  ${"".padEnd(30)} ${"wall MB/s".padStart(9)} ${"CPU MB/s".padStart(9)}   wall ms per run`);
  console.log(
    `  ${`detectSensitiveInfo, ${types} types`.padEnd(30)} ${rate(detect.wall).toFixed(0).padStart(9)} ${rate(detect.cpu).toFixed(0).padStart(9)}   ${runsOf(detect)}`,
  );
  console.log(
    `  ${`baseline: bare regexes, ${types}`.padEnd(30)} ${rate(bare.wall).toFixed(0).padStart(9)} ${rate(bare.cpu).toFixed(0).padStart(9)}   ${runsOf(bare)}`,
  );
  console.log(
    `  ${"ratio detect / baseline".padEnd(30)} ${(bare.wall / detect.wall).toFixed(2).padStart(9)} ${(bare.cpu / detect.cpu).toFixed(2).padStart(9)}`,
  );

  if (process.argv.includes("--per-type")) {
    console.log("\nper type, one pass each (median CPU ms; wall ms in brackets):");
    for (const type of SENSITIVE_INFO_TYPES) {
      const pattern = ruleFor(type.id)!.candidatePattern;
      const [one, bareOne] = interleaved<unknown>(runs, [
        () => detectSensitiveInfo(text, { ...options, types: [type.id] }),
        () => {
          let n = 0;
          pattern.lastIndex = 0;
          while (pattern.exec(text) !== null) n++;
          return n;
        },
      ]);
      console.log(
        `  ${type.name.padEnd(44)} detect ${one.cpu.toFixed(0).padStart(5)} (${one.wall.toFixed(0)})   bare regex ${bareOne.cpu.toFixed(0).padStart(5)} (${bareOne.wall.toFixed(0)})   ratio ${(one.cpu / bareOne.cpu).toFixed(2)}`,
      );
    }
  }

  const detections = (detect.last as ReturnType<typeof detectSensitiveInfo>).detections;
  const bareSpans = bare.last as Spans;
  accuracy(detections, bareSpans, planted);
}

/**
 * Per type: the highest confidence level at which every planted number is still reported (recall
 * 1.00), and the precision of what is reported at or above it — "precision at recall 1.00" — next
 * to the precision and recall of everything reported, and of the bare regexes.
 */
function accuracy(detections: Detection[], bareSpans: Spans, planted: PlantedItem[]): void {
  const detected = detectionSpans(detections);
  console.log("\naccuracy against planted ground truth (exact type and offsets):");
  console.log(
    `  ${"type".padEnd(44)} ${"planted".padStart(7)}  ${"at level".padStart(8)} ${"found".padStart(6)} ${"precision".padStart(9)} ${"recall".padStart(7)}   all levels: ${"found".padStart(6)} ${"precision".padStart(9)}   bare regex: ${"precision".padStart(9)} ${"recall".padStart(7)}`,
  );
  for (const type of SENSITIVE_INFO_TYPES) {
    const detection = detections.find((d) => d.sitId === type.id);
    const instances = detection?.instances ?? [];
    const truth = new Set(
      planted.filter((p) => p.sitIds.includes(type.id)).map((p) => `${p.start}:${p.end}`),
    );
    const plantedLevels = instances.filter((i) => truth.has(`${i.start}:${i.end}`)).map((i) => i.confidence);
    // Recall 1.00 holds at every level up to the lowest confidence a planted number got.
    const level = plantedLevels.length === truth.size && truth.size > 0 ? Math.min(...plantedLevels) : 0;
    const s = score(detected, planted, type.id, { keep: (i) => instances[i].confidence >= level });
    const all = score(detected, planted, type.id);
    const b = score(bareSpans, planted, type.id, { byStart: type.id === SIT_IDS.iban });
    console.log(
      `  ${type.name.padEnd(44)} ${String(s.planted).padStart(7)}  ${(level ? `≥${level}` : "–").padStart(8)} ${String(s.reported).padStart(6)} ${pct(s.truePositives, s.reported).padStart(9)} ${pct(s.truePositives, s.planted).padStart(7)}               ${String(all.reported).padStart(6)} ${pct(all.truePositives, all.reported).padStart(9)}               ${pct(b.truePositives, b.reported).padStart(9)} ${pct(b.truePositives, b.planted).padStart(7)}`,
    );
  }
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

main();
console.log(`\nload average at end: ${loadAverage()}`);
