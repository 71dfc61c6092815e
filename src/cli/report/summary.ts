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

/** The summary built row by row, as rows stream past: memory grows with folders and types, not files. */
export class SummaryBuilder {
  private readonly byAction: Record<string, number> = {};
  private readonly types = new Map<string, ScanSummary["byInfoType"][number]>();
  private readonly labels = new Map<string, number>();
  private readonly proposed = new Map<string, number>();
  private readonly folders = new Map<string, ScanSummary["byFolder"][number]>();
  private filesWithFindings = 0;
  private errors = 0;
  private bytes = 0;
  private files = 0;

  constructor(private readonly roots: readonly string[]) {}

  add(row: ScanRow): void {
    this.byAction[row.action] = (this.byAction[row.action] ?? 0) + 1;
    if (row.error !== null) this.errors++;
    if (row.type !== "-") {
      this.files++;
      this.bytes += row.size;
    }
    const hasFindings = row.infoTypes.length > 0;
    if (hasFindings) this.filesWithFindings++;
    for (const t of row.infoTypes) {
      const entry = this.types.get(t.sitId) ?? {
        sitId: t.sitId,
        name: t.name,
        files: 0,
        instances: 0,
        highConfidenceFiles: 0,
      };
      entry.files++;
      entry.instances += t.count;
      if (t.confidence >= 85) entry.highConfidenceFiles++;
      this.types.set(t.sitId, entry);
    }
    if (row.type !== "-") {
      const current = labelText(row.currentLabel) || "Unlabeled";
      this.labels.set(current, (this.labels.get(current) ?? 0) + 1);
    }
    if (row.proposed)
      this.proposed.set(row.proposed.displayName, (this.proposed.get(row.proposed.displayName) ?? 0) + 1);
    const folder = folderKey(row.path, this.roots);
    const f = this.folders.get(folder) ?? { folder, files: 0, filesWithFindings: 0, errors: 0 };
    f.files++;
    if (hasFindings) f.filesWithFindings++;
    if (row.error !== null) f.errors++;
    this.folders.set(folder, f);
  }

  result(): ScanSummary {
    return {
      files: this.files,
      bytes: this.bytes,
      filesWithFindings: this.filesWithFindings,
      errors: this.errors,
      byAction: { ...this.byAction },
      byInfoType: [...this.types.values()].sort((a, b) => b.files - a.files || a.name.localeCompare(b.name)),
      byLabel: sortedCounts(this.labels),
      byProposedLabel: sortedCounts(this.proposed),
      byFolder: [...this.folders.values()].sort(
        (a, b) =>
          b.filesWithFindings - a.filesWithFindings ||
          b.errors - a.errors ||
          a.folder.localeCompare(b.folder),
      ),
    };
  }
}

export function summarize(rows: readonly ScanRow[], roots: readonly string[]): ScanSummary {
  const builder = new SummaryBuilder(roots);
  for (const row of rows) builder.add(row);
  return builder.result();
}
