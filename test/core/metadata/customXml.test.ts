import fc from "fast-check";
import {
  CUSTOM_PROPERTIES_NAMESPACE,
  CUSTOM_PROPERTY_FMTID,
  MetadataFormatError,
  VARIANT_TYPES_NAMESPACE,
  decodeCustomXmlLabels,
  encodeLabelProperties,
  planPropertyUpdate,
  readCustomProperties,
  updateCustomPropertiesXml,
} from "../../../src/core/metadata";
import { canonical, labelWrite } from "./arbitraries";
import { openOfficeFile } from "./realLabels";

const CP = CUSTOM_PROPERTIES_NAMESPACE;
const VT = VARIANT_TYPES_NAMESPACE;
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

const officeCustomXml = [
  "office/calamine__issue438.xlsx",
  "office/tika__testWORD_docSecurity.docx",
  "office/openxmlsdk__malformed_uri.xlsx",
  "office/negative/poi__60810.pptx",
].map((file) => [file, openOfficeFile(file).customXml as string] as const);

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}
function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

interface Prop {
  name: string;
  value: string;
  type: string;
  pid: number;
}

/** A custom.xml written independently of the code under test. */
function customXml(props: Prop[]): string {
  const body = props
    .map(
      (p) =>
        `<property fmtid="${CUSTOM_PROPERTY_FMTID}" pid="${p.pid}" name="${escapeAttr(p.name)}">` +
        `<vt:${p.type}>${escapeText(p.value)}</vt:${p.type}></property>`,
    )
    .join("");
  return `${DECL}<Properties xmlns="${CP}" xmlns:vt="${VT}">${body}</Properties>`;
}

describe("readCustomProperties", () => {
  it("reads name, value, type and pid of every property, by namespace not prefix", () => {
    const xml =
      `<?xml version="1.0"?><op:Properties xmlns:op="${CP}" xmlns:v="${VT}">` +
      `<op:property fmtid="${CUSTOM_PROPERTY_FMTID}" pid="2" name="A &amp; B"><v:lpwstr> x &lt;&#x1F600;&gt; </v:lpwstr></op:property>` +
      `<op:property fmtid="${CUSTOM_PROPERTY_FMTID}" pid="3" name="Count"><v:i4>42</v:i4></op:property>` +
      `<op:property fmtid="${CUSTOM_PROPERTY_FMTID}" pid="4" name="Flag"><v:bool>true</v:bool></op:property>` +
      `<op:property fmtid="${CUSTOM_PROPERTY_FMTID}" name="List"><v:vector size="1" baseType="lpwstr"><v:lpwstr>a</v:lpwstr></v:vector></op:property>` +
      `<op:property fmtid="${CUSTOM_PROPERTY_FMTID}" pid="6" name="Empty"/>` +
      `<op:property fmtid="${CUSTOM_PROPERTY_FMTID}" pid="7" name="CData"><v:lpwstr><![CDATA[&amp;]]></v:lpwstr></op:property>` +
      `</op:Properties>`;
    expect(readCustomProperties(xml)).toEqual([
      { name: "A & B", value: " x <😀> ", type: "lpwstr", pid: 2 },
      { name: "Count", value: "42", type: "i4", pid: 3 },
      { name: "Flag", value: "true", type: "bool", pid: 4 },
      { name: "List", value: "", type: "vector", pid: null },
      { name: "Empty", value: "", type: "", pid: 6 },
      { name: "CData", value: "&amp;", type: "lpwstr", pid: 7 },
    ]);
  });

  it("refuses a part that is not custom properties, and a property without a name", () => {
    expect(() => readCustomProperties(`<Properties xmlns="urn:other"/>`)).toThrow(/is not Properties in/);
    expect(() => readCustomProperties(`<Properties xmlns="${CP}"><property pid="2"/></Properties>`)).toThrow(
      new MetadataFormatError("docProps/custom.xml property 1", "the name attribute is missing"),
    );
  });
});

