import { zipSync, strToU8 } from "fflate";
import { buildDocx, buildPptx, buildXlsx } from "../../bench/scanner/ooxml";
import { openOfficePackage, packageText } from "../../src/cli/ooxml/officeFile";
import { bufferSource } from "../../src/cli/ooxml/source";
import { drawingPartText, sharedStrings, wordPartText, worksheetText } from "../../src/cli/ooxml/text";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

describe("Word text", () => {
  test("runs join within a paragraph (a card number split across runs stays whole); paragraphs end with a line", () => {
    const xml =
      `<w:document ${W}><w:body><w:p><w:r><w:t>Card </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>4111 1111</w:t></w:r>` +
      `<w:r><w:t xml:space="preserve"> 1111 1111</w:t></w:r></w:p><w:p><w:r><w:t>Second</w:t><w:tab/><w:t>cell</w:t></w:r></w:p></w:body></w:document>`;
    expect(wordPartText(xml)).toBe("Card 4111 1111 1111 1111\nSecond\tcell\n");
  });

  test("entities and character references are decoded; deleted text (tracked changes) is kept; empty runs are skipped", () => {
    const xml = `<w:document ${W}><w:body><w:p><w:r><w:t>A&amp;B &lt;x&gt; &#52;&#x31;11</w:t><w:t/></w:r><w:del><w:r><w:delText>gone 123</w:delText></w:r></w:del></w:p></w:body></w:document>`;
    expect(wordPartText(xml)).toBe("A&B <x> 4111gone 123\n");
  });

  test("any prefix bound to the WordprocessingML namespace works; other namespaces are ignored", () => {
    const xml = `<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w="urn:other"><x:body><x:p><x:r><x:t>mine</x:t></x:r><w:t>not mine</w:t></x:p></x:body></x:document>`;
    expect(wordPartText(xml)).toBe("mine\n");
  });

  test("headers, footers and footnotes of a document are read after the body", async () => {
    const docx = buildDocx([["Body text"]], {
      parts: {
        "word/_rels/document.xml.rels":
          '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>',
        "word/footer1.xml": `<w:ftr ${W}><w:p><w:r><w:t>Footer 078-05-1120</w:t></w:r></w:p></w:ftr>`,
      },
    });
    const pkg = openOfficePackage(bufferSource(docx));
    const t = await packageText(pkg);
    expect(t.parts).toEqual(["word/document.xml", "word/footer1.xml"]);
    expect(t.text).toBe("Body text\n\nFooter 078-05-1120\n");
  });
});

describe("Excel text", () => {
  const S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

  test("shared strings join their rich-text runs and leave phonetic runs out", () => {
    const xml = `<sst ${S}><si><t>plain</t></si><si><r><t>ri</t></r><r><rPr/><t>ch</t></r><rPh><t>PHONETIC</t></rPh></si><si/><si><t>a&amp;b</t></si></sst>`;
    expect(sharedStrings(xml)).toEqual(["plain", "rich", "", "a&b"]);
  });

  test("rows become lines: shared strings resolved, inline strings, numbers and formula strings as written", () => {
    const xml =
      `<worksheet ${S}><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><t>inline</t></is></c><c r="C1"><v>42</v></c></row>` +
      `<row r="2"><c r="A2" t="str"><f>A1&amp;"x"</f><v>richx</v></c><c r="B2" s="1"/><c r="C2" t="s"><v>0</v></c></row></sheetData></worksheet>`;
    expect(worksheetText(xml, ["SSN", "rich"])).toBe("rich\tinline\t42\nrichx\tSSN\n");
  });

  test("a workbook's sheets are read in the workbook's order through its relationships", async () => {
    const xlsx = buildXlsx([
      ["Name", "Card"],
      ["Alice", "4111 1111 1111 1111"],
      ["Total", 12.5],
    ]);
    const t = await packageText(openOfficePackage(bufferSource(xlsx)));
    expect(t.parts).toEqual(["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"]);
    expect(t.text).toBe("Name\tCard\nAlice\t4111 1111 1111 1111\nTotal\t12.5\n");
  });
});

describe("PowerPoint text", () => {
  test("slides in presentation order, each followed by its notes; paragraphs end with a line", async () => {
    const pptx = buildPptx(
      [["First slide", "Visa 4012 8888 8888 1881"], ["Second slide"]],
      [["Notes of one"]],
    );
    const t = await packageText(openOfficePackage(bufferSource(pptx)));
    expect(t.parts).toEqual([
      "ppt/slides/slide1.xml",
      "ppt/notesSlides/notesSlide1.xml",
      "ppt/slides/slide2.xml",
    ]);
    expect(t.text).toBe("First slide\nVisa 4012 8888 8888 1881\n\nNotes of one\n\nSecond slide\n");
  });

  test("line breaks inside a DrawingML paragraph are kept", () => {
    const xml = `<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="p"><a:p><a:r><a:t>one</a:t></a:r><a:br/><a:r><a:t>two</a:t></a:r></a:p></p:sld>`;
    expect(drawingPartText(xml)).toBe("one\ntwo\n");
  });
});

describe("packages that are not Office documents", () => {
  test("a zip without an officeDocument relationship is refused with a reason", () => {
    const zip = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "hello.txt": strToU8("hi") });
    expect(() => openOfficePackage(bufferSource(zip))).toThrow(
      "the package has no main document (officeDocument relationship): not an Office file",
    );
  });
});
