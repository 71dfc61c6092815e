/**
 * One walk unit: list one folder of a repository, the way `labelbridge scan` walks (src/cli/scan/
 * walk.ts): include/exclude against the path relative to the repository, symbolic links followed,
 * only regular files of a type we read. Sub-folders become walk units of their own (by real path,
 * so a folder reached twice through links, or a link back up, is listed once per run), files are
 * cut into batches in name order (the same batches when a retried walk lists the folder again), and
 * anything that cannot be walked becomes an error row.
 */
import { type Dirent, type Stats, lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { WalkPayload, WalkedFile } from "../../server/scanJobs/wire";
import { fileTypeOf } from "../formats/fileType";
import { type ScanRow, emptyRow } from "../scan/row";
import { describeFsError, errorCode, matcher } from "../scan/walk";

export interface WalkListing {
  /** The folder's real path: batches are named after it. */
  dir: string;
  dirs: Array<{ path: string; rel: string }>;
  batches: Array<{ index: number; files: WalkedFile[] }>;
  skipped: number;
  problems: ScanRow[];
}

function problemRow(path: string, err: unknown, what: string): ScanRow {
  return {
    ...emptyRow(path, 0, "-"),
    action: "error",
    error: describeFsError(err, what),
    errorCode: errorCode(err),
  };
}

function batchesOf(files: WalkedFile[], size: number): WalkListing["batches"] {
  const batches: WalkListing["batches"] = [];
  for (let i = 0; i * size < files.length; i++)
    batches.push({ index: i, files: files.slice(i * size, (i + 1) * size) });
  return batches;
}

export function listFolder(
  unit: WalkPayload,
  spec: { include: string[]; exclude: string[]; filesPerUnit: number },
): WalkListing {
  const include = matcher(spec.include);
  const exclude = matcher(spec.exclude);
  const listing: WalkListing = { dir: unit.dir, dirs: [], batches: [], skipped: 0, problems: [] };
  const files: WalkedFile[] = [];

  const consider = (path: string, rel: string, stats: Stats) => {
    const type = fileTypeOf(path);
    if (!type || (include && !include(rel)) || (exclude && exclude(rel))) {
      listing.skipped++;
      return;
    }
    if (!stats.isFile()) {
      listing.problems.push({
        ...emptyRow(path, 0, "-"),
        action: "error",
        error: "not a regular file (device, pipe or socket); not read",
        errorCode: "not-a-file",
      });
      return;
    }
    files.push({ path, size: stats.size, type });
  };

  let root: Stats;
  try {
    root = statSync(unit.dir);
    listing.dir = realpathSync(unit.dir);
  } catch (err) {
    listing.problems.push(problemRow(unit.dir, err, unit.rel === "" ? "the path" : "the folder"));
    return listing;
  }
  if (!root.isDirectory()) {
    // A repository that is a single file.
    consider(listing.dir, basename(listing.dir), root);
    listing.batches = batchesOf(files, spec.filesPerUnit);
    return listing;
  }

  let entries: Dirent[];
  try {
    entries = readdirSync(listing.dir, { withFileTypes: true });
  } catch (err) {
    listing.problems.push(problemRow(unit.dir, err, "the folder"));
    return listing;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(listing.dir, entry.name);
    const rel = unit.rel === "" ? entry.name : `${unit.rel}/${entry.name}`;
    let stats: Stats;
    let real = path;
    try {
      stats = entry.isSymbolicLink() ? statSync(path) : lstatSync(path);
      if (entry.isSymbolicLink()) real = realpathSync(path);
    } catch (err) {
      listing.problems.push(problemRow(path, err, entry.isSymbolicLink() ? "the link" : "the entry"));
      continue;
    }
    if (stats.isDirectory()) {
      if (exclude && (exclude(rel) || exclude(`${rel}/`))) continue;
      listing.dirs.push({ path: real, rel });
    } else consider(real, rel, stats);
  }
  listing.batches = batchesOf(files, spec.filesPerUnit);
  return listing;
}
