/** What the server benches share: their PostgreSQL, their arguments, and the machine they ran on. */
import { cpus, loadavg, release, totalmem } from "node:os";

export const PG_URL =
  process.env.LABELBRIDGE_TEST_DATABASE_URL ||
  "postgres://labelbridge:labelbridge@127.0.0.1:5432/labelbridge_test";

/** `--name value` from the command line, or the fallback. */
export const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

/** Cores, memory, system, Node and the load average now: every recorded run carries it. */
export function machine(): string {
  const cpu = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  return `${cpu.length} × ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${process.platform} ${release()}, Node ${process.version}; load average ${load}`;
}
