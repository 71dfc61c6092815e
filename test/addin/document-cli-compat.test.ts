/**
 * One shared encoder: the label properties the add-in writes into a document through Office.js
 * (here the fake Word/Excel hosts) are exactly the properties the CLI writes into the same file's
 * docProps/custom.xml with planPropertyUpdate + updateCustomPropertiesXml — checked on real Office
 * files from the fixtures, zipped and read back.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { ExcelHost } from "../../src/addin/hosts/excel";
import { WordHost } from "../../src/addin/hosts/word";
import { labelWrite } from "../../src/addin/hosts/documentLabel";
import { decideLabelChange, type LabelPlan } from "../../src/core/decide";
import {
  decodeCustomXmlLabels,
  decodeLabelProperties,
  planPropertyUpdate,
  readCustomProperties,
  updateCustomPropertiesXml,
} from "../../src/core/metadata";
import { defaultTenantPolicy, resolveEffectivePolicy, type EffectivePolicy } from "../../src/core/policy";
import { createFakeExcel, propertyMap as excelProperties } from "./fakes/excel";
import { createFakeWord, propertyMap as wordProperties } from "./fakes/word";
import { L, OUR_TENANT, context, installGlobals, ourLabelProperties, removeGlobals } from "./documentSetup";

const FIXTURES = join(__dirname, "..", "fixtures", "real-labels", "office");
const CUSTOM_XML = "docProps/custom.xml";

function readZip(file: string): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(readFileSync(join(FIXTURES, file))));
}

/** The file's properties the way Office.js hands them to an add-in: typed values. */
function officeValues(xml: string): Record<string, string | number | boolean | Date> {
  const out: Record<string, string | number | boolean | Date> = {};
  for (const p of readCustomProperties(xml)) {
    if (p.type === "i4" || p.type === "r8") out[p.name] = Number(p.value);
    else if (p.type === "bool") out[p.name] = p.value === "true" || p.value === "1";
    else if (p.type === "filetime") out[p.name] = new Date(p.value);
    else out[p.name] = p.value;
  }
  return out;
}

/** The CLI's write: the same planPropertyUpdate, into custom.xml, into a real zip, read back. */
function cliWrite(
  files: Record<string, Uint8Array>,
  siteId: string,
  plan: LabelPlan,
  contentBits: number,
): Record<string, string> {
  const xml = strFromU8(files[CUSTOM_XML]);
  const pairs = readCustomProperties(xml).map((p): [string, string] => [p.name, p.value]);
  const update = planPropertyUpdate(pairs, siteId, labelWrite(plan, contentBits));
  const zipped = zipSync({ ...files, [CUSTOM_XML]: strToU8(updateCustomPropertiesXml(xml, update)) });
  const back = strFromU8(unzipSync(zipped)[CUSTOM_XML]);
  return Object.fromEntries(readCustomProperties(back).map((p) => [p.name, p.value]));
}

function labelKeys(props: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => k.toLowerCase().startsWith("msip_label_")));
}

function plan(
  p: EffectivePolicy,
  current: { labelId: string; method: "Standard" | "Privileged" | null } | null,
  labelId: string | null,
  app: "Word" | "Excel",
): LabelPlan {
  const decision = decideLabelChange(
    p,
    { kind: "file", current },
    { labelId, justification: { reason: "Previous label was incorrect" } },
    context(app),
  );
  if (decision.outcome !== "allow") throw new Error(decision.message);
  return decision.plan;
}

afterEach(() => removeGlobals());

describe("the add-in and the CLI write the same label properties", () => {
  it("Word: a partner-labeled .docx with a stale label of ours, labeled Confidential \\ All Employees", async () => {
    const files = readZip("tika__testWORD_docSecurity.docx");
    // The file gets a stale label of ours first — through the CLI encoder, so both sides start equal.
    const stale = planPropertyUpdate([], OUR_TENANT, null);
    stale.set = ourLabelProperties(L.general, "General", "Standard", "0");
    files[CUSTOM_XML] = strToU8(updateCustomPropertiesXml(strFromU8(files[CUSTOM_XML]), stale));
    const word = createFakeWord({
      sections: [{}, {}],
      properties: officeValues(strFromU8(files[CUSTOM_XML])),
    });
    installGlobals("Word", { Word: word.Word });
    const p = resolveEffectivePolicy(defaultTenantPolicy(), { id: "u", groups: [] });

    const host = new WordHost();
    const state = await host.readLabel(OUR_TENANT);
    const change = plan(p, state.current, L.confidentialAllEmployees, "Word");
    const result = await host.applyPlan(change);

    const fromAddin = wordProperties(word.model);
    const fromCli = cliWrite(files, OUR_TENANT, change, result.contentBits);
    expect(result.contentBits).toBe(2);
    expect(fromAddin).toEqual(fromCli);
    expect(Object.keys(labelKeys(fromCli))).toHaveLength(14); // the partner's 7 and our 7
    expect(decodeLabelProperties(Object.entries(fromAddin))).toEqual(
      decodeCustomXmlLabels(updateCustomPropertiesXml(null, { set: fromCli, remove: [] })).map((r) => ({
        ...r,
        source: "properties",
      })),
    );
  });

  it("Excel: an old AIP-labeled .xlsx of our own tenant, relabeled Highly Confidential: legacy keys go, other properties stay", async () => {
    const files = readZip("openxmlsdk__malformed_uri.xlsx");
    const tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    const excel = createFakeExcel({
      sheets: [{}, {}],
      properties: officeValues(strFromU8(files[CUSTOM_XML])),
    });
    installGlobals("Excel", { Excel: excel.Excel });
    const p = resolveEffectivePolicy(defaultTenantPolicy({ siteId: tenant }), { id: "u", groups: [] });

    const host = new ExcelHost();
    const state = await host.readLabel(tenant);
    expect(state.current).toEqual({ labelId: "f42aa342-8706-4288-bd11-ebb85995028c", method: "Standard" });
    const change = plan(p, null, L.highlyConfidentialAllEmployees, "Excel");
    const result = await host.applyPlan(change);
    await host.dispose();

    const fromAddin = excelProperties(excel.model);
    const fromCli = cliWrite(files, tenant, change, result.contentBits);
    expect(result.contentBits).toBe(3);
    expect(fromAddin).toEqual(fromCli);
    expect(fromCli.Sensitivity).toBe("General");
    expect(Object.keys(fromCli).some((k) => k.includes("f42aa342"))).toBe(false);
  });

  it("removal: both sides drop exactly our tenant's keys", async () => {
    const files = readZip("tika__testWORD_docSecurity.docx");
    const ours = planPropertyUpdate([], OUR_TENANT, null);
    ours.set = ourLabelProperties(L.public, "Public");
    files[CUSTOM_XML] = strToU8(updateCustomPropertiesXml(strFromU8(files[CUSTOM_XML]), ours));
    const word = createFakeWord({ properties: officeValues(strFromU8(files[CUSTOM_XML])) });
    installGlobals("Word", { Word: word.Word });
    const tenant = defaultTenantPolicy();
    tenant.policies[0].settings.mandatoryDocuments = false;
    const p = resolveEffectivePolicy(tenant, { id: "u", groups: [] });

    const host = new WordHost();
    const state = await host.readLabel(OUR_TENANT);
    const change = plan(p, state.current, null, "Word");
    await host.applyPlan(change);

    const fromCli = cliWrite(files, OUR_TENANT, change, 0);
    expect(wordProperties(word.model)).toEqual(fromCli);
    expect(Object.keys(fromCli).every((k) => k.includes("03ef5274"))).toBe(true);
  });
});
