/**
 * Finds the files to scan under the given paths: include/exclude globs (relative to each root; a
 * pattern without "/" matches the file or folder name anywhere), symbolic links followed but never
 * into a loop, each file once even when reachable twice, only regular files of a type we read.
 * Anything that cannot be walked (unreadable folder, broken link, loop) becomes a problem the report
 * shows as a row; the walk goes on.
 *
 * Names are read as bytes (fsPath.ts), so a name that is not UTF-8 is found and can be labeled. A
 * file reached through a symbolic link is listed under its target — the file a label is written to,
 * so the link stays a link — with the links that lead to it; a target outside every scanned root is
 * marked so (enforce does not label it). Temporary files an interrupted labeling left behind
 * (`.NAME.labelbridge-PID-XXXXXXXX.tmp`) are listed apart, for the scan to clean up.
 */
import { type Dirent, type Stats, lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { resolve, sep } from "node:path";
import picomatch from "picomatch";
import { TEMP_FILE_PATTERN } from "../ooxml/atomic";
import { type FileType, fileTypeOf } from "../formats/fileType";
import { type FsPath, displayPath, joinPath, pathFromBytes } from "./fsPath";

export interface WalkOptions {
  include: string[];
  exclude: string[];
}

export interface WalkFile {
  /** The file to read and label: a link's target, not the link. */
  path: FsPath;
  size: number;
  type: FileType;
  /** Symbolic links (as shown in reports) through which the file was reached. */
  links?: string[];
  /** The file lies outside every scanned root (reached through a link): enforce leaves it alone. */
  outsideRoots?: boolean;
}

export interface WalkProblem {
  path: string;
  code: string;
  message: string;
}

export interface TempFile {
  path: FsPath;
  /** The process that wrote it. */
  pid: number;
}

export interface WalkFs {
  stat(path: FsPath): Promise<Stats>;
  lstat(path: FsPath): Promise<Stats>;
  readdir(path: FsPath): Promise<Dirent<Buffer>[]>;
  realpath(path: FsPath): Promise<Buffer>;
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
  readdir: async (p) => readdirSync(p, { withFileTypes: true, encoding: "buffer" }),
  realpath: async (p) => realpathSync(p, { encoding: "buffer" }),
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
  /** Temporary files of interrupted labeling, with the process that wrote each. */
  temps: TempFile[];
}

const bytesOf = (p: FsPath) => (typeof p === "string" ? Buffer.from(p) : p);

/** Whether a real path lies in one of the roots' real paths. */
function within(roots: Buffer[], real: Buffer): boolean {
  const slash = sep.charCodeAt(0);
  return roots.some(
    (r) =>
      real.equals(r) ||
      (real.length > r.length && real[r.length] === slash && real.subarray(0, r.length).equals(r)),
  );
}

function relativeTo(root: FsPath, path: FsPath): string {
  const r = displayPath(root);
  const p = displayPath(path);
  return (p.startsWith(r + sep) ? p.slice(r.length + 1) : p).split(sep).join("/");
}

export async function walk(
  roots: FsPath[],
  options: WalkOptions,
  onFound: (count: number) => void = () => {},
  fs: WalkFs = nodeWalkFs,
): Promise<WalkResult> {
  const include = matcher(options.include);
  const exclude = matcher(options.exclude);
  const files: WalkFile[] = [];
  const problems: WalkProblem[] = [];
  const temps: TempFile[] = [];
  const seenFiles = new Map<string, WalkFile>();
  const seenDirs = new Set<string>();
  const rootReals: Buffer[] = [];
  let skipped = 0;

  const idOf = (s: Stats) => `${s.dev}:${s.ino}`;
  const problem = (path: FsPath, code: string, message: string) =>
    problems.push({ path: displayPath(path), code, message });

  const consider = async (path: FsPath, rel: string, stats: Stats, link: boolean, outside: boolean) => {
    const type = fileTypeOf(displayPath(path));
    if (!type || (include && !include(rel)) || (exclude && exclude(rel))) {
      skipped++;
      return;
    }
    if (!stats.isFile()) {
      problem(path, "not-a-file", "not a regular file (device, pipe or socket); not read");
      return;
    }
    let target = path;
    let isOutside = outside;
    if (link) {
      const real = await fs.realpath(path);
      target = pathFromBytes(real);
      isOutside = !within(rootReals, real);
    }
    const id = idOf(stats);
    const seen = seenFiles.get(id);
    const entry = seen ?? { path: target, size: stats.size, type };
    if (link) (entry.links ??= []).push(displayPath(path));
    // Reached from inside the roots by any way at all: inside.
    if (isOutside && (!seen || seen.outsideRoots)) entry.outsideRoots = true;
    else delete entry.outsideRoots;
    if (seen) return; // the same file twice: scanned (and labeled) once
    seenFiles.set(id, entry);
    files.push(entry);
    if (files.length % 256 === 0) onFound(files.length);
  };

  const visit = async (dir: FsPath, root: FsPath, ancestors: Set<string>, outside: boolean) => {
    let entries: Dirent<Buffer>[];
    try {
      entries = await fs.readdir(dir);
    } catch (err) {
      problem(dir, errorCode(err), describeFsError(err, "the folder"));
      return;
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const entry of entries) {
      const name = pathFromBytes(entry.name);
      const path = joinPath(dir, name);
      const temp = TEMP_FILE_PATTERN.exec(displayPath(name));
      if (temp && entry.isFile()) {
        temps.push({ path, pid: Number(temp[1]) });
        continue;
      }
      // Only globs read the relative path; without any, working it out for every entry is waste.
      const rel = include || exclude ? relativeTo(root, path) : "";
      const link = entry.isSymbolicLink();
      let stats: Stats;
      try {
        stats = link ? await fs.stat(path) : await fs.lstat(path);
      } catch (err) {
        problem(path, errorCode(err), describeFsError(err, link ? "the link" : "the entry"));
        continue;
      }
      if (stats.isDirectory()) {
        if (exclude && (exclude(rel) || exclude(`${rel}/`))) continue;
        const id = idOf(stats);
        if (ancestors.has(id)) {
          problem(
            path,
            "symlink-loop",
            "symbolic link loop: it points back to a folder that contains it; not followed",
          );
          continue;
        }
        if (seenDirs.has(id)) continue; // reached twice through links: walked once
        seenDirs.add(id);
        const away = link ? !within(rootReals, await fs.realpath(path)) : outside;
        await visit(path, root, new Set([...ancestors, id]), away);
      } else {
        await consider(path, rel, stats, link, outside);
      }
    }
  };

  const given = roots.map((r) => (typeof r === "string" ? resolve(r) : r));
  for (const root of given) {
    try {
      rootReals.push(await fs.realpath(root));
    } catch {
      // reported below, when the root is walked
    }
  }
  for (const root of given) {
    let stats: Stats;
    try {
      stats = await fs.stat(root);
    } catch (err) {
      problem(root, errorCode(err), describeFsError(err, "the path"));
      continue;
    }
    if (stats.isDirectory()) {
      const id = idOf(stats);
      if (seenDirs.has(id)) continue;
      seenDirs.add(id);
      await visit(root, root, new Set([id]), false);
    } else {
      const link = (await fs.lstat(root)).isSymbolicLink();
      const name = bytesOf(root).subarray(bytesOf(root).lastIndexOf(sep.charCodeAt(0)) + 1);
      await consider(root, displayPath(name), stats, link, false);
    }
  }
  onFound(files.length);
  return { files, problems, skipped, temps };
}