describe("updateCustomPropertiesXml", () => {
  it.each(officeCustomXml)("rewrites Office's %s byte for byte when nothing changes", (_file, xml) => {
    expect(updateCustomPropertiesXml(xml, { set: {}, remove: [] })).toBe(xml);
  });

  it("creates exactly the part Office writes for a label", () => {
    const [, real] = officeCustomXml[0];
    const set = Object.fromEntries(readCustomProperties(real).map((p) => [p.name, p.value]));
    expect(updateCustomPropertiesXml(null, { set, remove: [] })).toBe(real);
  });

  it("relabels a real file: stale label gone, Sensitivity kept with its pid, new pids after the old ones", () => {
    const [, real] = officeCustomXml[2];
    const existing = Object.fromEntries(readCustomProperties(real).map((p) => [p.name, p.value]));
    const write = {
      labelId: "848e3024-4d59-4ebd-bf27-8f3c3970fe52",
      siteId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      method: "Privileged" as const,
      name: "Public",
      contentBits: 0,
      setDate: "2024-05-22T11:33:35Z",
      actionId: "1d4f1966-c3fd-41b2-9f3e-b4c7f5bb09bc",
    };
    const updated = updateCustomPropertiesXml(real, planPropertyUpdate(existing, write.siteId, write));
    const props = readCustomProperties(updated);
    expect(props.find((p) => p.name === "Sensitivity")).toEqual({
      name: "Sensitivity",
      value: "General",
      type: "lpwstr",
      pid: 9,
    });
    expect(props.filter((p) => p.name !== "Sensitivity").map((p) => p.pid)).toEqual([
      10, 11, 12, 13, 14, 15, 16,
    ]);
    expect(decodeCustomXmlLabels(updated).map((r) => [r.labelId, r.method])).toEqual([
      [write.labelId, "Privileged"],
    ]);
  });

  it("replaces a property in place (ignoring case), keeps its pid, and drops same-name duplicates", () => {
    const xml = customXml([
      { name: "Flag", value: "1", type: "bool", pid: 2 },
      { name: "Other", value: "o", type: "lpwstr", pid: 3 },
      { name: "FLAG", value: "2", type: "lpwstr", pid: 4 },
    ]);
    expect(
      readCustomProperties(updateCustomPropertiesXml(xml, { set: { flag: "yes" }, remove: [] })),
    ).toEqual([
      { name: "flag", value: "yes", type: "lpwstr", pid: 2 },
      { name: "Other", value: "o", type: "lpwstr", pid: 3 },
    ]);
  });

  it("removes before it sets", () => {
    const xml = customXml([
      { name: "a", value: "1", type: "lpwstr", pid: 2 },
      { name: "b", value: "2", type: "lpwstr", pid: 3 },
    ]);
    expect(
      readCustomProperties(updateCustomPropertiesXml(xml, { set: { A: "new" }, remove: ["a"] })),
    ).toEqual([
      { name: "b", value: "2", type: "lpwstr", pid: 3 },
      { name: "A", value: "new", type: "lpwstr", pid: 4 },
    ]);
  });

  it("keeps pretty-printing tidy when removing", () => {
    const xml = `<Properties xmlns="${CP}" xmlns:vt="${VT}">\n  <property pid="2" name="a"><vt:lpwstr>1</vt:lpwstr></property>\n  <property pid="3" name="b"><vt:lpwstr>2</vt:lpwstr></property>\n</Properties>`;
    expect(updateCustomPropertiesXml(xml, { set: {}, remove: ["A"] })).toBe(
      `${DECL}<Properties xmlns="${CP}" xmlns:vt="${VT}">\n  <property pid="3" name="b"><vt:lpwstr>2</vt:lpwstr></property>\n</Properties>`,
    );
  });

  it("declares the vt namespace on the root when it is missing there, under a free prefix", () => {
    const local = `<Properties xmlns="${CP}" xmlns:vt="urn:not-vt"><property pid="5" name="x" xmlns:v="${VT}"><v:i4>1</v:i4></property></Properties>`;
    const updated = updateCustomPropertiesXml(local, { set: { y: "2" }, remove: [] });
    expect(updated).toContain(`xmlns:vt2="${VT}"`);
    expect(updated).toContain(
      `<property fmtid="${CUSTOM_PROPERTY_FMTID}" pid="6" name="y"><vt2:lpwstr>2</vt2:lpwstr></property>`,
    );
    expect(readCustomProperties(updated).map((p) => [p.name, p.type, p.pid])).toEqual([
      ["x", "i4", 5],
      ["y", "lpwstr", 6],
    ]);
  });

  it("writes new properties with the root's prefix", () => {
    const prefixed = `<cp:Properties xmlns:cp="${CP}" xmlns:vt="${VT}"/>`;
    const updated = updateCustomPropertiesXml(prefixed, { set: { a: "" }, remove: [] });
    expect(updated).toBe(
      `${DECL}<cp:Properties xmlns:cp="${CP}" xmlns:vt="${VT}"><cp:property fmtid="${CUSTOM_PROPERTY_FMTID}" pid="2" name="a"><vt:lpwstr/></cp:property></cp:Properties>`,
    );
    expect(readCustomProperties(updated)).toEqual([{ name: "a", value: "", type: "lpwstr", pid: 2 }]);
  });

  it("leaves a nameless property where it is", () => {
    const xml = `<Properties xmlns="${CP}" xmlns:vt="${VT}"><property pid="7"><vt:lpwstr>?</vt:lpwstr></property></Properties>`;
    expect(updateCustomPropertiesXml(xml, { set: { a: "1" }, remove: ["b"] })).toBe(
      `${DECL}<Properties xmlns="${CP}" xmlns:vt="${VT}"><property pid="7"><vt:lpwstr>?</vt:lpwstr></property>` +
        `<property fmtid="${CUSTOM_PROPERTY_FMTID}" pid="8" name="a"><vt:lpwstr>1</vt:lpwstr></property></Properties>`,
    );
  });

  it("keeps comments, processing instructions and unknown attributes", () => {
    const xml = `<?xml version="1.0"?><!-- top --><?app x="1&amp;2"?><?empty?><Properties xmlns="${CP}" xmlns:vt="${VT}" xml:lang="en"><!--c--><property pid="2" name="a" linkTarget="t"><vt:lpwstr>1<![CDATA[<2]]></vt:lpwstr></property></Properties>`;
    expect(updateCustomPropertiesXml(xml, { set: {}, remove: [] })).toBe(
      `${DECL}<!-- top --><?app x="1&amp;2"?><?empty?><Properties xmlns="${CP}" xmlns:vt="${VT}" xml:lang="en"><!--c--><property pid="2" name="a" linkTarget="t"><vt:lpwstr>1<![CDATA[<2]]></vt:lpwstr></property></Properties>`,
    );
  });

  it("escapes names and values so that they read back exactly, whitespace included", () => {
    const set = { 'a "b" <&>\t\n': "  ", "\r\n": "\n", x: ' <tag attr="v"> & ]]> \u{1F600} \r ' };
    const updated = updateCustomPropertiesXml(null, { set, remove: [] });
    expect(readCustomProperties(updated).map((p) => [p.name, p.value])).toEqual(Object.entries(set));
  });

  it("refuses what XML cannot carry and contradictory updates", () => {
    expect(() => updateCustomPropertiesXml(null, { set: { a: "x\u0001" }, remove: [] })).toThrow(/U\+0001/);
    expect(() => updateCustomPropertiesXml(null, { set: { a: "\ud800" }, remove: [] })).toThrow(/U\+D800/);
    expect(() => updateCustomPropertiesXml(null, { set: { "": "x" }, remove: [] })).toThrow(/empty/);
    expect(() => updateCustomPropertiesXml(null, { set: { a: "1", A: "2" }, remove: [] })).toThrow(
      /set twice/,
    );
    expect(() => updateCustomPropertiesXml(null, { set: { a: 1 as unknown as string }, remove: [] })).toThrow(
      /not a string/,
    );
  });

  const xmlText = fc
    .string({ unit: "grapheme", maxLength: 30 })
    .filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s));
  const propName = xmlText.filter((s) => s.length > 0);

  it("update → read keeps every other property and applies exactly the update", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            name: propName,
            value: xmlText,
            type: fc.constantFrom("lpwstr", "i4", "bool", "filetime"),
          }),
          { selector: (p) => p.name.toLowerCase(), maxLength: 8 },
        ),
        fc.dictionary(propName, xmlText, { maxKeys: 5 }),
        fc.array(propName, { maxLength: 4 }),
        fc.integer({ min: 2, max: 1000 }),
        (existing, set, removeExtra, firstPid) => {
          const lowerSet = new Set(Object.keys(set).map((k) => k.toLowerCase()));
          fc.pre(lowerSet.size === Object.keys(set).length);
          const props = existing.map((p, i) => ({ ...p, pid: firstPid + i * 3 }));
          const remove = [...removeExtra, ...existing.filter((_, i) => i % 3 === 0).map((p) => p.name)];
          const removeLower = new Set(remove.map((k) => k.toLowerCase()));
          const read = readCustomProperties(updateCustomPropertiesXml(customXml(props), { set, remove }));

          const untouched = props.filter(
            (p) => !removeLower.has(p.name.toLowerCase()) && !lowerSet.has(p.name.toLowerCase()),
          );
          for (const p of untouched) expect(read).toContainEqual(p);
          for (const [name, value] of Object.entries(set)) {
            expect(read.filter((p) => p.name.toLowerCase() === name.toLowerCase())).toEqual([
              expect.objectContaining({ name, value, type: "lpwstr" }),
            ]);
          }
          expect(read).toHaveLength(untouched.length + Object.keys(set).length);
          const pids = read.map((p) => p.pid);
          expect(new Set(pids).size).toBe(pids.length);
          expect(pids.every((pid) => pid !== null && pid >= 2)).toBe(true);
        },
      ),
    );
  });

  it("a label written to custom.xml reads back as written", () => {
    fc.assert(
      fc.property(labelWrite(), (w) => {
        const [r] = decodeCustomXmlLabels(
          updateCustomPropertiesXml(null, { set: encodeLabelProperties(w), remove: [] }),
        );
        expect(r).toMatchObject({ labelId: canonical(w.labelId), name: w.name, source: "custom.xml" });
      }),
    );
  });
});
