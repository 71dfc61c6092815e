import fc from "fast-check";
import {
  type LabelWrite,
  MetadataFormatError,
  decodeMailHeaderBlock,
  decodeMsipLabelsHeader,
  encodeMsipLabelsHeader,
  formatSetDate,
  parseHeaderBlock,
  unfoldHeaderValue,
} from "../../../src/core/metadata";
import { canonical, labelWrite } from "./arbitraries";

const G = "0d814d60-469d-470c-8cb0-58434e2bf457";
const T = "3dd8961f-e488-4e60-8e11-a82d994e183d";
const A = "6ce2bdf9-7c0e-4ecf-8912-00008769d35e";

const write: LabelWrite = {
  labelId: G,
  siteId: T,
  method: "Privileged",
  name: "Confidential",
  contentBits: 2,
  setDate: new Date(Date.UTC(2018, 10, 9, 5, 13, 16)),
  actionId: A,
};

describe("encodeMsipLabelsHeader", () => {
  it("writes Office's value: full key set, documented order, '; ' between pairs", () => {
    expect(encodeMsipLabelsHeader([write])).toBe(
      `MSIP_Label_${G}_Enabled=true; MSIP_Label_${G}_SetDate=2018-11-09T05:13:16Z; ` +
        `MSIP_Label_${G}_Method=Privileged; MSIP_Label_${G}_Name=Confidential; MSIP_Label_${G}_SiteId=${T}; ` +
        `MSIP_Label_${G}_ContentBits=2; MSIP_Label_${G}_ActionId=${A}`,
    );
  });

  it("normalises braced or upper-case GUIDs to Office's spelling", () => {
    const header = encodeMsipLabelsHeader([
      { ...write, labelId: `{${G.toUpperCase()}}`, siteId: T.toUpperCase(), actionId: `{${A}}` },
    ]);
    expect(header).toBe(encodeMsipLabelsHeader([write]));
  });

  it("keeps a SetDate string that is a real date, literally", () => {
    const header = encodeMsipLabelsHeader([{ ...write, setDate: "2018-11-08T21:13:16-0800" }]);
    expect(header).toContain(`MSIP_Label_${G}_SetDate=2018-11-08T21:13:16-0800;`);
    expect(() => encodeMsipLabelsHeader([{ ...write, setDate: "yesterday" }])).toThrow(/SetDate "yesterday"/);
  });

  it.each([
    ["a semicolon", "Secret; Internal"],
    ["a line break", "Secret\r\nBcc: attacker@example.com"],
    ["a bare LF", "Secret\nX: y"],
    ["surrounding whitespace", " Secret"],
  ])("refuses a value with %s", (_what, name) => {
    expect(() => encodeMsipLabelsHeader([{ ...write, name }])).toThrow(MetadataFormatError);
  });

  it("refuses a label listed twice, a bad method, bad ContentBits and bad GUIDs", () => {
    expect(() => encodeMsipLabelsHeader([write, write])).toThrow(/listed twice/);
    expect(() => encodeMsipLabelsHeader([{ ...write, method: "Auto" as never }])).toThrow(/Method "Auto"/);
    expect(() => encodeMsipLabelsHeader([{ ...write, contentBits: -1 }])).toThrow(/ContentBits -1/);
    expect(() => encodeMsipLabelsHeader([{ ...write, contentBits: 1.5 }])).toThrow(/ContentBits/);
    expect(() => encodeMsipLabelsHeader([{ ...write, labelId: "0d814d60" }])).toThrow(
      /label id "0d814d60" is not a GUID/,
    );
    expect(() => encodeMsipLabelsHeader([{ ...write, siteId: "contoso.com" }])).toThrow(
      /SiteId "contoso.com"/,
    );
    expect(() => encodeMsipLabelsHeader([{ ...write, actionId: "" }])).toThrow(/ActionId/);
    expect(() => encodeMsipLabelsHeader([{ ...write, setDate: new Date(NaN) }])).toThrow(/invalid/);
  });

  it("writes a decoded record back with what it carries, dropping the AIP-only attributes", () => {
    const [aip] = decodeMsipLabelsHeader(
      `MSIP_Label_${G}_Enabled=True; MSIP_Label_${G}_SiteId=${T}; MSIP_Label_${G}_Owner=a@b.c; ` +
        `MSIP_Label_${G}_Extended_MSFT_Method=Automatic; MSIP_Label_${G}_Tag=10, 3, 0, 1`,
    );
    expect(encodeMsipLabelsHeader([aip])).toBe(
      `MSIP_Label_${G}_Enabled=true; MSIP_Label_${G}_Method=Standard; MSIP_Label_${G}_SiteId=${T}; ` +
        `MSIP_Label_${G}_Tag=10, 3, 0, 1`,
    );
  });

  it("refuses to write an attribute name the header cannot carry", () => {
    const [r] = decodeMsipLabelsHeader(`MSIP_Label_${G}_Enabled=true; MSIP_Label_${G}_SiteId=${T}`);
    expect(() =>
      encodeMsipLabelsHeader([{ ...r, attributes: { ...r.attributes, "Bad Name": "x" } }]),
    ).toThrow(/attribute name "Bad Name" cannot be written/);
  });

  it("refuses to write a LabelInfo removal record into a header", () => {
    const removal = {
      labelId: T,
      siteId: T,
      enabled: false,
      method: null,
      setDate: null,
      name: null,
      contentBits: null,
      actionId: null,
      removed: true,
      attributes: {},
      source: "LabelInfo.xml" as const,
    };
    expect(() => encodeMsipLabelsHeader([removal])).toThrow(/removal record/);
  });

  it("writes an empty value for no labels", () => {
    expect(encodeMsipLabelsHeader([])).toBe("");
    expect(decodeMsipLabelsHeader("")).toEqual([]);
  });
});

