/** Totals a report shows at the top, and the series its charts draw: by information type, label, folder. */
import { basename, dirname, relative, resolve, sep } from "node:path";
import type { ScanRow } from "../scan/row";

export interface ScanSummary {
  files: number;
  bytes: number;
  filesWithFindings: number;
  errors: number;
  byAction: Record<string, number>;
  byInfoType: Array<{
    sitId: string;
    name: string;
    files: number;
    instances: number;
    highConfidenceFiles: number;
  }>;
  byLabel: Array<{ label: string; files: number }>;
  byProposedLabel: Array<{ label: string; files: number }>;
  byFolder: Array<{ folder: string; files: number; filesWithFindings: number; errors: number }>;
}

export function labelText(l: ScanRow["currentLabel"]): string {
  if (!l) return "";
  return l.displayName ?? l.name ?? l.labelId;
}

/**
 * Folder of a file relative to the scan root it was found under, at most `depth` levels deep; with
 * several roots the root's own name leads, so their folders stay apart.
 */
export function folderKey(path: string, roots: readonly string[], depth = 2): string {
  const dir = dirname(resolve(path));
  let best: string | null = null;
  for (const r of roots.map((x) => resolve(x))) {
    if (
      (dir === r || dir.startsWith(r.endsWith(sep) ? r : r + sep)) &&
      (best === null || r.length > best.length)
    )
      best = r;
  }
  if (best === null) return dir;
  const parts = relative(best, dir).split(sep).filter(Boolean);
  if (roots.length > 1) parts.unshift(basename(best) || best);
  const rel = parts.slice(0, depth).join("/");
  return rel === "" ? "." : rel;
}

function sortedCounts(map: Map<string, number>): Array<{ label: string; files: number }> {
  return [...map]
    .map(([label, files]) => ({ label, files }))
    .sort((a, b) => b.files - a.files || a.label.localeCompare(b.label));
}

export function summarize(rows: readonly ScanRow[], roots: readonly string[]): ScanSummary {
  const byAction: Record<string, number> = {};
  const types = new Map<string, ScanSummary["byInfoType"][number]>();
  const labels = new Map<string, number>();
  const proposed = new Map<string, number>();
  const folders = new Map<string, ScanSummary["byFolder"][number]>();
  let filesWithFindings = 0;
  let errors = 0;
  let bytes = 0;
  let files = 0;
  for (const row of rows) {
    byAction[row.action] = (byAction[row.action] ?? 0) + 1;
    if (row.error !== null) errors++;
    if (row.type !== "-") {
      files++;
      bytes += row.size;
    }
    const hasFindings = row.infoTypes.length > 0;
    if (hasFindings) filesWithFindings++;
    for (const t of row.infoTypes) {
      const entry = types.get(t.sitId) ?? {
        sitId: t.sitId,
        name: t.name,
        files: 0,
        instances: 0,
        highConfidenceFiles: 0,
      };
      entry.files++;
      entry.instances += t.count;
      if (t.confidence >= 85) entry.highConfidenceFiles++;
      types.set(t.sitId, entry);
    }
    if (row.type !== "-") {
      const current = labelText(row.currentLabel) || "Unlabeled";
      labels.set(current, (labels.get(current) ?? 0) + 1);
    }
    if (row.proposed)
      proposed.set(row.proposed.displayName, (proposed.get(row.proposed.displayName) ?? 0) + 1);
    const folder = folderKey(row.path, roots);
    const f = folders.get(folder) ?? { folder, files: 0, filesWithFindings: 0, errors: 0 };
    f.files++;
    if (hasFindings) f.filesWithFindings++;
    if (row.error !== null) f.errors++;
    folders.set(folder, f);
  }
  return {
    files,
    bytes,
    filesWithFindings,
    errors,
    byAction,
    byInfoType: [...types.values()].sort((a, b) => b.files - a.files || a.name.localeCompare(b.name)),
    byLabel: sortedCounts(labels),
    byProposedLabel: sortedCounts(proposed),
    byFolder: [...folders.values()].sort(
      (a, b) =>
        b.filesWithFindings - a.filesWithFindings || b.errors - a.errors || a.folder.localeCompare(b.folder),
    ),
  };
}
