/**
 * Input nobody honest writes: huge, unbalanced, DTD-bearing, malformed. Every case must end in a
 * result or a MetadataFormatError naming what and where — never another exception, never a hang.
 * Inputs are sized so that linear work finishes far below the bound even on a busy machine, while
 * anything quadratic (or catastrophic regex backtracking) would take minutes.
 */
import {
  LABEL_INFO_NAMESPACE,
  MAX_HEADER_LENGTH,
  MAX_XML_PART_LENGTH,
  MetadataFormatError,
  decodeCustomXmlLabels,
  decodeLabelInfo,
  decodeLabelProperties,
  decodeMailHeaderBlock,
  decodeMsipLabelsHeader,
  encodeMsipLabelsHeader,
  parseHeaderBlock,
  parseMimeParameters,
  parseSetDate,
  readCustomProperties,
  readSioLabel,
  updateCustomPropertiesXml,
} from "../../../src/core/metadata";

const BOUND_MS = 1000;
const TEN_MB = 10 * 1024 * 1024;
const G = "f42aa342-8706-4288-bd11-ebb85995028c";
const T = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const NS = LABEL_INFO_NAMESPACE;
const CP = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";

function run(f: () => unknown): { ms: number; error: unknown } {
  const start = performance.now();
  let error: unknown = null;
  try {
    f();
  } catch (e) {
    error = e;
  }
  return { ms: performance.now() - start, error };
}

/** Refused with a MetadataFormatError whose message is short and says why, within the bound. */
function expectRefused(f: () => unknown, message: RegExp): void {
  const { ms, error } = run(f);
  expect(error).toBeInstanceOf(MetadataFormatError);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message.length).toBeLessThan(400);
  expect(ms).toBeLessThan(BOUND_MS);
}

/** Either a result or a MetadataFormatError, within the bound. */
function expectSettled(f: () => unknown): void {
  const { ms, error } = run(f);
  if (error !== null) expect(error).toBeInstanceOf(MetadataFormatError);
  expect(ms).toBeLessThan(BOUND_MS);
}

/** `unit` repeated to about `length` characters, between a prefix and a suffix. */
function fill(length: number, unit: string, prefix = "", suffix = ""): string {
  return prefix + unit.repeat(Math.floor((length - prefix.length - suffix.length) / unit.length)) + suffix;
}

describe("oversized input is refused before any work proportional to it", () => {
  const tenMbHeader = fill(TEN_MB, "MSIP_Label_");
  const tenMbXml = fill(TEN_MB, "<a>", `<clbl:labelList xmlns:clbl="${NS}">`);

  it.each([
    ["an msip_labels value", () => decodeMsipLabelsHeader(tenMbHeader)],
    ["a header block", () => decodeMailHeaderBlock(`msip_labels: ${tenMbHeader}`)],
    ["a header block to split", () => parseHeaderBlock(`X: ${tenMbHeader}`)],
    ["an SIO-Label block", () => readSioLabel(`SIO-Label: ${tenMbHeader}`)],
    ["MIME parameters", () => parseMimeParameters(tenMbHeader, "SIO-Label header")],
  ])("10 MB: %s", (_what, f) => {
    expectRefused(f, new RegExp(`exceed the ${MAX_HEADER_LENGTH}-character header limit`));
  });

  it("a header value just over Exchange's 256 KB quota is refused, one just under is read", () => {
    const pair = `MSIP_Label_${G}_Enabled=true; MSIP_Label_${G}_SiteId=${T}; `;
    expectRefused(() => decodeMsipLabelsHeader(fill(MAX_HEADER_LENGTH + 1, " ", pair)), /header limit/);
    expect(decodeMsipLabelsHeader(fill(MAX_HEADER_LENGTH, " ", pair))).toHaveLength(1);
  });

  it("a header that would exceed the quota is not written", () => {
    const w = {
      labelId: G,
      siteId: T,
      method: "Standard" as const,
      name: "n".repeat(MAX_HEADER_LENGTH),
      contentBits: 0,
      setDate: new Date(),
      actionId: G,
    };
    expectRefused(() => encodeMsipLabelsHeader([w]), /header limit/);
  });

  it.each([
    ["LabelInfo.xml", () => decodeLabelInfo(tenMbXml)],
    ["custom.xml", () => readCustomProperties(tenMbXml)],
    ["custom.xml labels", () => decodeCustomXmlLabels(tenMbXml)],
    ["a custom.xml update", () => updateCustomPropertiesXml(tenMbXml, { set: { a: "b" }, remove: [] })],
  ])("10 MB of unbalanced XML: %s", (_what, f) => {
    expectRefused(f, new RegExp(`exceed the ${MAX_XML_PART_LENGTH}-character limit`));
  });
});

