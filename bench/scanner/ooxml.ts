/**
 * Minimal but complete Word, Excel and PowerPoint packages, written with fflate (an independent zip
 * writer, so the scanner's reader is tested against bytes it did not produce). Used by the scanner
 * bench corpus and by the CLI and interop tests; LibreOffice opens all three.
 */
import { zipSync, strToU8, type Zippable } from "fflate";

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}

export interface PackageExtras {
  /** `MSIP_Label_*` (or any) custom properties, written to docProps/custom.xml. */
  customProperties?: Record<string, string>;
  /** Raw docMetadata/LabelInfo.xml, with its relationship and content type. */
  labelInfo?: string;
  /** Any further parts, as-is (no relationship or content type added). */
  parts?: Record<string, string | Uint8Array>;
  /** Deflate level for every part (0 = stored). */
  level?: 0 | 1 | 6 | 9;
}

interface Part {
  name: string;
  contentType: string;
  data: string | Uint8Array;
}

function customXml(props: Record<string, string>): string {
  const items = Object.entries(props)
    .map(
      ([name, value], i) =>
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${escapeXml(name)}"><vt:lpwstr>${escapeXml(value)}</vt:lpwstr></property>`,
    )
    .join("");
  return `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${items}</Properties>`;
}

function assemble(mainPart: string, mainType: string, parts: Part[], extras: PackageExtras): Uint8Array {
  const all: Part[] = [...parts];
  const rels = [`<Relationship Id="rId1" Type="${REL}/officeDocument" Target="${mainPart}"/>`];
  rels.push(
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`,
  );
  all.push({
    name: "docProps/core.xml",
    contentType: "application/vnd.openxmlformats-package.core-properties+xml",
    data: `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Labelbridge test</dc:title><dc:creator>Labelbridge</dc:creator></cp:coreProperties>`,
  });
  if (extras.customProperties) {
    rels.push(`<Relationship Id="rId3" Type="${REL}/custom-properties" Target="docProps/custom.xml"/>`);
    all.push({
      name: "docProps/custom.xml",
      contentType: "application/vnd.openxmlformats-officedocument.custom-properties+xml",
      data: customXml(extras.customProperties),
    });
  }
  if (extras.labelInfo !== undefined) {
    rels.push(
      `<Relationship Id="rId4" Type="http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels" Target="docMetadata/LabelInfo.xml"/>`,
    );
    all.push({
      name: "docMetadata/LabelInfo.xml",
      contentType: "application/vnd.ms-office.classificationlabels+xml",
      data: extras.labelInfo,
    });
  }
  const overrides = all
    .map((p) => `<Override PartName="/${p.name}" ContentType="${p.contentType}"/>`)
    .join("");
  const types =
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/${mainPart}" ContentType="${mainType}"/>${overrides}</Types>`;
  const level = extras.level ?? 6;
  const files: Zippable = {
    "[Content_Types].xml": strToU8(types),
    "_rels/.rels": strToU8(`${XML}<Relationships xmlns="${PKG_REL}">${rels.join("")}</Relationships>`),
  };
  for (const p of all) files[p.name] = typeof p.data === "string" ? strToU8(p.data) : p.data;
  for (const [name, data] of Object.entries(extras.parts ?? {}))
    files[name] = typeof data === "string" ? strToU8(data) : data;
  // A fixed date keeps the bytes identical from run to run.
  return zipSync(files, { level, mtime: new Date("2024-01-01T00:00:00Z") });
}

/** Paragraphs of runs: `[["4111 ", "1111 1111 1111"]]` splits a number across two runs as Word does. */
export function buildDocx(paragraphs: string[][], extras: PackageExtras = {}): Uint8Array {
  const body = paragraphs
    .map(
      (runs) =>
        `<w:p>${runs.map((r) => `<w:r><w:t xml:space="preserve">${escapeXml(r)}</w:t></w:r>`).join("")}</w:p>`,
    )
    .join("");
  const document = `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="${REL}"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  return assemble(
    "word/document.xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    [],
    { ...extras, parts: { "word/document.xml": document, ...extras.parts } },
  );
}

/** Rows of cells; every cell is a shared string, except numbers given as numbers. */
export function buildXlsx(rows: Array<Array<string | number>>, extras: PackageExtras = {}): Uint8Array {
  const shared: string[] = [];
  const index = new Map<string, number>();
  const col = (i: number) => String.fromCharCode(65 + (i % 26));
  const sheetRows = rows
    .map((cells, r) => {
      const cs = cells
        .map((v, c) => {
          const ref = `${col(c)}${r + 1}`;
          if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
          let k = index.get(v);
          if (k === undefined) {
            k = shared.length;
            shared.push(v);
            index.set(v, k);
          }
          return `<c r="${ref}" t="s"><v>${k}</v></c>`;
        })
        .join("");
      return `<row r="${r + 1}">${cs}</row>`;
    })
    .join("");
  const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const parts: Record<string, string> = {
    "xl/workbook.xml": `${XML}<workbook xmlns="${ns}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": `${XML}<worksheet xmlns="${ns}"><sheetData>${sheetRows}</sheetData></worksheet>`,
    "xl/sharedStrings.xml": `${XML}<sst xmlns="${ns}" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join("")}</sst>`,
  };
  return assemble(
    "xl/workbook.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    [
      {
        name: "xl/worksheets/sheet1.xml",
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
        data: parts["xl/worksheets/sheet1.xml"],
      },
      {
        name: "xl/sharedStrings.xml",
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
        data: parts["xl/sharedStrings.xml"],
      },
    ],
    {
      ...extras,
      parts: {
        "xl/workbook.xml": parts["xl/workbook.xml"],
        "xl/_rels/workbook.xml.rels": parts["xl/_rels/workbook.xml.rels"],
        ...extras.parts,
      },
    },
  );
}

