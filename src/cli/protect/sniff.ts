/**
 * Telling an encrypted Office file from a plain one by its first bytes, without loading the
 * encryption code: an encrypted package is a compound file, a plain one a zip.
 */
import type { FsPath } from "../scan/fsPath";
import { closeSync, openSync, readSync } from "node:fs";

const CFB_MAGIC = Buffer.from("d0cf11e0a1b11ae1", "hex");

/** True when the bytes start like a compound file (an encrypted Office file, or a legacy binary one). */
export function looksLikeCompoundFile(head: Uint8Array): boolean {
  return head.length >= 8 && Buffer.from(head.buffer, head.byteOffset, 8).equals(CFB_MAGIC);
}

/** True when the file starts like a compound file: encrypted (by Labelbridge or with an Office password). */
export function isEncryptedFile(path: FsPath): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(path, "r");
    const head = Buffer.alloc(8);
    return readSync(fd, head, 0, 8, 0) === 8 && looksLikeCompoundFile(head);
  } catch {
    return false; // missing or unreadable: the step that reads it reports why
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
