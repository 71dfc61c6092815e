/**
 * Opening a protected file: read its key id, ask the server for the key (it decides and audits),
 * decrypt and check the package. `unprotect` then writes the plain package — its label kept, the
 * encryption bit of ContentBits cleared — atomically over the file or to --out; the scanner reads the
 * plain package in memory only.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { type AtomicFs, identityOf, nodeFs, replaceAtomically } from "../ooxml/atomic";
import { FileFormatError } from "../ooxml/errors";
import { readPackageLabels } from "../ooxml/labels";
import { type OfficePackage, openOfficePackage } from "../ooxml/officeFile";
import { bufferSource } from "../ooxml/source";
import { DEFAULT_ZIP_LIMITS } from "../ooxml/zipRead";
import { decryptContainer, openContainer } from "./agile";
import { type KeyServer, type ReleasedKey, releaseKey } from "./keyClient";
import { CONTENT_BIT_ENCRYPTION, labeledPackageBytes } from "./protectFile";

export interface OpenedProtectedFile {
  keyId: string;
  key: ReleasedKey;
  /** The decrypted Office package. */
  plain: Buffer;
  pkg: OfficePackage;
}

/** Decrypts `bytes` with the key the server releases to the caller; throws ProtectionError otherwise. */
export async function openProtected(
  bytes: Uint8Array,
  itemName: string,
  keys: KeyServer,
): Promise<OpenedProtectedFile> {
  const opened = openContainer(bytes);
  const key = await releaseKey(keys, opened.keyId, itemName);
  const plain = decryptContainer(opened, key.password);
  let pkg: OfficePackage;
  try {
    pkg = openOfficePackage(bufferSource(plain), DEFAULT_ZIP_LIMITS);
  } catch (err) {
    throw new FileFormatError(
      "corrupt",
      `the decrypted content is not an Office package: ${(err as Error).message}`,
    );
  }
  return { keyId: opened.keyId, key, plain, pkg };
}

/** The plain package with the label's encryption bit cleared (the file is no longer encrypted). */
export function withoutEncryptionBit(file: OpenedProtectedFile): Buffer {
  const labels = readPackageLabels(file.pkg.archive);
  const record = labels.effective.find((r) => r.labelId === file.key.labelId);
  if (!record || record.contentBits === null || (record.contentBits & CONTENT_BIT_ENCRYPTION) === 0)
    return file.plain;
  const storage = record.source === "LabelInfo.xml" ? "labelInfo" : "customProperties";
  return labeledPackageBytes(
    file.pkg.archive,
    labels,
    record.siteId,
    {
      labelId: record.labelId,
      siteId: record.siteId,
      method: record.method ?? "Privileged",
      name: record.name ?? record.labelId,
      contentBits: record.contentBits & ~CONTENT_BIT_ENCRYPTION,
      setDate: record.setDate ?? new Date(),
      actionId: randomUUID(),
    },
    storage,
  ).bytes;
}

export interface UnprotectResult {
  path: string;
  out: string;
  keyId: string;
  labelId: string;
  labelName: string | null;
  grant: ReleasedKey["grant"];
}

/** Decrypts `path` to `out` (the same path replaces it); the original stays as it was on any failure. */
export async function unprotectFile(
  path: string,
  out: string,
  keys: KeyServer,
  fsys: AtomicFs = nodeFs,
): Promise<UnprotectResult> {
  const identity = identityOf(statSync(path));
  const opened = await openProtected(readFileSync(path), basename(path), keys);
  const plain = withoutEncryptionBit(opened);
  if (out !== path) writeNew(out, plain, fsys);
  else
    replaceAtomically(
      path,
      identity,
      {
        produce: (sink) => sink.write(plain),
        verify: (temp) => {
          const written = readFileSync(temp);
          if (!written.equals(plain))
            throw new FileFormatError("verify-failed", "the written file is not the decrypted package");
        },
      },
      fsys,
    );
  return {
    path,
    out,
    keyId: opened.keyId,
    labelId: opened.key.labelId,
    labelName: opened.key.labelName,
    grant: opened.key.grant,
  };
}

/** --out: a new file, never over an existing one. */
function writeNew(out: string, bytes: Buffer, fsys: AtomicFs): void {
  const fd = fsys.openSync(out, "wx", 0o644);
  try {
    let done = 0;
    while (done < bytes.length) done += fsys.writeSync(fd, bytes, done, bytes.length - done);
    fsys.fsyncSync(fd);
  } catch (err) {
    fsys.closeSync(fd);
    fsys.unlinkSync(out);
    throw err;
  }
  fsys.closeSync(fd);
}