describe("DTDs are refused: no entity expansion, no external entities", () => {
  const billionLaughs = [
    '<?xml version="1.0"?>',
    "<!DOCTYPE lolz [",
    ' <!ENTITY lol "lol">',
    ...Array.from(
      { length: 9 },
      (_, k) => ` <!ENTITY lol${k + 1} "${`&lol${k === 0 ? "" : k};`.repeat(10)}">`,
    ),
    "]>",
    `<clbl:labelList xmlns:clbl="${NS}"><clbl:label id="&lol9;" enabled="1" method="Standard" siteId="{${T}}" removed="0"/></clbl:labelList>`,
  ].join("\n");
  const xxe = `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Properties xmlns="${CP}"><property name="&x;"/></Properties>`;

  it.each([
    ["billion laughs in LabelInfo.xml", () => decodeLabelInfo(billionLaughs)],
    ["billion laughs in custom.xml", () => readCustomProperties(billionLaughs)],
    ["an external entity in custom.xml", () => readCustomProperties(xxe)],
    ["an external entity in an update", () => updateCustomPropertiesXml(xxe, { set: {}, remove: [] })],
    ["a DOCTYPE after a byte-order mark", () => decodeLabelInfo(`\uFEFF<!DOCTYPE a><a/>`)],
    ["a lower-case doctype", () => decodeLabelInfo(`<!doctype a><a/>`)],
    ["an ENTITY declaration inside the root", () => decodeLabelInfo(`<a><!ENTITY x "y"></a>`)],
  ])("%s", (_what, f) => {
    expectRefused(f, /DTDs are refused/);
  });

  it("an entity reference without a DTD is an error, not an expansion", () => {
    expectRefused(
      () => decodeLabelInfo(`<clbl:labelList xmlns:clbl="${NS}">&lol9;</clbl:labelList>`),
      /"&lol9;" is not a character reference/,
    );
  });

  it("DOCTYPE-looking text inside a comment or CDATA is just text", () => {
    const xml = `<!-- <!DOCTYPE x> --><clbl:labelList xmlns:clbl="${NS}"><![CDATA[<!DOCTYPE y>]]></clbl:labelList>`;
    expect(decodeLabelInfo(xml)).toEqual([]);
  });
});

