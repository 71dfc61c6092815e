/**
 * PDFs built by hand for the PDF label tests (so that what is read does not depend on our writer),
 * and the independent readers: python3-pypdf and qpdf. Both are required: a missing one fails the
 * suite with the package to install, never skips it.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { deflateSync } from "node:zlib";

export const SITE_B = "72f988bf-86f1-41af-91ab-2d7cd011db47";

/** `MSIP_Label_<guid>_<attr>` entries for an information dictionary, as PDF source. */
export function infoEntries(labelId: string, siteId: string, extra: Record<string, string> = {}): string {
  const attrs = { Enabled: "true", Method: "Standard", SiteId: siteId, ContentBits: "0", ...extra };
  return Object.entries(attrs)
    .map(([k, v]) => `/MSIP_Label_${labelId}_${k} (${v.replace(/[\\()]/g, (c) => `\\${c}`)})`)
    .join(" ");
}

/** An XMP packet with `pdfx:` label properties, as Office writes it. */
export function xmpPacket(labelId: string, siteId: string, extra: Record<string, string> = {}): string {
  const attrs = { Enabled: "true", Method: "Standard", SiteId: siteId, ContentBits: "0", ...extra };
  const props = Object.entries(attrs)
    .map(([k, v]) => `<pdfx:MSIP_Label_${labelId}_${k}>${v}</pdfx:MSIP_Label_${labelId}_${k}>`)
    .join("\n");
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">\n' +
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n' +
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>hand</pdf:Producer></rdf:Description>\n' +
    `<rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">\n${props}\n</rdf:Description>\n` +
    '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
  );
}

export interface PdfParts {
  /** The page's text lines (Helvetica); one line of filler when undefined. */
  text?: string[];
  /** The information dictionary's inside (`/Title (x) …`); none when undefined. */
  info?: string;
  /** The XMP stream: its bytes and, optionally, the filter they are encoded with. */
  xmp?: { data: Uint8Array; filter?: string };
  /** More objects (numbered from 7), as PDF source. */
  extra?: string[];
  /** Catalog entries beyond /Type, /Pages and /Metadata. */
  catalogExtra?: string;
  trailerExtra?: string;
}

const latin1 = (s: string) => Buffer.from(s, "latin1");

function streamObject(data: Uint8Array, dict: string): Buffer {
  return Buffer.concat([
    latin1(`<< ${dict} /Length ${data.length} >>\nstream\n`),
    data,
    latin1("\nendstream"),
  ]);
}

/** A one-page PDF: 1 catalog, 2 pages, 3 page, 4 contents, 5 info, 6 metadata, 7… extra. */
export function buildPdf(parts: PdfParts = {}): Buffer {
  const lines = parts.text ?? ["Quarterly figures"];
  const content =
    "BT /F1 12 Tf 72 720 Td 14 TL\n" +
    lines.map((l) => `(${l.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj T*`).join("\n") +
    "\nET";
  const metadata = parts.xmp ? " /Metadata 6 0 R" : "";
  const objects: Buffer[] = [
    latin1(`<< /Type /Catalog /Pages 2 0 R${metadata}${parts.catalogExtra ?? ""} >>`),
    latin1("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    latin1(
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R " +
        "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
    ),
    streamObject(latin1(content), ""),
    latin1(`<< ${parts.info ?? ""} >>`),
    parts.xmp
      ? streamObject(
          parts.xmp.data,
          `/Type /Metadata /Subtype /XML${parts.xmp.filter ? ` /Filter /${parts.xmp.filter}` : ""}`,
        )
      : latin1("null"),
    ...(parts.extra ?? []).map(latin1),
  ];
  const chunks: Buffer[] = [latin1("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")];
  let length = chunks[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const c = Buffer.concat([latin1(`${i + 1} 0 obj\n`), o, latin1("\nendobj\n")]);
    chunks.push(c);
    length += c.length;
  });
  const info = parts.info === undefined ? "" : " /Info 5 0 R";
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("") +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${info}${parts.trailerExtra ?? ""} >>\nstartxref\n${length}\n%%EOF\n`;
  chunks.push(latin1(xref));
  return Buffer.concat(chunks);
}

function lastStartxref(bytes: Buffer): number {
  const tail = bytes.toString("latin1");
  return Number(/startxref\s+(\d+)/.exec(tail.slice(tail.lastIndexOf("startxref")))![1]);
}

/** Appends an incremental update that (re)defines `objects` (number → source) and ends with a trailer. */
export function appendRevision(bytes: Buffer, objects: Record<number, string>, trailer: string): Buffer {
  const chunks: Buffer[] = [bytes];
  let length = bytes.length;
  const entries: string[] = [];
  for (const [n, source] of Object.entries(objects)) {
    const c = latin1(`${n} 0 obj\n${source}\nendobj\n`);
    entries.push(`${n} 1\n${String(length).padStart(10, "0")} 00000 n \n`);
    chunks.push(c);
    length += c.length;
  }
  const size = Math.max(...Object.keys(objects).map(Number)) + 1;
  chunks.push(
    latin1(
      `xref\n${entries.join("")}trailer\n<< /Size ${Math.max(size, 8)} /Prev ${lastStartxref(bytes)} ${trailer} >>\nstartxref\n${length}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(chunks);
}

/** A Flate stream that inflates to `size` zero bytes. */
export function flateBomb(size: number): Uint8Array {
  return deflateSync(Buffer.alloc(size), { level: 9 });
}

export const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";
export const QPDF = process.env.QPDF ?? "/usr/bin/qpdf";

/** Fails loudly when an independent reader is missing (.ci/run installs both). */
export function requireIndependentReaders(): void {
  const py = spawnSync(PYTHON, ["-c", "import pypdf"], { encoding: "utf8" });
  if (py.status !== 0)
    throw new Error(
      `${PYTHON} cannot import pypdf: install python3-pypdf (.ci/run does) or set PYTHON. The PDF suite does not skip.`,
    );
  if (!existsSync(QPDF))
    throw new Error(
      `qpdf is not at ${QPDF}: install qpdf (.ci/run does) or set QPDF. The PDF suite does not skip.`,
    );
}

/** What pypdf reads: the /Info entries and the pdfx properties of the XMP packet. */
export function readWithPypdf(path: string): { info: Record<string, string>; pdfx: Record<string, string> } {
  const script = `
import json, sys, pypdf
r = pypdf.PdfReader(sys.argv[1])
info = {k[1:]: str(v) for k, v in (r.metadata or {}).items()}
pdfx = {}
x = r.xmp_metadata
if x is not None:
    for d in x.rdf_root.getElementsByTagNameNS("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "Description"):
        for e in d.childNodes:
            if e.nodeType == e.ELEMENT_NODE and e.namespaceURI == "http://ns.adobe.com/pdfx/1.3/":
                pdfx[e.localName] = "".join(t.data for t in e.childNodes if t.nodeType == t.TEXT_NODE)
print(json.dumps({"info": info, "pdfx": pdfx}))
`;
  const r = spawnSync(PYTHON, ["-c", script, path], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pypdf could not read ${path}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { info: Record<string, string>; pdfx: Record<string, string> };
}

/** qpdf --check: exit status (0 clean, 2 errors, 3 warnings) and its warnings without the path. */
export function qpdfCheck(path: string): { status: number; problems: string[] } {
  const r = spawnSync(QPDF, ["--check", path], { encoding: "utf8" });
  const problems = r.stderr
    .split("\n")
    .filter((l) => /^(WARNING|ERROR)/.test(l))
    .map((l) => l.split(path).join("<file>"));
  return { status: r.status ?? -1, problems };
}
