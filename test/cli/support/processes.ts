/** Linux processes as /proc shows them: a command's children, and whether a process still runs. */
import { readFileSync, readdirSync } from "node:fs";

/** The processes whose parent is `pid`, from /proc. */
export function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // The command name, in parentheses, may hold spaces: the parent's pid is the second field after it.
        return Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/** Whether `pid` still runs (a zombie waiting for its parent to collect it does not). */
export function running(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[0] !== "Z";
  } catch {
    return false;
  }
}
