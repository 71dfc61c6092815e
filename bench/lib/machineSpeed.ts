/**
 * How fast this machine is right now, for benches whose runs are minutes apart. A fixed piece of
 * work, timed by its own CPU: SHA-256 over a buffer that stays in the core's cache, and raw inflate
 * of a 1.4 MB text into fresh memory (what the scanner does with Office parts). Run alone, then two
 * at once (one a core when both are free). On this project's 2-core VM the inflate part's CPU
 * varied by half and more between moments, and two at once were slower than one, while the SHA part
 * held within a few per cent (docs/benchmarks.md, "Scanner cluster, tenth round"): a run's CPU
 * figures are read against it.
 */
import { execFile } from "node:child_process";

/** CPU ms of each part of the work in one process. */
export interface SpeedSample {
  shaMs: number;
  inflateMs: number;
}

export interface MachineSpeed {
  alone: SpeedSample;
  /** Two processes at once: the slower one's figures. */
  pair: SpeedSample;
}

const WORK = `
const { createHash } = require("node:crypto");
const zlib = require("node:zlib");
const cpu = (f) => { const c = process.cpuUsage(); f(); const d = process.cpuUsage(c); return (d.user + d.system) / 1000; };
const cached = Buffer.alloc(1 << 20, 7);
const text = Buffer.from(Array.from({ length: 200000 }, (_, i) => "word" + (i % 977) + " ").join(""));
const packed = zlib.deflateRawSync(text);
const shaMs = cpu(() => { for (let i = 0; i < 200; i++) createHash("sha256").update(cached).digest(); });
const inflateMs = cpu(() => { for (let i = 0; i < 150; i++) zlib.inflateRawSync(packed); });
process.stdout.write(JSON.stringify({ shaMs, inflateMs }));
`;

function sample(): Promise<SpeedSample> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ["-e", WORK], (err, stdout) => {
      if (err) reject(err);
      else resolve(JSON.parse(stdout) as SpeedSample);
    }),
  );
}

const round = (s: SpeedSample): SpeedSample => ({
  shaMs: Math.round(s.shaMs),
  inflateMs: Math.round(s.inflateMs),
});

export async function machineSpeed(): Promise<MachineSpeed> {
  const alone = await sample();
  const [a, b] = await Promise.all([sample(), sample()]);
  return {
    alone: round(alone),
    pair: round({ shaMs: Math.max(a.shaMs, b.shaMs), inflateMs: Math.max(a.inflateMs, b.inflateMs) }),
  };
}

if (process.argv[1] === __filename) {
  // `node bench/run.cjs bench/lib/machineSpeed.ts [--times N]`: the probe N times, a second apart.
  const at = process.argv.indexOf("--times");
  const times = at > 0 ? Number(process.argv[at + 1]) : 10;
  void (async () => {
    for (let i = 0; i < times; i++) {
      console.log(JSON.stringify(await machineSpeed()));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
}
