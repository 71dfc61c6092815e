/**
 * Another process's CPU time so far (user + system, from /proc/<pid>/stat in USER_HZ ticks of
 * 10 ms): the cluster benches read PostgreSQL's serving processes this way. Null once the process
 * is gone.
 */
import { readFileSync } from "node:fs";

const MS_PER_TICK = 10; // USER_HZ is 100 on Linux

export function processCpuMs(pid: number): number | null {
  try {
    // The command name, in parentheses, may hold spaces: fields are counted after it.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return null;
  }
}
