/**
 * Finds the files to scan under the given paths (the rules: walkTree.ts), in two passes so that the
 * scan never holds a list of its files:
 *
 * - the survey counts the files and their bytes (for progress), gathers the problems and stale
 *   temporary files (their rows come first) and works out the files more than one way leads to;
 * - the stream walks again and hands each file on as it is found, for the scan to read at once.
 *
 * Each file is scanned once even when reachable twice. A file reached through a symbolic link is
 * listed under its target — the file a label is written to, so the link stays a link — with the
 * links that lead to it, wherever in the walk they are; a target outside every scanned root is
 * marked so (enforce does not label it). What the survey keeps grows with the links, hard links,
 * problems and folders, never with the plain files: those are only counted.
 *
 * The files more than one way leads to are recognised in the stream by their real path (a labeled
 * file is replaced, so its identity changes while the scan runs) and, for hard links, by identity.
 */
import { sep } from "node:path";
import type { FileType } from "../formats/fileType";
import { type FsPath, displayPath, pathFromBytes } from "./fsPath";
import {
  type Reach,
  type TempFile,
  type WalkFs,
  type WalkOptions,
  type WalkProblem,
  idOf,
  nodeWalkFs,
  walkTree,
} from "./walkTree";

export {
  type TempFile,
  type WalkFs,
  type WalkOptions,
  type WalkProblem,
  describeFsError,
  errorCode,
  matcher,
  nodeWalkFs,
} from "./walkTree";

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

/** A file that links, hard links or the command line lead to more than once. */
interface Shared {
  links: string[];
  outside: boolean;
  /** Handed on by the stream already. */
  done: boolean;
}

export interface WalkSurvey {
  /** Files to scan, each counted once (a plain file later found behind a link, twice). */
  files: number;
  bytes: number;
  /** Files left out by type or glob. */
  skipped: number;
  problems: WalkProblem[];
  /** Temporary files of interrupted labeling, with the process that wrote each. */
  temps: TempFile[];
  byId: Map<string, Shared>;
  /** The real paths that links and the command line lead to (bytes as latin1, one char each). */
  byReal: Map<string, Shared>;
}

const keyOf = (real: Buffer) => real.toString("latin1");

export async function surveyTree(
  roots: FsPath[],
  options: WalkOptions,
  onFound: (count: number) => void = () => {},
  fs: WalkFs = nodeWalkFs,
): Promise<WalkSurvey> {
  const s: WalkSurvey = {
    files: 0,
    bytes: 0,
    skipped: 0,
    problems: [],
    temps: [],
    byId: new Map(),
    byReal: new Map(),
  };
  await walkTree(roots, options, fs, (scope) => ({
    problem: (p) => s.problems.push(p),
    temp: (t) => s.temps.push(t),
    skipped: () => s.skipped++,
    file: async (reach) => {
      const id = idOf(reach.stats);
      let entry = s.byId.get(id);
      const isNew = entry === undefined;
      if (!entry) {
        s.files++;
        s.bytes += reach.stats.size;
        if (s.files % 256 === 0) onFound(s.files);
        // A plain file (one name, found in its folder) is found once: nothing to keep.
        if (!reach.link && !reach.root && reach.stats.nlink <= 1) return;
        entry = { links: [], outside: false, done: false };
        s.byId.set(id, entry);
      }
      const isOutside = reach.link ? !scope.inRoots(await reach.real()) : reach.outside;
      // Reached from inside the roots by any way at all: inside.
      entry.outside = isOutside && (isNew || entry.outside);
      if (reach.link) entry.links.push(displayPath(reach.path));
      if (reach.link || reach.root) s.byReal.set(keyOf(await reach.real()), entry);
    },
  }));
  onFound(s.files);
  return s;
}

export type WalkItem = { file: WalkFile } | { problem: WalkProblem };

/** The survey's entry for a file more than one way leads to, if it is one. */
async function sharedOf(survey: WalkSurvey, reach: Reach): Promise<Shared | undefined> {
  if (survey.byId.size === 0) return undefined;
  if (reach.link || reach.root) {
    const byPath = survey.byReal.get(keyOf(await reach.real()));
    if (byPath) return byPath;
  }
  return (
    survey.byId.get(idOf(reach.stats)) ??
    (survey.byReal.size > 0 ? survey.byReal.get(keyOf(await reach.real())) : undefined)
  );
}

/**
 * Walks again and hands on each file to scan as it is found, awaiting `onItem` (so a bounded
 * queue holds the walk back). Problems the survey did not meet (the tree changed since) are
 * handed on in walk order too; temporary files were the survey's.
 */
export async function streamTree(
  roots: FsPath[],
  options: WalkOptions,
  survey: WalkSurvey,
  onItem: (item: WalkItem) => Promise<void>,
  fs: WalkFs = nodeWalkFs,
): Promise<void> {
  const problemKey = (p: WalkProblem) => `${p.path}${sep}${p.code}`;
  const known = new Set(survey.problems.map(problemKey));
  const fresh: WalkProblem[] = [];
  const handOnProblems = async () => {
    for (const problem of fresh.splice(0)) await onItem({ problem });
  };
  await walkTree(roots, options, fs, (scope) => ({
    problem: (p) => {
      if (!known.has(problemKey(p))) fresh.push(p);
    },
    temp: () => {},
    skipped: () => {},
    file: async (reach) => {
      const shared = await sharedOf(survey, reach);
      if (shared?.done) return; // the same file twice: scanned (and labeled) once
      if (shared) shared.done = true;
      const real = reach.link ? await reach.real() : null;
      const file: WalkFile = {
        path: real ? pathFromBytes(real) : reach.path,
        size: reach.stats.size,
        type: reach.type,
      };
      if (shared && shared.links.length > 0) file.links = shared.links;
      const outside = shared
        ? shared.outside && (reach.link || reach.outside)
        : real
          ? !scope.inRoots(real)
          : reach.outside;
      if (outside) file.outsideRoots = true;
      await handOnProblems();
      await onItem({ file });
    },
  }));
  await handOnProblems();
}

export interface WalkResult extends Pick<WalkSurvey, "skipped" | "problems" | "temps"> {
  files: WalkFile[];
}

/** Both passes, every file in a list: for tools and tests over small trees (the scan streams). */
export async function walk(
  roots: FsPath[],
  options: WalkOptions,
  onFound: (count: number) => void = () => {},
  fs: WalkFs = nodeWalkFs,
): Promise<WalkResult> {
  const survey = await surveyTree(roots, options, onFound, fs);
  const files: WalkFile[] = [];
  const problems = [...survey.problems];
  await streamTree(
    roots,
    options,
    survey,
    async (item) => {
      if ("file" in item) files.push(item.file);
      else problems.push(item.problem);
    },
    fs,
  );
  return { files, problems, skipped: survey.skipped, temps: survey.temps };
}
