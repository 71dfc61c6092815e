import {
  MetadataFormatError,
  parseHeaderBlock,
  parseMimeParameters,
  readExchangeClassification,
  readSioLabel,
  readSioLabelHistory,
  readTitusMetadata,
} from "../../../src/core/metadata";

describe("legacy Exchange message classification", () => {
  it("reads name, description, id and the classified flag", () => {
    const raw =
      "X-Microsoft-Classified: true\r\n" +
      "X-Microsoft-Classification: Company Confidential\r\n" +
      "X-Microsoft-ClassDesc: Do not forward\r\n outside the company\r\n" +
      "X-Microsoft-ClassID: {2A5C4CC0-54C4-4F2B-9D5B-1A1C0A1B2C3D}\r\n";
    expect(readExchangeClassification(raw)).toEqual({
      classified: true,
      classification: "Company Confidential",
      description: "Do not forward outside the company",
      classId: "{2A5C4CC0-54C4-4F2B-9D5B-1A1C0A1B2C3D}",
    });
  });

  it("is null without any of its headers, and tolerates an odd flag", () => {
    expect(readExchangeClassification("Subject: x\r\n")).toBeNull();
    expect(readExchangeClassification(parseHeaderBlock("x-microsoft-classified: FALSE\n"))).toEqual({
      classified: false,
      classification: null,
      description: null,
      classId: null,
    });
    expect(readExchangeClassification("X-Microsoft-Classified: maybe\n")?.classified).toBeNull();
  });
});

describe("Titus metadata", () => {
  it("lists the parts in index order, opaque", () => {
    const raw =
      "X-Titus-Metadata-41: Zm9v\nSubject: s\nx-titus-metadata-40: eyJucyI6\n X-Titus-Metadata-x: no\n";
    expect(readTitusMetadata(raw)).toEqual([
      { index: 40, name: "x-titus-metadata-40", value: "eyJucyI6 X-Titus-Metadata-x: no" },
      { index: 41, name: "X-Titus-Metadata-41", value: "Zm9v" },
    ]);
    expect(readTitusMetadata("Subject: s\n")).toEqual([]);
  });
});

describe("RFC 7444 SIO-Label", () => {
  it("reads the display marking, colours, type and label", () => {
    const raw =
      'SIO-Label: marking="SECRET"; fgcolor=black; bgcolor=red;\r\n type=":ess"; label="MQYGASkCAQM="\r\n';
    expect(readSioLabel(raw)).toEqual({
      marking: "SECRET",
      fgcolor: "black",
      bgcolor: "red",
      type: ":ess",
      label: "MQYGASkCAQM=",
      parameters: {
        marking: "SECRET",
        fgcolor: "black",
        bgcolor: "red",
        type: ":ess",
        label: "MQYGASkCAQM=",
      },
    });
  });

  it("joins RFC 2231 continuations and decodes quoted and extended values", () => {
    const raw =
      'SIO-Label: type=":xml"; label*0="<label><p>a \\"b\\"</p>"; label*1="</label>";\n' +
      " marking*=utf-8''EXAMPLE%20%E2%82%AC; bgcolor*0*=utf-8''%C3%A9; bgcolor*1*=t\n";
    const label = readSioLabel(raw);
    expect(label?.label).toBe('<label><p>a "b"</p></label>');
    expect(label?.marking).toBe("EXAMPLE €");
    expect(label?.bgcolor).toBe("ét");
    expect(label?.fgcolor).toBeNull();
  });

  it("keeps undecodable extended values as written", () => {
    expect(parseMimeParameters("a*=iso-8859-1''%E9; b*=utf-8''%E9", "x")).toEqual({
      a: "iso-8859-1''%E9",
      b: "%E9",
    });
  });

  it("treats parameter names as data, not as object keys", () => {
    const params = parseMimeParameters("__proto__=x; constructor=y; constructor=z", "x");
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.entries(params)).toEqual([
      ["__proto__", "x"],
      ["constructor", "y"],
    ]);
  });

  it("is null when absent and refuses malformed parameters", () => {
    expect(readSioLabel("Subject: x\n")).toBeNull();
    expect(() => readSioLabel('SIO-Label: marking="SECRET\n')).toThrow(/unclosed quote/);
    expect(() => readSioLabel("SIO-Label: marking\n")).toThrow(MetadataFormatError);
    expect(() => readSioLabel("SIO-Label: a=b c=d\n")).toThrow(/expected ';'/);
  });

  it("lists SIO-Label-History entries in header order", () => {
    const raw =
      'SIO-Label-History: change=add; marking="RESTRICTED"\nSIO-Label-History: change=update; marking=SECRET\n';
    expect(readSioLabelHistory(raw)).toEqual([
      { change: "add", marking: "RESTRICTED" },
      { change: "update", marking: "SECRET" },
    ]);
  });
});