describe("decodeMsipLabelsHeader", () => {
  it("unfolds, trims, accepts ';' without space and a trailing ';', matches keys in any case", () => {
    const [r] = decodeMsipLabelsHeader(
      ` msip_label_${G.toUpperCase()}_ENABLED=true;MSIP_Label_${G}_siteid=${T};\r\n` +
        ` MSIP_Label_${G}_Name=AMD Official Use\r\n Only;  ;MSIP_Label_${G}_contentbits=5;`,
    );
    expect(r).toMatchObject({
      labelId: G,
      siteId: T,
      enabled: true,
      name: "AMD Official Use Only",
      contentBits: 5,
    });
    expect(Object.keys(r.attributes)).toEqual(["Enabled", "SiteId", "Name", "ContentBits"]);
  });

  it("reads a value that still carries its line end", () => {
    expect(
      decodeMsipLabelsHeader(`MSIP_Label_${G}_Enabled=true; MSIP_Label_${G}_SiteId=${T}\r\n`),
    ).toHaveLength(1);
  });

  it("keeps '=' inside a value and ignores pairs that are not label keys", () => {
    const [r] = decodeMsipLabelsHeader(
      `Foo=bar; lonely; MSIP_Label_${G}_Enabled=true; MSIP_Label_${G}_SiteId=${T}; MSIP_Label_${G}_Name=a=b`,
    );
    expect(r.name).toBe("a=b");
  });

  it("reads legacy and unknown attributes into attributes, with Manual meaning Privileged", () => {
    const [r] = decodeMsipLabelsHeader(
      `MSIP_Label_${G}_Enabled=false; MSIP_Label_${G}_SiteId={${T}}; MSIP_Label_${G}_Extended_MSFT_Method=Manual; MSIP_Label_${G}_GeneratedBy=tool`,
    );
    expect(r).toMatchObject({ enabled: false, method: "Privileged", siteId: T });
    expect(r.attributes).toEqual({
      Enabled: "false",
      SiteId: `{${T}}`,
      Extended_MSFT_Method: "Manual",
      GeneratedBy: "tool",
    });
  });

  it("prefers Method over the legacy method and leaves an unknown method null", () => {
    const base = `MSIP_Label_${G}_Enabled=1; MSIP_Label_${G}_SiteId=${T}`;
    expect(
      decodeMsipLabelsHeader(
        `${base}; MSIP_Label_${G}_Method=Privileged; MSIP_Label_${G}_Extended_MSFT_Method=Automatic`,
      )[0].method,
    ).toBe("Privileged");
    expect(decodeMsipLabelsHeader(`${base}; MSIP_Label_${G}_Method=Auto`)[0].method).toBeNull();
    expect(decodeMsipLabelsHeader(base)[0]).toMatchObject({
      method: null,
      setDate: null,
      name: null,
      actionId: null,
    });
  });

  it("accepts a harmless repeat and refuses a contradictory one", () => {
    const base = `MSIP_Label_${G}_Enabled=true; MSIP_Label_${G}_SiteId=${T}`;
    expect(decodeMsipLabelsHeader(`${base}; MSIP_Label_${G}_Enabled=true`)).toHaveLength(1);
    expect(() => decodeMsipLabelsHeader(`${base}; msip_label_${G}_enabled=false`)).toThrow(/appears twice/);
  });

  it("names the label and the missing attribute", () => {
    expect(() => decodeMsipLabelsHeader(`MSIP_Label_${G}_Enabled=true`)).toThrow(
      new MetadataFormatError(`msip_labels header, label ${G}`, "the required SiteId attribute is missing"),
    );
    expect(() => decodeMsipLabelsHeader(`MSIP_Label_${G}_SiteId=${T}`)).toThrow(
      /Enabled attribute is missing/,
    );
  });

  it.each([
    ["a short GUID", `MSIP_Label_0d814d60-469d_Enabled=true`, /"0d814d60-469d" is not a GUID/],
    ["no attribute", `MSIP_Label_${G}`, /no attribute after the GUID/],
    ["a malformed attribute", `MSIP_Label_${G}_Ena bled=true`, /malformed attribute name/],
    ["a key without value", `MSIP_Label_${G}_Enabled`, /has no value/],
    [
      "a bad SiteId",
      `MSIP_Label_${G}_Enabled=true; MSIP_Label_${G}_SiteId=contoso`,
      /SiteId "contoso" is not a GUID/,
    ],
    ["a bad Enabled", `MSIP_Label_${G}_Enabled=yes; MSIP_Label_${G}_SiteId=${T}`, /Enabled "yes" is neither/],
    [
      "bad ContentBits",
      `MSIP_Label_${G}_Enabled=true; MSIP_Label_${G}_SiteId=${T}; MSIP_Label_${G}_ContentBits=0x1`,
      /ContentBits "0x1"/,
    ],
    [
      "huge ContentBits",
      `MSIP_Label_${G}_Enabled=true; MSIP_Label_${G}_SiteId=${T}; MSIP_Label_${G}_ContentBits=4294967296`,
      /ContentBits/,
    ],
    ["an unfolded line break", `MSIP_Label_${G}_Enabled=true;\r\nMSIP_Label_${G}_SiteId=${T}`, /line break/],
  ])("refuses %s with a MetadataFormatError", (_what, value, message) => {
    expect(() => decodeMsipLabelsHeader(value)).toThrow(MetadataFormatError);
    expect(() => decodeMsipLabelsHeader(value)).toThrow(message);
  });

  it("keeps labels in order of first appearance, several per tenant as legacy mail has them", () => {
    const G2 = "76546daa-41b6-470c-bb85-f6f40f044d7f";
    const records = decodeMsipLabelsHeader(
      `MSIP_Label_${G2}_Enabled=true; MSIP_Label_${G}_Enabled=true; MSIP_Label_${G}_SiteId=${T}; MSIP_Label_${G2}_SiteId=${T}`,
    );
    expect(records.map((r) => r.labelId)).toEqual([G2, G]);
  });
});

