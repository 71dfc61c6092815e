/**
 * Replace a file so that it is either the old bytes or the new, verified bytes — never anything in
 * between: write a temporary file beside the original, flush it, re-open and verify it, check the
 * original did not change meanwhile, then rename over it. On any failure the temporary file is
 * removed and the original is untouched. The file system is injectable so tests can fail each step.
 */
import * as fs from "node:fs";
import { randomBytes } from "node:crypto";
import { type FsPath, basenamePath, dirnamePath, joinPath } from "../scan/fsPath";
import { FileFormatError } from "./errors";

export interface AtomicFs {
  openSync(path: FsPath, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset?: number, length?: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: FsPath, to: FsPath): void;
  unlinkSync(path: FsPath): void;
  statSync(path: FsPath): fs.Stats;
}

export const nodeFs: AtomicFs = {
  openSync: (p, flags, mode) => fs.openSync(p, flags, mode),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (a, b) => fs.renameSync(a, b),
  unlinkSync: (p) => fs.unlinkSync(p),
  statSync: (p) => fs.statSync(p),
};

/** What the original looked like when we read it; a different file at rename time aborts the write. */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ino: number;
  mode: number;
}

export function identityOf(stats: fs.Stats): FileIdentity {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, mode: stats.mode };
}

export interface ByteSink {
  write(bytes: Uint8Array): void;
}

export interface AtomicSteps {
  /** Writes the new content. */
  produce(sink: ByteSink): void;
  /** Re-opens the written temporary file and throws if it is not what we meant to write. */
  verify(tempPath: FsPath): void;
  /** Called after verification, before the rename (e.g. to close the original's descriptor). */
  beforeRename?(): void;
}

/** The temporary name: hidden, beside the original (same file system, so rename is atomic). */
export function tempPathFor(path: FsPath): FsPath {
  const name = basenamePath(path);
  const suffix = `.labelbridge-${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  const temp =
    typeof name === "string"
      ? `.${name}${suffix}`
      : Buffer.concat([Buffer.from("."), name, Buffer.from(suffix)]);
  return joinPath(dirnamePath(path), temp);
}

/** Group 1 is the PID of the process that wrote it. */
export const TEMP_FILE_PATTERN = /^\..+\.labelbridge-(\d+)-[0-9a-f]{8}\.tmp$/;

const BUFFER_SIZE = 256 * 1024;

class BufferedFdSink implements ByteSink {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_SIZE);
  private used = 0;
  constructor(
    private readonly fsys: AtomicFs,
    private readonly fd: number,
  ) {}

  write(bytes: Uint8Array): void {
    if (bytes.length >= BUFFER_SIZE) {
      this.flush();
      this.writeAll(bytes);
      return;
    }
    if (this.used + bytes.length > BUFFER_SIZE) this.flush();
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  flush(): void {
    if (this.used > 0) this.writeAll(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private writeAll(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += this.fsys.writeSync(this.fd, bytes, done, bytes.length - done);
  }
}

export function replaceAtomically(
  path: FsPath,
  original: FileIdentity,
  steps: AtomicSteps,
  fsys: AtomicFs = nodeFs,
): void {
  const temp = tempPathFor(path);
  let fd: number | null = fsys.openSync(temp, "wx", original.mode & 0o777);
  try {
    const sink = new BufferedFdSink(fsys, fd);
    steps.produce(sink);
    sink.flush();
    fsys.fsyncSync(fd);
    const closing = fd;
    fd = null;
    fsys.closeSync(closing);
    steps.verify(temp);
    steps.beforeRename?.();
    const now = fsys.statSync(path);
    if (now.size !== original.size || now.mtimeMs !== original.mtimeMs || now.ino !== original.ino)
      throw new FileFormatError(
        "changed-during-write",
        "the file changed while it was being labeled; it was left as it is now",
      );
    fsys.renameSync(temp, path);
  } catch (err) {
    if (fd !== null) {
      try {
        fsys.closeSync(fd);
      } catch {
        // already failing; the unlink below is what matters
      }
    }
    try {
      fsys.unlinkSync(temp);
    } catch {
      // the temporary file may never have been created
    }
    throw err;
  }
  syncDirectory(dirnamePath(path));
}

/** Makes the rename durable where the platform allows fsync on a directory. */
function syncDirectory(dir: FsPath): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // not supported (Windows) or not permitted: the rename itself already happened
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
