/**
 * Finds the files to scan under the given paths: include/exclude globs (relative to each root; a
 * pattern without "/" matches the file or folder name anywhere), symbolic links followed but never
 * into a loop, each file once even when reachable twice, only regular files of a type we read.
 * Anything that cannot be walked (unreadable folder, broken link, loop) becomes a problem the report
 * shows as a row; the walk goes on.
 */
import { type Dirent, type Stats, lstatSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import picomatch from "picomatch";
import { type FileType, fileTypeOf } from "../formats/fileType";

export interface WalkOptions {
  include: string[];
  exclude: string[];
}

export interface WalkFile {
  path: string;
  size: number;
  type: FileType;
}

export interface WalkProblem {
  path: string;
  code: string;
  message: string;
}

export interface WalkFs {
  stat(path: string): Promise<Stats>;
  lstat(path: string): Promise<Stats>;
  readdir(path: string): Promise<Dirent[]>;
}

/**
 * The synchronous calls behind a promise: the walk awaits each call in turn anyway, and a
 * round trip through libuv's thread pool per entry costs several times the stat itself (about
 * 60 ms of CPU against 10 for 600 files). Errors are the same: the code and message of the failed
 * call, as a rejected promise.
 */
export const nodeWalkFs: WalkFs = {
  stat: async (p) => statSync(p),
  lstat: async (p) => lstatSync(p),
  readdir: async (p) => readdirSync(p, { withFileTypes: true }),
};

type Matcher = (relPath: string) => boolean;

export function matcher(patterns: string[]): Matcher | null {
  if (patterns.length === 0) return null;
  const tests = patterns.map((p) => {
    const pattern = p.replace(/\\/g, "/").replace(/^\.\//, "");
    const isMatch = picomatch(pattern, { dot: true });
    return pattern.includes("/") ? isMatch : (rel: string) => isMatch(rel.slice(rel.lastIndexOf("/") + 1));
  });
  return (rel) => tests.some((t) => t(rel));
}

export function errorCode(err: unknown): string {
  return (err as { code?: string }).code ?? "error";
}

export function describeFsError(err: unknown, what: string): string {
  const code = errorCode(err);
  if (code === "EACCES" || code === "EPERM") return `${what} cannot be read: permission denied`;
  if (code === "ELOOP") return `${what} is a symbolic link loop`;
  if (code === "ENOENT") return `${what} does not exist (or is a broken symbolic link)`;
  return `${what} cannot be read: ${(err as Error).message}`;
}

export interface WalkResult {
  files: WalkFile[];
  problems: WalkProblem[];
  /** Files skipped because their type is not one we read, or a glob left them out. */
  skipped: number;
}

export async function walk(
  roots: string[],
  options: WalkOptions,
  onFound: (count: number) => void = () => {},
  fs: WalkFs = nodeWalkFs,
): Promise<WalkResult> {
  const include = matcher(options.include);
  const exclude = matcher(options.exclude);
  const files: WalkFile[] = [];
  const problems: WalkProblem[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  let skipped = 0;

  const idOf = (s: Stats) => `${s.dev}:${s.ino}`;

  const consider = (path: string, rel: string, stats: Stats) => {
    const type = fileTypeOf(path);
    if (!type || (include && !include(rel)) || (exclude && exclude(rel))) {
      skipped++;
      return;
    }
    if (!stats.isFile()) {
      problems.push({
        path,
        code: "not-a-file",
        message: "not a regular file (device, pipe or socket); not read",
      });
      return;
    }
    const id = idOf(stats);
    if (seenFiles.has(id)) return; // the same file through a link: scan (and label) it once
    seenFiles.add(id);
    files.push({ path, size: stats.size, type });
    if (files.length % 256 === 0) onFound(files.length);
  };

  const visit = async (dir: string, root: string, ancestors: Set<string>) => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir);
    } catch (err) {
      problems.push({ path: dir, code: errorCode(err), message: describeFsError(err, "the folder") });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // Only globs read the relative path; without any, working it out for every entry is waste.
      const rel = include || exclude ? relative(root, path).split(sep).join("/") : "";
      let stats: Stats;
      try {
        stats = entry.isSymbolicLink() ? await fs.stat(path) : await fs.lstat(path);
      } catch (err) {
        problems.push({
          path,
          code: errorCode(err),
          message: describeFsError(err, entry.isSymbolicLink() ? "the link" : "the entry"),
        });
        continue;
      }
      if (stats.isDirectory()) {
        if (exclude && (exclude(rel) || exclude(`${rel}/`))) continue;
        const id = idOf(stats);
        if (ancestors.has(id)) {
          problems.push({
            path,
            code: "symlink-loop",
            message: "symbolic link loop: it points back to a folder that contains it; not followed",
          });
          continue;
        }
        if (seenDirs.has(id)) continue; // reached twice through links: walked once
        seenDirs.add(id);
        await visit(path, root, new Set([...ancestors, id]));
      } else {
        consider(path, rel, stats);
      }
    }
  };

  for (const given of roots) {
    const root = resolve(given);
    let stats: Stats;
    try {
      stats = await fs.stat(root);
    } catch (err) {
      problems.push({ path: root, code: errorCode(err), message: describeFsError(err, "the path") });
      continue;
    }
    if (stats.isDirectory()) {
      const id = idOf(stats);
      if (seenDirs.has(id)) continue;
      seenDirs.add(id);
      await visit(root, root, new Set([id]));
    } else {
      consider(root, basename(root), stats);
    }
  }
  onFound(files.length);
  return { files, problems, skipped };
}
