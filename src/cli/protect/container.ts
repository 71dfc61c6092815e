/**
 * The compound file (CFB) around an encrypted Office package: the \x06DataSpaces storage, the
 * EncryptionInfo stream and the EncryptedPackage stream — so an outsider sees the encryption
 * parameters and the package's size, never its label or content (docs/deploy.md).
 */
import * as CFB from "cfb";
import { dataSpaceStreams } from "./dataSpaces";
import { ProtectionError } from "./errors";
import { looksLikeCompoundFile } from "./sniff";

export { looksLikeCompoundFile };

export function writeContainer(encryptionInfo: Buffer, encryptedPackage: Buffer): Buffer {
  const cfb = CFB.utils.cfb_new();
  for (const [path, bytes] of dataSpaceStreams()) CFB.utils.cfb_add(cfb, `/${path}`, bytes);
  CFB.utils.cfb_add(cfb, "/EncryptionInfo", encryptionInfo);
  CFB.utils.cfb_add(cfb, "/EncryptedPackage", encryptedPackage);
  // The cfb library always writes a 4-byte marker stream of its own ("\x01Sh33tJ5"); readers of
  // encrypted packages look only for the streams above (docs/deploy.md says what an outsider sees).
  return Buffer.from(CFB.write(cfb, { type: "buffer" }) as Uint8Array);
}

export interface EncryptedStreams {
  encryptionInfo: Buffer;
  encryptedPackage: Buffer;
}

function content(entry: CFB.CFB$Entry | null): Buffer | null {
  if (!entry || entry.type !== 2 || !entry.content) return null;
  return Buffer.from(entry.content as Uint8Array);
}

/** The two encryption streams of an encrypted Office file; throws a named ProtectionError otherwise. */
export function readContainer(bytes: Uint8Array): EncryptedStreams {
  if (!looksLikeCompoundFile(bytes))
    throw new ProtectionError(
      "not-protected",
      "the file is not encrypted (it is not a compound file; a plain Office file is a zip package)",
    );
  let cfb: CFB.CFB$Container;
  try {
    cfb = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), { type: "buffer" });
  } catch (err) {
    throw new ProtectionError(
      "corrupt-container",
      `the encrypted container cannot be read: ${(err as Error).message}`,
    );
  }
  const encryptionInfo = content(CFB.find(cfb, "/EncryptionInfo"));
  const encryptedPackage = content(CFB.find(cfb, "/EncryptedPackage"));
  if (!encryptionInfo && !encryptedPackage)
    throw new ProtectionError(
      "not-encrypted-package",
      "the compound file has no EncryptionInfo and EncryptedPackage streams: it is not an encrypted Word, Excel or PowerPoint file (a legacy .doc/.xls/.ppt?)",
    );
  if (!encryptionInfo || !encryptedPackage)
    throw new ProtectionError(
      "corrupt-container",
      `the encrypted container has no ${encryptionInfo ? "EncryptedPackage" : "EncryptionInfo"} stream`,
    );
  return { encryptionInfo, encryptedPackage };
}
