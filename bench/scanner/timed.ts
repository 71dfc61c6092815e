/** The built CLI run under GNU time, for the scanner benches: peak RSS of the process, wall and CPU. */
import { spawnSync } from "node:child_process";
import os from "node:os";
import { join } from "node:path";

export const CLI = join(__dirname, "..", "..", "bin", "labelbridge.js");

export interface Timed {
  rssMb: number;
  wallMs: number;
  cpuMs: number;
}

/** `node <cli> <args>` under /usr/bin/time; throws when GNU time reports nothing. */
export function timedCli(cli: string, args: string[]): Timed {
  const r = spawnSync("/usr/bin/time", ["-f", "TIME %M %e %U %S", process.execPath, cli, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stderr.split("\n").find((l) => l.startsWith("TIME "));
  if (!line) throw new Error(`no figures from GNU time: ${r.stderr}`);
  const [rssKb, wall, user, sys] = line.slice(5).split(" ").map(Number);
  return { rssMb: rssKb / 1024, wallMs: wall * 1000, cpuMs: (user + sys) * 1000 };
}

/** The load average now, as the benches record it with each run. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
}

/** The builds to compare: this one, then each `--cli PATH` given. */
export function clisToCompare(): string[] {
  const out = [CLI];
  process.argv.forEach((a, i) => {
    if (a === "--cli") out.push(process.argv[i + 1]);
  });
  return out;
}
