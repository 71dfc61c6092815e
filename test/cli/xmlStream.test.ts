/**
 * The streaming tokenizer gives the same text however a part is cut into chunks: tags, multi-byte
 * characters and entities cut at a boundary are carried over; a tag longer than the carry limit is
 * skipped with its name and kind kept.
 */
import fc from "fast-check";
import { TextOut, WorksheetHandler, wordHandler } from "../../src/cli/ooxml/textHandlers";
import { XmlTokenizer } from "../../src/cli/ooxml/xmlStream";
import { wordPartText, worksheetText } from "../../src/cli/ooxml/text";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function chunked(
  bytes: Buffer,
  cuts: number[],
  make: (out: TextOut) => { names: string[] } & ConstructorParameters<typeof XmlTokenizer>[1],
): string {
  const pieces: string[] = [];
  const out = new TextOut((t) => pieces.push(t));
  const handler = make(out);
  const tokenizer = new XmlTokenizer(handler.names, handler);
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    tokenizer.push(bytes.subarray(at, cut));
    at = cut;
  }
  tokenizer.push(bytes.subarray(at));
  tokenizer.finish();
  out.flush();
  return pieces.join("");
}

const word =
  `<w:document ${W}><w:body><w:p><w:r><w:t>Carte bancaire ·</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">4111 1111 1111 1111 — Ünïcødé 😀 &amp; &#x31;&lt;</w:t></w:r>` +
  `<w:r><w:tab/><w:t/><w:delText>gone</w:delText></w:r></w:p><w:p><w:r><w:t>Second</w:t><w:br/><w:t>line</w:t></w:r></w:p></w:body></w:document>`;

test("Word: any chunking yields the text of the whole part", () => {
  const bytes = Buffer.from(word);
  const whole = wordPartText(word);
  expect(whole).toBe("Carte bancaire ·4111 1111 1111 1111 — Ünïcødé 😀 & 1<\tgone\nSecond\nline\n");
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
      expect(chunked(bytes, cuts, (out) => wordHandler("w", out))).toBe(whole);
    }),
    { numRuns: 300 },
  );
});

test("Excel: any chunking yields the rows of the whole sheet", () => {
  const S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const xml =
    `<worksheet ${S}><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><t>inlïne</t><rPh><t>x</t></rPh></is></c><c r="C1"><v>42</v></c></row>` +
    `<row r="2"><c r="A2" t="str"><f>A1&amp;"x"</f><v>richx</v></c><c r="B2" s="1"/><c r="C2" t="s"><v>0</v></c></row></sheetData></worksheet>`;
  const shared = ["SSN", "rich"];
  const bytes = Buffer.from(xml);
  const whole = worksheetText(xml, shared);
  expect(whole).toBe("rich\tinlïne\t42\nrichx\tSSN\n");
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
      expect(chunked(bytes, cuts, (out) => new WorksheetHandler("", shared, out))).toBe(whole);
    }),
    { numRuns: 300 },
  );
});

test("a tag longer than the carry limit is skipped, its kind kept; the text around it is read", () => {
  const long = `<w:p><w:r><w:t>before</w:t></w:r><w:pPr><w:rPr w:x="${"a".repeat(200_000)}"/></w:pPr><w:r><w:t>after</w:t></w:r></w:p>`;
  const bytes = Buffer.from(`<w:document ${W}><w:body>${long}</w:body></w:document>`);
  const text = chunked(bytes, [100, 70_000, 140_000], (out) => wordHandler("w", out));
  expect(text).toBe("beforeafter\n");
});