describe("decodeMailHeaderBlock", () => {
  it("reads the msip_labels header among others and stops at the body", () => {
    const raw =
      "Received: from a\r\n by b; Tue, 1 Jan 2030 00:00:00 +0000\r\n" +
      `MSIP_Labels: MSIP_Label_${G}_Enabled=true;\r\n MSIP_Label_${G}_SiteId=${T}\r\n` +
      "Subject: hi\r\n\r\n" +
      `msip_labels: MSIP_Label_${A}_Enabled=true; MSIP_Label_${A}_SiteId=${T}\r\n`;
    expect(decodeMailHeaderBlock(raw).map((r) => r.labelId)).toEqual([G]);
  });

  it("merges the legacy per-attribute headers; msip_labels wins where both speak", () => {
    const raw = [
      `msip_label_${G}_enabled: true`,
      `msip_label_${G}_siteid: ${T}`,
      `msip_label_${G}_name: Old`,
      `msip_label_${G}_method: Standard`,
      `msip_labels: MSIP_Label_${G}_Enabled=true; MSIP_Label_${G}_SiteId=${T}; MSIP_Label_${G}_Name=New`,
      `msip_justification: because`,
    ].join("\n");
    const [r] = decodeMailHeaderBlock(raw);
    expect(r).toMatchObject({ name: "New", method: "Standard", source: "msip_labels" });
  });

  it("finds nothing in a block without label headers", () => {
    expect(decodeMailHeaderBlock("From: a@example.com\nTo: b@example.com\n")).toEqual([]);
    expect(decodeMailHeaderBlock("")).toEqual([]);
  });
});