const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const P = "http://schemas.openxmlformats.org/presentationml/2006/main";

function shapeTree(paragraphs: string[]): string {
  const ps = paragraphs
    .map((t) => `<a:p><a:r><a:rPr lang="en-US"/><a:t>${escapeXml(t)}</a:t></a:r></a:p>`)
    .join("");
  return (
    `<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>` +
    `<p:sp><p:nvSpPr><p:cNvPr id="2" name="Text 1"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>` +
    `<p:spPr><a:xfrm><a:off x="457200" y="457200"/><a:ext cx="8229600" cy="4525963"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>` +
    `<p:txBody><a:bodyPr/><a:lstStyle/>${ps || "<a:p/>"}</p:txBody></p:sp></p:spTree></p:cSld>`
  );
}

const THEME =
  `${XML}<a:theme xmlns:a="${A}" name="Office"><a:themeElements><a:clrScheme name="Office"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2>` +
  `<a:accent1><a:srgbClr val="4F81BD"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2><a:accent3><a:srgbClr val="9BBB59"/></a:accent3><a:accent4><a:srgbClr val="8064A2"/></a:accent4><a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6>` +
  `<a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink></a:clrScheme><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>` +
  `<a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>` +
  `<a:lnStyleLst><a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="25400"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="38100"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>` +
  `<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>` +
  `<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>`;

