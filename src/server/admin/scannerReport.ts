/**
 * Scanner findings from `scan-result` audit events: per information type and per folder, counting
 * each file once — by its newest result — so a second scan of the same share does not double the
 * figures.
 */
import type { ScannerFolderRow, ScannerInfoTypeRow, ScannerReport } from "../../contracts/adminApi";

interface FindingBody {
  details?: {
    path?: unknown;
    folder?: unknown;
    infoTypes?: unknown;
  };
}

interface Finding {
  sitId: string;
  name: string;
  count: number;
}

function findingsOf(value: unknown): Finding[] {
  if (!Array.isArray(value)) return [];
  const out: Finding[] = [];
  for (const item of value) {
    if (typeof item !== "object" || item === null) continue;
    const { sitId, name, count } = item as Record<string, unknown>;
    if (typeof sitId !== "string" || typeof count !== "number" || !(count > 0)) continue;
    out.push({ sitId, name: typeof name === "string" ? name : sitId, count: Math.floor(count) });
  }
  return out;
}

/** The folder of a path written with / or \ (UNC shares keep their backslashes). */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return cut <= 0 ? (cut === 0 ? path.slice(0, 1) : ".") : path.slice(0, cut);
}

/**
 * @param bodies newest first, at most `limit + 1` (one more than read tells that the period held more).
 */
export function aggregateScanResults(bodies: string[], limit: number, topFolders = 25): ScannerReport {
  const truncated = bodies.length > limit;
  const seen = new Set<string>();
  const types = new Map<string, ScannerInfoTypeRow>();
  const folders = new Map<string, ScannerFolderRow>();
  let files = 0;
  let filesWithFindings = 0;
  for (const raw of truncated ? bodies.slice(0, limit) : bodies) {
    let body: FindingBody;
    try {
      body = JSON.parse(raw) as FindingBody;
    } catch {
      continue;
    }
    const path = body.details?.path;
    if (typeof path !== "string" || path === "") continue;
    if (seen.has(path)) continue;
    seen.add(path);
    files++;
    const findings = findingsOf(body.details?.infoTypes);
    if (findings.length === 0) continue;
    filesWithFindings++;
    const folderName = typeof body.details?.folder === "string" ? body.details.folder : folderOf(path);
    let folder = folders.get(folderName);
    if (!folder) {
      folder = { folder: folderName, files: 0, instances: 0, byInfoType: {} };
      folders.set(folderName, folder);
    }
    folder.files++;
    for (const f of findings) {
      let type = types.get(f.sitId);
      if (!type) {
        type = { sitId: f.sitId, name: f.name, files: 0, instances: 0 };
        types.set(f.sitId, type);
      }
      type.files++;
      type.instances += f.count;
      folder.instances += f.count;
      folder.byInfoType[f.sitId] = (folder.byInfoType[f.sitId] ?? 0) + 1;
    }
  }
  const byFiles = <T extends { files: number; instances: number }>(a: T, b: T) =>
    b.files - a.files || b.instances - a.instances;
  return {
    files,
    filesWithFindings,
    byInfoType: [...types.values()].sort((a, b) => byFiles(a, b) || a.name.localeCompare(b.name)),
    byFolder: [...folders.values()]
      .sort((a, b) => byFiles(a, b) || a.folder.localeCompare(b.folder))
      .slice(0, topFolders),
    truncated,
  };
}