describe("pathological input near the limits ends quickly", () => {
  const XML_SIZE = 256 * 1024;
  const nearLimit = MAX_HEADER_LENGTH - 64;
  const headerCases: Array<[string, () => unknown]> = [
    ["prefix spam", () => decodeMsipLabelsHeader(fill(nearLimit, "MSIP_Label_"))],
    ["separator spam", () => decodeMsipLabelsHeader(fill(nearLimit, ";"))],
    ["'=' spam", () => decodeMsipLabelsHeader(fill(nearLimit, "="))],
    ["underscore spam", () => decodeMsipLabelsHeader(fill(nearLimit, "_", "MSIP_Label_"))],
    ["a 256 KB GUID", () => decodeMsipLabelsHeader(fill(nearLimit, "0", "MSIP_Label_", "_Enabled=true"))],
    ["one key repeated", () => decodeMsipLabelsHeader(fill(nearLimit, `MSIP_Label_${G}_Enabled=true;`))],
    ["fold spam", () => decodeMsipLabelsHeader(fill(nearLimit, "\r\n "))],
    ["a line without a colon", () => parseHeaderBlock(fill(nearLimit, "a"))],
    ["name characters and blanks without a colon", () => parseHeaderBlock(fill(nearLimit, "a \t"))],
    ["many short fields", () => decodeMailHeaderBlock(fill(nearLimit, "X: y\n"))],
    ["many legacy fields", () => decodeMailHeaderBlock(fill(nearLimit, `msip_label_${G}_name: x\n`))],
    ["continuation spam", () => parseHeaderBlock(fill(nearLimit, "\n ", "X:"))],
    ["MIME parameter spam", () => parseMimeParameters(fill(nearLimit, "a=b;"), "x")],
    ["an unclosed quoted parameter", () => parseMimeParameters(fill(nearLimit, '\\"', 'a="'), "x")],
    ["extended parameter spam", () => parseMimeParameters(fill(nearLimit, "a*1*=%25;"), "x")],
    ["a huge SetDate", () => parseSetDate("2018-11-08T21:13:16" + "0".repeat(nearLimit))],
  ];

  it.each(headerCases)("header: %s", (_what, f) => expectSettled(f));

  it("many distinct labels in one header are all read", () => {
    const labels = Array.from({ length: 1500 }, (_, k) => {
      const g = `${k.toString(16).padStart(8, "0")}-8706-4288-bd11-ebb85995028c`;
      return `MSIP_Label_${g}_Enabled=true;MSIP_Label_${g}_SiteId=${T}`;
    }).join(";");
    let count = 0;
    const { ms, error } = run(() => (count = decodeMsipLabelsHeader(labels).length));
    expect(error).toBeNull();
    expect(count).toBe(1500);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  const root = `<clbl:labelList xmlns:clbl="${NS}">`;
  const xmlCases: Array<[string, string]> = [
    ["unbalanced start tags", fill(XML_SIZE, "<a>", root)],
    ["end tags without start tags", fill(XML_SIZE, "</a>", root)],
    ["mismatched tags", fill(XML_SIZE, "<a></b>", root)],
    ["'<' spam", fill(XML_SIZE, "<")],
    ["unclosed comments", fill(XML_SIZE, "<!--", root)],
    ["unclosed CDATA", fill(XML_SIZE, "<![CDATA[", root)],
    ["unclosed processing instructions", fill(XML_SIZE, "<?p ", root)],
    ["an unclosed attribute value", fill(XML_SIZE, "x", `${root}<a b="`)],
    ["'=' spam in a tag", fill(XML_SIZE, "b=", "<a ")],
    ["names without values", fill(XML_SIZE, "x ", "<a ")],
    ["a repeated attribute", fill(XML_SIZE, " b='1'", "<a", "/>")],
    ["distinct attributes", `<a ${Array.from({ length: XML_SIZE / 12 }, (_, k) => `a${k}='1'`).join(" ")}/>`],
    [
      "namespace declarations",
      `<a ${Array.from({ length: XML_SIZE / 24 }, (_, k) => `xmlns:p${k}='u${k}'`).join(" ")}/>`,
    ],
    [
      "prefixed elements under many declarations",
      `${fill(XML_SIZE / 2, " ", "<r xmlns:p='u'", ">")}${fill(XML_SIZE / 2, "<p:a/>", "", "</r>")}`,
    ],
    ["siblings", fill(XML_SIZE, "<a x='1'/>", root, "</clbl:labelList>")],
    ["'&' spam", fill(XML_SIZE, "&", root, "</clbl:labelList>")],
    ["entity spam", fill(XML_SIZE, "&amp;&#x41;", root, "</clbl:labelList>")],
    ["a long name", fill(XML_SIZE, "a", "<")],
    ["blanks in a tag", fill(XML_SIZE, " ", "<a", "b")],
    ["line breaks", fill(XML_SIZE, "\r\n", root, "</clbl:labelList>")],
    [
      "nesting at the depth limit, repeated",
      fill(XML_SIZE, `${"<a>".repeat(63)}${"</a>".repeat(63)}`, root, "</clbl:labelList>"),
    ],
  ];

  it.each(xmlCases)("XML: %s", (_what, xml) => {
    expectSettled(() => decodeLabelInfo(xml));
    expectSettled(() => readCustomProperties(xml));
    expectSettled(() => updateCustomPropertiesXml(xml, { set: { a: "b" }, remove: ["c"] }));
  });

  it("a LabelInfo part with thousands of tenants is read", () => {
    const labels = Array.from({ length: 3000 }, (_, k) => {
      const site = `${k.toString(16).padStart(8, "0")}-86f1-41af-91ab-2d7cd011db47`;
      return `<clbl:label id="{${G}}" enabled="1" method="Standard" siteId="{${site}}" contentBits="0" removed="0" />`;
    });
    const xml = `${root}${labels.join("")}</clbl:labelList>`;
    let count = 0;
    const { ms, error } = run(() => (count = decodeLabelInfo(xml).length));
    expect(error).toBeNull();
    expect(count).toBe(3000);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it("nesting deeper than the limit is refused, not recursed into", () => {
    expectRefused(() => decodeLabelInfo(`${root}${"<a>".repeat(100)}`), /elements nested deeper than 64/);
  });
});

describe("malformed metadata says what and where", () => {
  it.each([
    [
      "a short label GUID in a header",
      () => decodeMsipLabelsHeader("MSIP_Label_f42aa342_Enabled=true"),
      /^msip_labels header: label key "MSIP_Label_f42aa342_Enabled": "f42aa342" is not a GUID$/,
    ],
    [
      "a missing SiteId in a legacy header block",
      () => decodeMailHeaderBlock(`msip_label_${G}_enabled: true\n`),
      new RegExp(`^mail header, label ${G}: the required SiteId attribute is missing$`),
    ],
    [
      "a wrong tenant GUID in a property",
      () =>
        decodeLabelProperties({ [`MSIP_Label_${G}_Enabled`]: "true", [`MSIP_Label_${G}_SiteId`]: `${T}0` }),
      new RegExp(`^document properties, label ${G}: SiteId "${T}0" is not a GUID$`),
    ],
    [
      "a missing siteId in the third LabelInfo label",
      () =>
        decodeLabelInfo(
          `<l:labelList xmlns:l="${NS}">` +
            `<l:label id="{${G}}" enabled="1" method="Standard" siteId="{${T}}" removed="0"/>` +
            `<l:label id="{${T}}" enabled="0" method="" siteId="{${G}}" removed="1"/>` +
            `<l:label id="{${G}}" enabled="1" method="Standard" removed="0"/></l:labelList>`,
        ),
      /^docMetadata\/LabelInfo.xml label 3: the required siteId attribute is missing$/,
    ],
    [
      "a broken custom.xml",
      () => readCustomProperties(`<Properties xmlns="${CP}">\n  <property name="a">\n</Properties>`),
      /^docProps\/custom.xml: not well-formed XML at line 3, column 1: end tag "Properties" does not close "property"$/,
    ],
    [
      "a control character in a part",
      () => decodeLabelInfo(`<a>\u0000</a>`),
      /^docMetadata\/LabelInfo.xml: U\+0000 at character 4 is not allowed in XML$/,
    ],
  ])("%s", (_what, f, message) => expectRefused(f, message));

  it.each([
    ["decodeMsipLabelsHeader", () => decodeMsipLabelsHeader(undefined as unknown as string)],
    ["decodeMailHeaderBlock", () => decodeMailHeaderBlock(null as unknown as string)],
    ["decodeLabelInfo", () => decodeLabelInfo(42 as unknown as string)],
    ["readCustomProperties", () => readCustomProperties({} as unknown as string)],
  ])("%s refuses input that is not text", (_what, f) => expectRefused(f, /not text/));

  it("attribute names from the input cannot reach Object.prototype", () => {
    const [r] = decodeMsipLabelsHeader(
      `MSIP_Label_${G}_Enabled=true; MSIP_Label_${G}_SiteId=${T}; MSIP_Label_${G}___proto__=x; MSIP_Label_${G}_constructor=y`,
    );
    expect(Object.getPrototypeOf(r.attributes)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(r.attributes, "__proto__")?.value).toBe("x");
    expect(r.attributes.constructor).toBe("y");
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const [info] = decodeLabelInfo(
      `<labelList xmlns="${NS}"><label id="{${G}}" enabled="1" method="Standard" siteId="{${T}}" removed="0" __proto__="p"/></labelList>`,
    );
    expect(Object.getOwnPropertyDescriptor(info.attributes, "__proto__")?.value).toBe("p");
  });
});
