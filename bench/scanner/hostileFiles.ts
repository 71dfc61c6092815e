/**
 * Hostile files that expand far beyond their size, for the hostile-file bench and the CLI tests:
 * PDFs whose content stream is a Flate bomb, an OOXML package of several huge text parts, and mail
 * that nests such files. Everything is generated streaming (node:zlib), so a file that inflates to
 * gigabytes is written without ever holding its inflated content.
 */
import { once } from "node:events";
import { createDeflate, createDeflateRaw, crc32 } from "node:zlib";

const MiB = 1024 * 1024;

/**
 * Deflates `head`, then `fill` repeated up to `total` bytes, then `tail`, without holding the
 * result: returns the compressed bytes, the CRC-32 and the size of what they inflate to.
 */
export async function deflateRepeated(
  parts: { head: Uint8Array; fill: number; total: number; tail?: Uint8Array },
  raw: boolean,
): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflate = raw ? createDeflateRaw({ level: 9 }) : createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (c: Buffer) => out.push(c));
  const tail = parts.tail ?? new Uint8Array(0);
  let crc = 0;
  let size = 0;
  const write = async (b: Uint8Array) => {
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await once(deflate, "drain");
  };
  await write(parts.head);
  const block = Buffer.alloc(16 * MiB, parts.fill);
  let left = parts.total - parts.head.length - tail.length;
  while (left > 0) {
    const n = Math.min(block.length, left);
    await write(block.subarray(0, n));
    left -= n;
  }
  await write(tail);
  deflate.end();
  await once(deflate, "end");
  return { data: Buffer.concat(out), crc: crc >>> 0, size };
}

/**
 * A one-page PDF whose content stream shows `lines` and then runs on (spaces) to `inflatedBytes`,
 * Flate-compressed: a few megabytes on disk for gigabytes inflated.
 */
export async function flateBombPdf(lines: string[], inflatedBytes: number): Promise<Buffer> {
  const text =
    "BT /F1 12 Tf 72 720 Td 14 TL\n" +
    lines.map((l) => "(" + l.replace(/[\\()]/g, (m) => "\\" + m) + ") Tj T*").join("\n") +
    "\nET\n";
  const stream = await deflateRepeated(
    { head: Buffer.from(text, "latin1"), fill: 0x20, total: inflatedBytes },
    false,
  );
  return pdfWithStreams([{ dict: "/Filter /FlateDecode", data: stream.data }]);
}

/**
 * A PDF with the given streams (object 5 onwards): images become the page's XObjects, the others
 * its content; Helvetica is /F1.
 */
export function pdfWithStreams(streams: Array<{ dict: string; data: Uint8Array }>): Buffer {
  const first = 5;
  const isImage = (s: { dict: string }) => /\/Subtype\s*\/Image/.test(s.dict);
  const contents = streams
    .map((s, i) => (isImage(s) ? "" : `${first + i} 0 R`))
    .filter(Boolean)
    .join(" ");
  const images = streams
    .map((s, i) => (isImage(s) ? `/Im${i} ${first + i} 0 R` : ""))
    .filter(Boolean)
    .join(" ");
  const objects: Buffer[] = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    Buffer.from(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [${contents}] /Resources << /Font << /F1 4 0 R >> /XObject << ${images} >> >> >>`,
    ),
    Buffer.from("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
    ...streams.map((s) =>
      Buffer.concat([
        Buffer.from(`<< ${s.dict} /Length ${s.data.length} >>\nstream\n`, "latin1"),
        s.data,
        Buffer.from("\nendstream"),
      ]),
    ),
  ];
  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let at = chunks[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(at);
    const piece = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from("\nendobj\n")]);
    chunks.push(piece);
    at += piece.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => String(o).padStart(10, "0") + " 00000 n \n").join("") +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  chunks.push(Buffer.from(xref));
  return Buffer.concat(chunks);
}

interface ZipPart {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
  method: 0 | 8;
}

function storedPart(name: string, text: string): ZipPart {
  const data = Buffer.from(text);
  return { name, data, crc: crc32(data) >>> 0, size: data.length, method: 0 };
}

/** A zip of already compressed parts (local headers, data, central directory; no ZIP64). */
export function zipOf(parts: ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let at = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    local.copy(record, 8, 6, 30);
    record.writeUInt32LE(at, 42);
    central.push(record, name);
    chunks.push(local, name, p.data);
    at += 30 + name.length + p.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(at, 16);
  return Buffer.concat([...chunks, directory, end]);
}

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/**
 * A docx whose body, two headers and two footers each inflate to `partBytes`: a paragraph with
 * `lines[i]` first, then one long run of spaces inside a text element (so the part stays a single
 * text node of hundreds of megabytes, the worst case for a reader that builds strings).
 */
export async function hugePartsDocx(lines: string[], partBytes: number): Promise<Buffer> {
  const names = ["document", "header1", "header2", "footer1", "footer2"];
  const roots = ["w:document", "w:hdr", "w:hdr", "w:ftr", "w:ftr"];
  const huge: ZipPart[] = [];
  for (const [i, name] of names.entries()) {
    const open = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<${roots[i]} xmlns:w="${W}">${i === 0 ? "<w:body>" : ""}<w:p><w:r><w:t>${lines[i] ?? ""}</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">`;
    const close = `</w:t></w:r></w:p>${i === 0 ? "</w:body>" : ""}</${roots[i]}>`;
    const part = await deflateRepeated(
      { head: Buffer.from(open), fill: 0x20, total: partBytes, tail: Buffer.from(close) },
      true,
    );
    huge.push({ name: `word/${name}.xml`, ...part, method: 8 });
  }
  const rels = names
    .slice(1)
    .map((n, i) => `<Relationship Id="rId${i + 2}" Type="${REL}/${n.replace(/\d$/, "")}" Target="${n}.xml"/>`)
    .join("");
  const ct = "application/vnd.openxmlformats-officedocument.wordprocessingml";
  return zipOf([
    storedPart(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${ct}.document.main+xml"/></Types>`,
    ),
    storedPart(
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    storedPart(
      "word/_rels/document.xml.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    ),
    ...huge,
  ]);
}

/** A MIME message with the given attachments (base64), as a stored .eml. */
export function mailWith(
  subject: string,
  body: string,
  attachments: Array<{ name: string; type: string; bytes: Uint8Array }>,
): Buffer {
  const boundary = "labelbridge-hostile-boundary";
  const parts = attachments.map(
    (a) =>
      `--${boundary}\r\nContent-Type: ${a.type}; name="${a.name}"\r\nContent-Disposition: attachment; filename="${a.name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(
        a.bytes,
      )
        .toString("base64")
        .replace(/.{76}/g, "$&\r\n")}\r\n`,
  );
  return Buffer.from(
    `From: a@example.com\r\nTo: b@example.com\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n` +
      `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n` +
      parts.join("") +
      `--${boundary}--\r\n`,
  );
}

/** A message nested `depth` times as message/rfc822 attachments around `inner`. */
export function nestedMail(inner: Buffer, depth: number): Buffer {
  let mail = inner;
  for (let i = 0; i < depth; i++)
    mail = mailWith(`level ${depth - i}`, `wrapper ${i}`, [
      { name: `level-${i}.eml`, type: "message/rfc822", bytes: mail },
    ]);
  return mail;
}
