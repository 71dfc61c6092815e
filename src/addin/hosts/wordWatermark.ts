/**
 * A label watermark for Word as an OOXML package to `insertOoxml` into a header: the same VML
 * WordArt shape Word itself writes for Design > Watermark (shape type 136, text path, behind the
 * text, centred on the page margins). Word.js has no watermark API (docs/reference/office-js.md §4); this shape in
 * the header is the documented-by-example workaround, so the adapter reports it as a capability the
 * host may refuse.
 */
import type { ResolvedWatermark } from "../../core/marking";

function attr(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\r\n\t]+/g, " ");
}

// Word's own definition of the "PlainText" WordArt shape type, verbatim.
const SHAPE_TYPE =
  '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">' +
  "<v:formulas>" +
  '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>' +
  '<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/>' +
  '<v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>' +
  '<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>' +
  "</v:formulas>" +
  '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>' +
  '<v:textpath on="t" fitshape="t"/>' +
  '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>' +
  '<o:lock v:ext="edit" text="t" shapetype="t"/>' +
  "</v:shapetype>";

/** Width in points for the text at its font size (a WordArt box is sized to its text). */
function boxSize(mark: ResolvedWatermark): { width: number; height: number } {
  const size = Math.max(1, Math.min(400, mark.fontSize));
  const width = Math.min(530, Math.max(size, Math.round(mark.text.length * size * 0.6)));
  return { width, height: Math.round(Math.min(size * 1.35, width)) };
}

/** A flat-OPC package with one paragraph holding the watermark shape. */
export function wordWatermarkOoxml(mark: ResolvedWatermark, shapeId: string): string {
  const { width, height } = boxSize(mark);
  const rotation = mark.layout === "Diagonal" ? "rotation:315;" : "";
  const shape =
    `<v:shape id="${attr(shapeId)}" type="#_x0000_t136" ` +
    `style="position:absolute;margin-left:0;margin-top:0;width:${width}pt;height:${height}pt;${rotation}z-index:-251657216;` +
    "mso-position-horizontal:center;mso-position-horizontal-relative:margin;" +
    'mso-position-vertical:center;mso-position-vertical-relative:margin" ' +
    `o:allowincell="f" fillcolor="${attr(mark.fontColor)}" stroked="f">` +
    '<v:fill opacity=".5"/>' +
    `<v:textpath style="font-family:&quot;${attr(mark.fontName)}&quot;;font-size:${Math.max(1, mark.fontSize)}pt" string="${attr(mark.text)}"/>` +
    '<w10:wrap anchorx="margin" anchory="margin"/>' +
    "</v:shape>";
  return (
    '<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">' +
    '<pkg:part pkg:name="/_rels/.rels" pkg:contentType="application/vnd.openxmlformats-package.relationships+xml"><pkg:xmlData>' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
    "</Relationships></pkg:xmlData></pkg:part>" +
    '<pkg:part pkg:name="/word/document.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"><pkg:xmlData>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml" ' +
    'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w10="urn:schemas-microsoft-com:office:word">' +
    `<w:body><w:p><w:r><w:pict>${SHAPE_TYPE}${shape}</w:pict></w:r></w:p></w:body></w:document>` +
    "</pkg:xmlData></pkg:part></pkg:package>"
  );
}
