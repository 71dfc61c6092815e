/**
 * One pass over the paths to scan: include/exclude globs (relative to each root; a pattern without
 * "/" matches the file or folder name anywhere), symbolic links followed but never into a loop, each
 * folder once even when reachable twice, only regular files of a type we read. Every file is handed
 * to the caller as it is found (a "reach": the way the walk came to it), so the caller decides what
 * to keep; the pass itself keeps only the folders (for loops) and the roots.
 *
 * Names are read as bytes (fsPath.ts), so a name that is not UTF-8 is found and can be labeled.
 * Anything that cannot be walked (unreadable folder, broken link, loop, a pipe) is passed on as a
 * problem and the pass goes on. Temporary files an interrupted labeling left behind
 * (`.NAME.labelbridge-PID-XXXXXXXX.tmp`) are passed on apart.
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
 * call, as a rejected promise. Real paths come from the system's realpath (`.native`): the
 * JavaScript one turns a name that is not UTF-8 into text and loses it.
 */
export const nodeWalkFs: WalkFs = {
  stat: async (p) => statSync(p),
  lstat: async (p) => lstatSync(p),
  readdir: async (p) => readdirSync(p, { withFileTypes: true, encoding: "buffer" }),
  realpath: async (p) => realpathSync.native(p, { encoding: "buffer" }),
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

/** A file as the walk came to it. */
export interface Reach {
  /** The path found: the link itself when `link`. */
  path: FsPath;
  /** Of the file (a link's target). */
  stats: Stats;
  type: FileType;
  /** Reached through a symbolic link to the file. */
  link: boolean;
  /** Named on the command line. */
  root: boolean;
  /** Reached through a folder link that leads out of every root. */
  outside: boolean;
  /** The file's real path (a link's target), worked out when asked. */
  real(): Promise<Buffer>;
}

export interface WalkVisitor {
  file(reach: Reach): Promise<void>;
  problem(problem: WalkProblem): void;
  temp(temp: TempFile): void;
  /** A file left out by its type or a glob. */
  skipped(): void;
}

/** What the visitor needs of the roots: whether a real path lies inside one of them. */
export interface WalkScope {
  inRoots(real: Buffer): boolean;
}

const bytesOf = (p: FsPath) => (typeof p === "string" ? Buffer.from(p) : p);

export const idOf = (s: Stats) => `${s.dev}:${s.ino}`;

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

/** A value worked out once, when first asked. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => (value ??= make());
}

export async function walkTree(
  roots: FsPath[],
  options: WalkOptions,
  fs: WalkFs,
  visitor: (scope: WalkScope) => WalkVisitor,
): Promise<void> {
  const include = matcher(options.include);
  const exclude = matcher(options.exclude);
  const seenDirs = new Set<string>();
  const rootReals: Buffer[] = [];
  const scope: WalkScope = { inRoots: (real) => within(rootReals, real) };
  const v = visitor(scope);
  const problem = (path: FsPath, code: string, message: string) =>
    v.problem({ path: displayPath(path), code, message });

  const consider = async (
    reach: Omit<Reach, "type" | "real">,
    rel: string,
    real: () => Promise<Buffer>,
  ): Promise<void> => {
    const type = fileTypeOf(displayPath(reach.path));
    if (!type || (include && !include(rel)) || (exclude && exclude(rel))) return v.skipped();
    if (!reach.stats.isFile())
      return problem(reach.path, "not-a-file", "not a regular file (device, pipe or socket); not read");
    await v.file({ ...reach, type, real });
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
    const dirReal = once(() => fs.realpath(dir));
    for (const entry of entries) {
      const name = pathFromBytes(entry.name);
      const path = joinPath(dir, name);
      const temp = TEMP_FILE_PATTERN.exec(displayPath(name));
      if (temp && entry.isFile()) {
        v.temp({ path, pid: Number(temp[1]) });
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
        const away = link ? !scope.inRoots(await fs.realpath(path)) : outside;
        await visit(path, root, new Set([...ancestors, id]), away);
      } else {
        const real = link
          ? once(() => fs.realpath(path))
          : once(async () => Buffer.concat([await dirReal(), Buffer.from(sep), entry.name]));
        await consider({ path, stats, link, root: false, outside }, rel, real);
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
      const reach = { path: root, stats, link, root: true, outside: false };
      await consider(
        reach,
        displayPath(name),
        once(() => fs.realpath(root)),
      );
    }
  }
}