describe("parseHeaderBlock", () => {
  it("unfolds per RFC 5322 and keeps names as written", () => {
    expect(parseHeaderBlock("\r\nSubject: a\r\n\tb\r\nX-A : 1 \r\nX-Empty:\r\n")).toEqual([
      { name: "Subject", value: "a\tb" },
      { name: "X-A", value: "1" },
      { name: "X-Empty", value: "" },
    ]);
    expect(unfoldHeaderValue("a\r\n b\n\tc\r\nd")).toBe("a b\tc\r\nd");
  });

  it("names the line that is not a header field", () => {
    expect(() => parseHeaderBlock("Subject: a\nnot a header\n")).toThrow(
      new MetadataFormatError("header line 2", '"not a header" is not a header field'),
    );
    expect(() => parseHeaderBlock(" leading continuation")).toThrow(/header line 1/);
  });
});

describe("round trips", () => {
  it("encode → decode gives back every written value", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(labelWrite(), { selector: (w) => canonical(w.labelId), maxLength: 4 }),
        (writes) => {
          const decoded = decodeMsipLabelsHeader(encodeMsipLabelsHeader(writes));
          expect(decoded).toHaveLength(writes.length);
          decoded.forEach((r, i) => {
            const w = writes[i];
            expect(r).toMatchObject({
              labelId: canonical(w.labelId),
              siteId: canonical(w.siteId),
              enabled: true,
              method: w.method,
              name: w.name,
              contentBits: w.contentBits,
              actionId: canonical(w.actionId),
              setDate: typeof w.setDate === "string" ? w.setDate : formatSetDate(w.setDate),
              removed: false,
              source: "msip_labels",
            });
          });
          // A decoded record written back reads the same.
          expect(decodeMsipLabelsHeader(encodeMsipLabelsHeader(decoded))).toEqual(decoded);
        },
      ),
    );
  });

  it("any Name either survives the trip or is refused, never silently changed", () => {
    fc.assert(
      fc.property(labelWrite(), fc.string({ unit: "grapheme", maxLength: 40 }), (w, name) => {
        let header: string;
        try {
          header = encodeMsipLabelsHeader([{ ...w, name }]);
        } catch (e) {
          expect(e).toBeInstanceOf(MetadataFormatError);
          expect(name.includes(";") || /[\u0000-\u001f\u007f]/.test(name) || name !== name.trim()).toBe(true);
          return;
        }
        expect(decodeMsipLabelsHeader(header)[0].name).toBe(name);
      }),
    );
  });

  it("folding the encoded value anywhere a space is does not change what is read", () => {
    fc.assert(
      fc.property(labelWrite(), fc.integer({ min: 0, max: 1000 }), (w, seed) => {
        const header = encodeMsipLabelsHeader([w]);
        const spaces = [...header.matchAll(/ /g)].map((m) => m.index as number);
        const at = spaces[seed % spaces.length];
        const folded = `${header.slice(0, at)}\r\n${header.slice(at)}`;
        expect(decodeMailHeaderBlock(`msip_labels: ${folded}\r\n`)).toEqual(decodeMsipLabelsHeader(header));
      }),
    );
  });
});
