/**
 * Incremental rescans: a file is unchanged when its size and mtime are those the job's last run
 * recorded, or, when only the mtime moved, its content hash (SHA-256) still is. Unchanged files are
 * not read for content at all in the first case, and only hashed in the second.
 */
import { createHash } from "node:crypto";
import { createReadStream, readFileSync, statSync } from "node:fs";

export interface FileSeen {
  size: number;
  /** Whole milliseconds (what the backend stores). */
  mtimeMs: number;
}

export interface Previous {
  size: number;
  mtimeMs: number;
  hash: string;
}

export function seen(path: string): FileSeen | null {
  try {
    const s = statSync(path);
    return { size: s.size, mtimeMs: Math.trunc(s.mtimeMs) };
  } catch {
    return null; // the scan itself reports why the file cannot be read
  }
}

/** Files up to this size are hashed from one read: a stream costs more than the hashing itself. */
const ONE_READ = 4 * 1024 * 1024;

export function contentHash(path: string, size = Infinity): Promise<string | null> {
  if (size <= ONE_READ) {
    try {
      return Promise.resolve(createHash("sha256").update(readFileSync(path)).digest("hex"));
    } catch {
      return Promise.resolve(null);
    }
  }
  return new Promise((resolve) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", () => resolve(null))
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/** The state to record for the file now, and whether it is unchanged since `previous`. */
export async function checkFile(
  path: string,
  previous: Previous | null,
): Promise<{ unchanged: boolean; seen: FileSeen | null; hash: string | null }> {
  const now = seen(path);
  if (!now) return { unchanged: false, seen: null, hash: null };
  if (previous && previous.size === now.size && previous.mtimeMs === now.mtimeMs)
    return { unchanged: true, seen: now, hash: previous.hash };
  const hash = await contentHash(path, now.size);
  return {
    unchanged: previous !== null && hash !== null && previous.size === now.size && previous.hash === hash,
    seen: now,
    hash,
  };
}
