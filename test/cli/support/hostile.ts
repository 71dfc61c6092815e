/** Hostile and broken files: each must become a report row with an error, never a crash or a change. */
import { strToU8, unzipSync, zipSync } from "fflate";
import { buildDocx, buildPptx, buildXlsx } from "../../../bench/scanner/ooxml";
import { cardText } from "./helpers";

function centralOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= b.length; i++)
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 1 && b[i + 3] === 2) out.push(i);
  return out;
}

function nameAt(b: Uint8Array, central: number): string {
  const n = b[central + 28] | (b[central + 29] << 8);
  return Buffer.from(b.subarray(central + 46, central + 46 + n)).toString("latin1");
}

function setU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
}

/** A docx whose document.xml declares ~4 GB: refused before a byte is inflated. */
export function declaredBomb(): Uint8Array {
  const b = buildDocx([[cardText(1)]]);
  for (const c of centralOffsets(b)) if (nameAt(b, c) === "word/document.xml") setU32(b, c + 24, 0xfffffff0);
  return b;
}

/** A docx whose document.xml really expands to 64 MB but declares 2 KB: inflation stops at 2 KB. */
export function lyingBomb(): Uint8Array {
  const xml = new Uint8Array(64 * 1024 * 1024).fill(0x20);
  const b = buildDocx([["x"]], { parts: { "word/document.xml": xml }, level: 9 });
  for (const c of centralOffsets(b)) if (nameAt(b, c) === "word/document.xml") setU32(b, c + 24, 2048);
  return b;
}

export function oleFile(): Uint8Array {
  const b = new Uint8Array(8192);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return b;
}

export function truncated(): Uint8Array {
  const b = buildXlsx([["Credit card", "4111 1111 1111 1111"]]);
  return b.subarray(0, Math.floor(b.length * 0.6));
}

export function traversal(): Uint8Array {
  const good = buildDocx([[cardText(2)]]);
  const files = unzipSync(good);
  files["../../outside.xml"] = strToU8("<x/>");
  return zipSync(files);
}

export function malformedLabelInfo(): Uint8Array {
  return buildDocx([[cardText(12)]], {
    labelInfo:
      "<clbl:labelList xmlns:clbl='http://schemas.microsoft.com/office/2020/mipLabelMetadata'><clbl:label",
  });
}

export function malformedRels(): Uint8Array {
  const files = unzipSync(buildPptx([["hello"]]));
  files["_rels/.rels"] = strToU8("<Relationships><Relationship Id='rId1'");
  return zipSync(files);
}

export const HOSTILE: Record<string, { bytes: () => Uint8Array; code: string; message: RegExp }> = {
  "bomb.docx": { bytes: declaredBomb, code: "zip-bomb", message: /zip bomb/ },
  "lying-bomb.docx": {
    bytes: lyingBomb,
    code: "zip-bomb",
    message: /^part word\/document\.xml inflates beyond its declared 2048 bytes \(zip bomb\?\)$/,
  },
  "encrypted.docx": { bytes: oleFile, code: "encrypted", message: /^encrypted or legacy binary Office file/ },
  "truncated.xlsx": { bytes: truncated, code: "truncated", message: /truncated/ },
  "traversal.docx": { bytes: traversal, code: "unsafe-entry-name", message: /path traversal/ },
  "malformed-label.docx": {
    bytes: malformedLabelInfo,
    code: "label-metadata",
    message: /^docMetadata\/LabelInfo\.xml: /,
  },
  "malformed-rels.pptx": {
    bytes: malformedRels,
    code: "malformed-xml",
    message: /^_rels\/\.rels is not well-formed XML/,
  },
  "not-a-zip.pptx": {
    bytes: () => strToU8("just text pretending to be a presentation"),
    code: "not-zip",
    message: /^not a zip package/,
  },
};
