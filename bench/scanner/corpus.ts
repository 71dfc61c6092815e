/**
 * A seeded corpus for the scanner bench: docx, xlsx, pptx, txt and eml files whose text comes from
 * the planted-text generator, so every file's sensitive numbers are known (the ground truth). The
 * formats are written the way real writers do it: Word runs split mid-number, sentences spread over
 * spreadsheet cells, slides with notes, mail bodies in quoted-printable with base64 attachments.
 * Same seed, same corpus.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { plantedText, seededRandom } from "../lib/plantedText";
import { buildDocx, buildPptx, buildXlsx } from "./ooxml";

export type CorpusType = "docx" | "xlsx" | "pptx" | "txt" | "eml";

export interface CorpusFile {
  path: string;
  type: CorpusType;
  bytes: number;
  /** Characters of source text in the file. */
  chars: number;
  /** Planted instances per sensitive information type id. */
  truth: Record<string, number>;
}

export interface CorpusOptions {
  seed: number;
  files: number;
  /** Approximate total source text, in MiB. */
  mb: number;
}

const TYPES: CorpusType[] = ["docx", "xlsx", "pptx", "txt", "eml"];

/** Splits text into sentences without cutting a planted number (numbers never contain ". "). */
function sentences(text: string): string[] {
  return text.split(/(?<=\.) (?=[A-Z])|\n\n/).filter((s) => s.length > 0);
}

/** Word splits runs wherever formatting changes, numbers included. */
function runs(paragraph: string, random: () => number): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < paragraph.length) {
    const len = 5 + Math.floor(random() * 60);
    out.push(paragraph.slice(at, at + len));
    at += len;
  }
  return out;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function quotedPrintable(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  let line = "";
  const lines: string[] = [];
  for (const b of bytes) {
    const piece =
      b === 0x0a
        ? "\n"
        : (b >= 33 && b <= 126 && b !== 61) || b === 32
          ? String.fromCharCode(b)
          : `=${b.toString(16).toUpperCase().padStart(2, "0")}`;
    if (piece === "\n") {
      lines.push(line);
      line = "";
      continue;
    }
    if (line.length + piece.length > 75) {
      lines.push(line + "=");
      line = "";
    }
    line += piece;
  }
  lines.push(line);
  return lines.join("\r\n");
}

function mail(text: string, random: () => number, n: number): string {
  const parts = sentences(text);
  const withAttachment = n % 3 === 0 && parts.length > 4;
  const bodyText = withAttachment ? parts.slice(0, Math.floor(parts.length / 2)).join(" ") : text;
  const head = [
    "From: Finance <finance@example.com>",
    "To: team@example.com",
    `Subject: Quarterly review ${n}`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="=_bench"',
    "",
    "--=_bench",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    quotedPrintable(bodyText),
  ];
  if (withAttachment) {
    const rest = parts.slice(Math.floor(parts.length / 2));
    const docx = Buffer.from(buildDocx(rest.map((p) => runs(p, random)))).toString("base64");
    head.push(
      "--=_bench",
      'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="details.docx"',
    );
    head.push(
      'Content-Disposition: attachment; filename="details.docx"',
      "Content-Transfer-Encoding: base64",
      "",
      docx.replace(/(.{76})/g, "$1\r\n"),
    );
  }
  head.push("--=_bench--", "");
  return head.join("\r\n");
}

export function render(type: CorpusType, text: string, random: () => number, n: number): Uint8Array {
  switch (type) {
    case "docx":
      return buildDocx(text.split("\n\n").map((p) => runs(p, random)));
    case "xlsx":
      return buildXlsx(chunk(sentences(text), 4));
    case "pptx": {
      const slides = chunk(sentences(text), 6);
      return buildPptx(
        slides.map((s) => s.slice(0, 4)),
        slides.map((s) => s.slice(4)),
      );
    }
    case "eml":
      return Buffer.from(mail(text, random, n), "utf8");
    default:
      return Buffer.from(text, "utf8");
  }
}

/** Writes the corpus under `dir` and returns every file with its ground truth. */
export function generateCorpus(dir: string, options: CorpusOptions): CorpusFile[] {
  const random = seededRandom(options.seed);
  const total = options.mb * 1024 * 1024;
  // Many small files and a few large ones, as in a file share.
  const weights = Array.from({ length: options.files }, () =>
    random() < 0.05 ? 20 + random() * 40 : 0.5 + random() * 2,
  );
  const sum = weights.reduce((a, b) => a + b, 0);
  const files: CorpusFile[] = [];
  weights.forEach((w, i) => {
    const type = TYPES[i % TYPES.length];
    const chars = Math.max(2000, Math.round((w / sum) * total));
    const { text, planted } = plantedText({ seed: options.seed * 100_003 + i, chars });
    const truth: Record<string, number> = {};
    for (const p of planted) for (const id of p.sitIds) truth[id] = (truth[id] ?? 0) + 1;
    const folder = join(dir, `dept-${i % 7}`, `year-${2019 + (i % 5)}`);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `file-${String(i).padStart(5, "0")}.${type}`);
    const bytes = render(type, text, random, i);
    writeFileSync(path, bytes);
    files.push({ path, type, bytes: bytes.length, chars: text.length, truth });
  });
  return files;
}
