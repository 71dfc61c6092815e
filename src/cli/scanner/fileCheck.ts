/**
 * Incremental rescans: a file is unchanged when its size and mtime are those the job's last run
 * recorded, or, when only the mtime moved, its content hash (SHA-256) still is. Unchanged files are
 * not read for content at all in the first case, and only hashed in the second.
 */
import { createHash } from "node:crypto";
import { closeSync, createReadStream, fstatSync, openSync, readFileSync, statSync } from "node:fs";

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

export interface FileCheck {
  unchanged: boolean;
  seen: FileSeen | null;
  hash: string | null;
  /** The content the hash was taken from, when it was read in one go: the scan need not read it again. */
  bytes: Buffer | null;
}

function seenOf(stats: { size: number; mtimeMs: number }): FileSeen {
  return { size: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) };
}

export function seen(path: string): FileSeen | null {
  try {
    return seenOf(statSync(path));
  } catch {
    return null; // the scan itself reports why the file cannot be read
  }
}

/** Files up to this size are hashed from one read: a stream costs more than the hashing itself. */
const ONE_READ = 4 * 1024 * 1024;

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

export function contentHash(path: string, size = Infinity): Promise<string | null> {
  if (size <= ONE_READ) {
    try {
      return Promise.resolve(sha256(readFileSync(path)));
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

function isUnchanged(previous: Previous | null, now: FileSeen, hash: string | null): boolean {
  return previous !== null && hash !== null && previous.size === now.size && previous.hash === hash;
}

/**
 * The state to record for the file now, and whether it is unchanged since `previous`. A small file
 * is opened once: its size and mtime from the open file, its content read whole for the hash.
 */
export async function checkFile(path: string, previous: Previous | null): Promise<FileCheck> {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    // Not readable: still record what stat says; the scan reports why it cannot be read.
    return { unchanged: false, seen: seen(path), hash: null, bytes: null };
  }
  let now: FileSeen;
  try {
    now = seenOf(fstatSync(fd));
    if (previous && previous.size === now.size && previous.mtimeMs === now.mtimeMs)
      return { unchanged: true, seen: now, hash: previous.hash, bytes: null };
    if (now.size <= ONE_READ) {
      let bytes: Buffer | null = null;
      try {
        bytes = readFileSync(fd);
      } catch {
        // as contentHash: no hash, the scan reports the read error
      }
      const hash = bytes ? sha256(bytes) : null;
      return { unchanged: isUnchanged(previous, now, hash), seen: now, hash, bytes };
    }
  } finally {
    closeSync(fd);
  }
  const hash = await contentHash(path, now.size);
  return { unchanged: isUnchanged(previous, now, hash), seen: now, hash, bytes: null };
}
