/**
 * Labeling and encrypting an Office file in one atomic step: the labeled package is built in memory,
 * encrypted with the file's own key, written beside the original, re-opened with the key and compared
 * byte for byte, then renamed over the original. On any failure the original stays byte-identical.
 * The key must already be escrowed: a file is never left encrypted with a key nobody keeps.
 */
import { readFileSync } from "node:fs";
import type { LabelWrite } from "../../core/metadata";
import { type AtomicFs, nodeFs, replaceAtomically } from "../ooxml/atomic";
import { FileFormatError } from "../ooxml/errors";
import type { LabelStorage } from "../../core/policy";
import {
  type LabelWriteTarget,
  type PackageLabels,
  planLabelChange,
  readPackageLabels,
  tenantLabel,
} from "../ooxml/labels";
import {
  type OpenOfficeFile,
  type WriteLabelOptions,
  type WriteLabelOutcome,
  openOfficePackage,
} from "../ooxml/officeFile";
import { bufferSource } from "../ooxml/source";
import { rewriteZip } from "../ooxml/zipWrite";
import type { ZipArchive } from "../ooxml/zipRead";
import { decryptContainer, encryptPackage, openContainer } from "./agile";

/** ContentBits 0x8: the item is encrypted (mip-metadata: ContentBits). */
export const CONTENT_BIT_ENCRYPTION = 0x8;

export interface ProtectKey {
  keyId: string;
  password: string;
  salt: Buffer;
}

/** Same shape as writeOfficeLabel, so a labeling path can take either. */
export type LabelWriter = (
  file: OpenOfficeFile,
  labels: PackageLabels,
  siteId: string,
  write: LabelWrite | null,
  options: WriteLabelOptions,
) => WriteLabelOutcome;

/** The package with `write` applied, in memory, checked to read back with exactly that label. */
export function labeledPackageBytes(
  archive: ZipArchive,
  labels: PackageLabels,
  siteId: string,
  write: LabelWrite,
  storage: LabelStorage,
): { bytes: Buffer; target: LabelWriteTarget } {
  const plan = planLabelChange(archive, labels, siteId, write, storage);
  const chunks: Uint8Array[] = [];
  rewriteZip(archive, plan.changes ?? { replace: new Map(), add: [] }, {
    write: (b) => void chunks.push(Buffer.from(b)),
  });
  const bytes = Buffer.concat(chunks);
  const found = tenantLabel(
    readPackageLabels(openOfficePackage(bufferSource(bytes), archive.limits).archive),
    siteId,
  );
  if (
    !found ||
    found.labelId !== write.labelId ||
    found.contentBits !== write.contentBits ||
    !found.enabled ||
    found.removed
  )
    throw new FileFormatError(
      "verify-failed",
      "the labeled package does not read back with the intended label",
    );
  return { bytes, target: plan.target };
}

/** A LabelWriter that encrypts with `key` (already escrowed) while it labels. */
export function protectingWriter(key: ProtectKey): LabelWriter {
  return (file, labels, siteId, write, options) => {
    if (write === null)
      throw new FileFormatError("unsupported", "removing a label does not encrypt; nothing to protect");
    const marked = { ...write, contentBits: write.contentBits | CONTENT_BIT_ENCRYPTION };
    const labeled = labeledPackageBytes(file.pkg.archive, labels, siteId, marked, options.storage);
    if (options.dryRun) return { changed: true, target: labeled.target };
    const container = encryptPackage(labeled.bytes, key);
    replaceAtomically(
      file.path,
      file.identity,
      {
        produce: (sink) => sink.write(container),
        verify: (temp) => {
          const opened = openContainer(readFileSync(temp));
          if (opened.keyId !== key.keyId)
            throw new FileFormatError("verify-failed", "the written file does not carry the escrowed key id");
          if (!decryptContainer(opened, key.password).equals(labeled.bytes))
            throw new FileFormatError(
              "verify-failed",
              "the written file does not decrypt to the labeled package",
            );
        },
        beforeRename: () => file.close(),
      },
      options.fs ?? (nodeFs as AtomicFs),
    );
    return { changed: true, target: labeled.target };
  };
}