/** Slides of paragraphs, with optional speaker notes per slide. */
export function buildPptx(
  slides: string[][],
  notes: string[][] = [],
  extras: PackageExtras = {},
): Uint8Array {
  const parts: Part[] = [];
  const raw: Record<string, string> = {};
  const ct = (t: string) => `application/vnd.openxmlformats-officedocument.${t}`;
  raw["ppt/theme/theme1.xml"] = THEME;
  parts.push({ name: "ppt/theme/theme1.xml", contentType: ct("theme+xml"), data: THEME });
  const master = `${XML}<p:sldMaster xmlns:a="${A}" xmlns:r="${REL}" xmlns:p="${P}">${shapeTree([])}<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>`;
  parts.push({
    name: "ppt/slideMasters/slideMaster1.xml",
    contentType: ct("presentationml.slideMaster+xml"),
    data: master,
  });
  raw["ppt/slideMasters/_rels/slideMaster1.xml.rels"] =
    `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/slideLayout" Target="../slideLayouts/slideLayout1.xml"/><Relationship Id="rId2" Type="${REL}/theme" Target="../theme/theme1.xml"/></Relationships>`;
  const layout = `${XML}<p:sldLayout xmlns:a="${A}" xmlns:r="${REL}" xmlns:p="${P}" type="blank">${shapeTree([])}</p:sldLayout>`;
  parts.push({
    name: "ppt/slideLayouts/slideLayout1.xml",
    contentType: ct("presentationml.slideLayout+xml"),
    data: layout,
  });
  raw["ppt/slideLayouts/_rels/slideLayout1.xml.rels"] =
    `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/slideMaster" Target="../slideMasters/slideMaster1.xml"/></Relationships>`;
  const presRels = [
    `<Relationship Id="rId1" Type="${REL}/slideMaster" Target="slideMasters/slideMaster1.xml"/>`,
    `<Relationship Id="rId2" Type="${REL}/theme" Target="theme/theme1.xml"/>`,
  ];
  const ids: string[] = [];
  slides.forEach((paragraphs, i) => {
    const n = i + 1;
    parts.push({
      name: `ppt/slides/slide${n}.xml`,
      contentType: ct("presentationml.slide+xml"),
      data: `${XML}<p:sld xmlns:a="${A}" xmlns:r="${REL}" xmlns:p="${P}">${shapeTree(paragraphs)}</p:sld>`,
    });
    const slideRels = [
      `<Relationship Id="rId1" Type="${REL}/slideLayout" Target="../slideLayouts/slideLayout1.xml"/>`,
    ];
    if (notes[i]) {
      slideRels.push(
        `<Relationship Id="rId2" Type="${REL}/notesSlide" Target="../notesSlides/notesSlide${n}.xml"/>`,
      );
      parts.push({
        name: `ppt/notesSlides/notesSlide${n}.xml`,
        contentType: ct("presentationml.notesSlide+xml"),
        data: `${XML}<p:notes xmlns:a="${A}" xmlns:r="${REL}" xmlns:p="${P}">${shapeTree(notes[i])}</p:notes>`,
      });
      raw[`ppt/notesSlides/_rels/notesSlide${n}.xml.rels`] =
        `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/slide" Target="../slides/slide${n}.xml"/></Relationships>`;
    }
    raw[`ppt/slides/_rels/slide${n}.xml.rels`] =
      `${XML}<Relationships xmlns="${PKG_REL}">${slideRels.join("")}</Relationships>`;
    presRels.push(`<Relationship Id="rId${n + 2}" Type="${REL}/slide" Target="slides/slide${n}.xml"/>`);
    ids.push(`<p:sldId id="${255 + n}" r:id="rId${n + 2}"/>`);
  });
  raw["ppt/_rels/presentation.xml.rels"] =
    `${XML}<Relationships xmlns="${PKG_REL}">${presRels.join("")}</Relationships>`;
  raw["ppt/presentation.xml"] =
    `${XML}<p:presentation xmlns:a="${A}" xmlns:r="${REL}" xmlns:p="${P}"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>` +
    `<p:sldIdLst>${ids.join("")}</p:sldIdLst><p:sldSz cx="9144000" cy="6858000" type="screen4x3"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>`;
  for (const p of parts) raw[p.name] = p.data as string;
  return assemble(
    "ppt/presentation.xml",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    parts.filter((p) => p.name !== "ppt/presentation.xml"),
    { ...extras, parts: { ...raw, ...extras.parts } },
  );
}
