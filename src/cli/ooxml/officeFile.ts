/**
 * An Office (OOXML) file as the scanner and the label commands see it: which application it belongs
 * to, its labels, its text, and labeling it atomically with a verified re-read.
 */
import { readFileSync, statSync } from "node:fs";
import type { LabelRecord, LabelWrite } from "../../core/metadata";
import type { LabelStorage } from "../../core/policy";
import { type AtomicFs, type FileIdentity, identityOf, nodeFs, replaceAtomically } from "./atomic";
import { FileFormatError } from "./errors";
import {
  CONTENT_TYPES_PART,
  OFFICE_DOCUMENT_RELATIONSHIP_TYPES,
  contentTypeOf,
  parseContentTypes,
  readPartText,
  targetsOf,
} from "./opc";
import {
  type LabelWriteTarget,
  type PackageLabels,
  planLabelChange,
  readPackageLabels,
  tenantLabel,
} from "./labels";
import { type ByteSource, bufferSource, fileSource } from "./source";
import { DecodeBudget } from "../formats/budget";
import { type ExtractResult, type OfficeKind, extractOfficeText } from "./text";
import { DEFAULT_ZIP_LIMITS, type ZipArchive, type ZipLimits, findEntry, openZip } from "./zipRead";
import { rewriteZip } from "./zipWrite";

export interface OfficePackage {
  archive: ZipArchive;
  kind: OfficeKind;
  mainPart: string;
}

function kindOf(contentType: string | undefined): OfficeKind | null {
  if (!contentType) return null;
  if (/wordprocessingml|ms-word/i.test(contentType)) return "word";
  if (/spreadsheetml|ms-excel/i.test(contentType)) return "excel";
  if (/presentationml|ms-powerpoint/i.test(contentType)) return "powerpoint";
  return null;
}

/** Opens the zip and finds the main part through the package's officeDocument relationship. */
export function openOfficePackage(source: ByteSource, limits: ZipLimits = DEFAULT_ZIP_LIMITS): OfficePackage {
  const archive = openZip(source, limits);
  const typesXml = readPartText(archive, CONTENT_TYPES_PART);
  if (typesXml === null)
    throw new FileFormatError("corrupt", `${CONTENT_TYPES_PART} is missing: not an Office package`);
  const types = parseContentTypes(typesXml);
  const mainPart = targetsOf(archive, "", OFFICE_DOCUMENT_RELATIONSHIP_TYPES)[0];
  if (!mainPart || !findEntry(archive, mainPart))
    throw new FileFormatError(
      "corrupt",
      "the package has no main document (officeDocument relationship): not an Office file",
    );
  const kind = kindOf(contentTypeOf(types, mainPart));
  if (!kind)
    throw new FileFormatError(
      "unsupported",
      `the main part ${mainPart} is not a Word, Excel or PowerPoint document`,
    );
  return { archive, kind, mainPart };
}

export interface OpenOfficeFile {
  path: string | Buffer;
  identity: FileIdentity;
  pkg: OfficePackage;
  close(): void;
}

/**
 * Files up to this size are read in one go (a presentation has hundreds of small parts; one read
 * beats a thousand); larger ones are read range by range, so memory stays bounded.
 */
export const READ_WHOLE_BYTES = 32 * 1024 * 1024;

export function openOfficeFile(
  path: string | Buffer,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): OpenOfficeFile {
  const identity = identityOf(statSync(path));
  const source = identity.size <= READ_WHOLE_BYTES ? bufferSource(readFileSync(path)) : fileSource(path);
  try {
    return { path, identity, pkg: openOfficePackage(source, limits), close: () => source.close() };
  } catch (err) {
    source.close();
    throw err;
  }
}

export function officeLabels(file: OpenOfficeFile): PackageLabels {
  return readPackageLabels(file.pkg.archive);
}

export interface ExtractedText extends ExtractResult {
  text: string;
}

/** The package's text to `sink` as it is read, within the file's decode budget. */
export function streamPackageText(
  pkg: OfficePackage,
  sink: (text: string) => void,
  budget: DecodeBudget = new DecodeBudget(),
): Promise<ExtractResult> {
  return extractOfficeText(pkg.archive, pkg.kind, pkg.mainPart, sink, budget);
}

/** The package's text as one string (tests, benchmarks); the scanner streams it instead. */
export async function packageText(pkg: OfficePackage, budget?: DecodeBudget): Promise<ExtractedText> {
  const pieces: string[] = [];
  const result = await streamPackageText(pkg, (t) => pieces.push(t), budget);
  return { ...result, text: pieces.join("") };
}

export interface WriteLabelOptions {
  storage: LabelStorage;
  /** Decide and verify nothing to write, but do not touch the file. */
  dryRun?: boolean;
  fs?: AtomicFs;
}

export interface WriteLabelOutcome {
  changed: boolean;
  target: LabelWriteTarget;
}

function sameLabel(found: LabelRecord | null, write: LabelWrite | null): boolean {
  if (write === null) return found === null;
  return (
    found !== null &&
    found.labelId === write.labelId &&
    found.method === write.method &&
    found.enabled &&
    !found.removed
  );
}

/**
 * Sets (or, with null, removes) our tenant's label in an open Office file, atomically. The written
 * file is re-opened and must carry exactly the intended label for the tenant and every original
 * part; otherwise the original stays byte-identical. Closes the file before the rename.
 */
export function writeOfficeLabel(
  file: OpenOfficeFile,
  labels: PackageLabels,
  siteId: string,
  write: LabelWrite | null,
  options: WriteLabelOptions,
): WriteLabelOutcome {
  const { archive } = file.pkg;
  const plan = planLabelChange(archive, labels, siteId, write, options.storage);
  if (!plan.changes || options.dryRun) return { changed: plan.changes !== null, target: plan.target };
  const changes = plan.changes;
  replaceAtomically(
    file.path,
    file.identity,
    {
      produce: (sink) => rewriteZip(archive, changes, sink),
      verify: (temp) => {
        const source = fileSource(temp);
        try {
          const written = openOfficePackage(source, archive.limits);
          const names = new Set(written.archive.entries.map((e) => e.name));
          for (const e of archive.entries) {
            if (!names.has(e.name))
              throw new FileFormatError("verify-failed", `the written file lost part ${e.name}`);
            const kept = !changes.replace.has(e.name.toLowerCase());
            const now = written.archive.byName.get(e.name.toLowerCase());
            if (kept && now && now.crc32 !== e.crc32)
              throw new FileFormatError("verify-failed", `part ${e.name} changed on the way`);
          }
          const found = tenantLabel(readPackageLabels(written.archive), siteId);
          if (!sameLabel(found, write))
            throw new FileFormatError(
              "verify-failed",
              "the written file does not read back with the intended label",
            );
        } catch (err) {
          if (err instanceof FileFormatError && err.code === "verify-failed") throw err;
          throw new FileFormatError(
            "verify-failed",
            `the written file does not re-open: ${(err as Error).message}`,
          );
        } finally {
          source.close();
        }
      },
      beforeRename: () => file.close(),
    },
    options.fs ?? nodeFs,
  );
  return { changed: true, target: plan.target };
}
