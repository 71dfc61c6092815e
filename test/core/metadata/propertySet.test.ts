import fc from "fast-check";
import {
  type LabelWrite,
  MetadataFormatError,
  decodeLabelProperties,
  encodeLabelProperties,
  formatSetDate,
  planPropertyUpdate,
} from "../../../src/core/metadata";
import { canonical, labelWrite } from "./arbitraries";

const OURS = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const THEIRS = "3dd8961f-e488-4e60-8e11-a82d994e183d";
const G_OLD = "f42aa342-8706-4288-bd11-ebb85995028c";
const G_NEW = "848e3024-4d59-4ebd-bf27-8f3c3970fe52";
const G_THEIRS = "0d814d60-469d-470c-8cb0-58434e2bf457";
const ACTION = "1d4f1966-c3fd-41b2-9f3e-b4c7f5bb09bc";

const write: LabelWrite = {
  labelId: G_NEW,
  siteId: OURS,
  method: "Privileged",
  name: "Public",
  contentBits: 0,
  setDate: "2024-05-22T11:33:35Z",
  actionId: ACTION,
};

function labelProps(
  guid: string,
  siteId: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    [`MSIP_Label_${guid}_Enabled`]: "true",
    [`MSIP_Label_${guid}_SiteId`]: siteId,
    [`MSIP_Label_${guid}_Name`]: "Old",
    ...extra,
  };
}

describe("encodeLabelProperties", () => {
  it("writes the full key set in Office's order", () => {
    expect(Object.entries(encodeLabelProperties(write))).toEqual([
      [`MSIP_Label_${G_NEW}_Enabled`, "true"],
      [`MSIP_Label_${G_NEW}_SetDate`, "2024-05-22T11:33:35Z"],
      [`MSIP_Label_${G_NEW}_Method`, "Privileged"],
      [`MSIP_Label_${G_NEW}_Name`, "Public"],
      [`MSIP_Label_${G_NEW}_SiteId`, OURS],
      [`MSIP_Label_${G_NEW}_ActionId`, ACTION],
      [`MSIP_Label_${G_NEW}_ContentBits`, "0"],
    ]);
  });

  it("enforces Office's 255-character limit on values", () => {
    expect(() => encodeLabelProperties({ ...write, name: "n".repeat(255) })).not.toThrow();
    expect(() => encodeLabelProperties({ ...write, name: "n".repeat(256) })).toThrow(
      /Name value "n{60}…" \(256 chars\) is longer than 255 characters/,
    );
  });
});

describe("decodeLabelProperties", () => {
  it("reads every tenant, any key case, ignoring other properties; from pairs or a record", () => {
    const props = {
      Sensitivity: "General",
      ...labelProps(G_OLD, OURS),
      [`msip_label_${G_THEIRS}_enabled`]: "True",
      [`MSIP_LABEL_${G_THEIRS.toUpperCase()}_SITEID`]: THEIRS.toUpperCase(),
    };
    const records = decodeLabelProperties(props);
    expect(records.map((r) => [r.labelId, r.siteId, r.enabled, r.source])).toEqual([
      [G_OLD, OURS, true, "properties"],
      [G_THEIRS, THEIRS, true, "properties"],
    ]);
    expect(decodeLabelProperties(new Map(Object.entries(props)))).toEqual(records);
  });

  it("reads typed Office.js values as their text", () => {
    const [r] = decodeLabelProperties([
      [`MSIP_Label_${G_OLD}_Enabled`, true as unknown as string],
      [`MSIP_Label_${G_OLD}_SiteId`, OURS],
      [`MSIP_Label_${G_OLD}_ContentBits`, 3 as unknown as string],
    ]);
    expect(r).toMatchObject({ enabled: true, contentBits: 3 });
  });

  it("refuses malformed label keys and missing required attributes", () => {
    expect(() => decodeLabelProperties({ MSIP_Label_1234_Enabled: "true" })).toThrow(MetadataFormatError);
    expect(() => decodeLabelProperties({ [`MSIP_Label_${G_OLD}_Enabled`]: "true" })).toThrow(
      /label f42aa342-8706-4288-bd11-ebb85995028c: the required SiteId attribute is missing/,
    );
  });

  it("round-trips every write", () => {
    fc.assert(
      fc.property(labelWrite(), (w) => {
        const [r] = decodeLabelProperties(encodeLabelProperties(w));
        expect(r).toMatchObject({
          labelId: canonical(w.labelId),
          siteId: canonical(w.siteId),
          enabled: true,
          method: w.method,
          name: w.name,
          contentBits: w.contentBits,
          actionId: canonical(w.actionId),
          setDate: typeof w.setDate === "string" ? w.setDate : formatSetDate(w.setDate),
        });
      }),
    );
  });
});

function apply(existing: Record<string, string>, plan: { set: Record<string, string>; remove: string[] }) {
  const result = { ...existing };
  for (const key of plan.remove) delete result[key];
  return { ...result, ...plan.set };
}

describe("planPropertyUpdate", () => {
  const existing = {
    Sensitivity: "General",
    ContentTypeId: "0x0101",
    ...labelProps(G_OLD, OURS, { [`MSIP_Label_${G_OLD}_GeneratedBy`]: "tool" }),
    ...labelProps(G_THEIRS, THEIRS),
  };

  it("sets our full key set, removes our stale label, keeps the other tenant and other properties", () => {
    const plan = planPropertyUpdate(existing, OURS, write);
    expect(plan.set).toEqual(encodeLabelProperties(write));
    expect(plan.remove.sort()).toEqual(
      [
        `MSIP_Label_${G_OLD}_Enabled`,
        `MSIP_Label_${G_OLD}_SiteId`,
        `MSIP_Label_${G_OLD}_Name`,
        `MSIP_Label_${G_OLD}_GeneratedBy`,
      ].sort(),
    );
    const after = apply(existing, plan);
    expect(decodeLabelProperties(after).map((r) => [r.siteId, r.labelId])).toEqual([
      [THEIRS, G_THEIRS],
      [OURS, G_NEW],
    ]);
    expect(after.Sensitivity).toBe("General");
    expect(after.ContentTypeId).toBe("0x0101");
  });

  it("with no label removes all of our tenant's keys and nothing else", () => {
    const plan = planPropertyUpdate(existing, `{${OURS.toUpperCase()}}`, null);
    expect(plan.set).toEqual({});
    expect(plan.remove).toHaveLength(4);
    expect(decodeLabelProperties(apply(existing, plan)).map((r) => r.siteId)).toEqual([THEIRS]);
  });

  it("relabeling the same label keeps its extension keys and replaces differently-cased copies", () => {
    const current = {
      [`msip_label_${G_NEW}_enabled`]: "true",
      [`MSIP_Label_${G_NEW}_SiteId`]: OURS,
      [`MSIP_Label_${G_NEW}_GeneratedBy`]: "tool",
    };
    const plan = planPropertyUpdate(current, OURS, write);
    expect(plan.remove).toEqual([`msip_label_${G_NEW}_enabled`]);
    const after = apply(current, plan);
    expect(after[`MSIP_Label_${G_NEW}_GeneratedBy`]).toBe("tool");
    expect(decodeLabelProperties(after)).toHaveLength(1);
  });

  it("leaves malformed label keys and labels of unknown tenant alone", () => {
    const odd = { MSIP_Label_junk_Enabled: "true", [`MSIP_Label_${G_OLD}_Name`]: "orphan" };
    expect(planPropertyUpdate(odd, OURS, write).remove).toEqual([]);
  });

  it("refuses a write for another tenant, a label owned by another tenant, a bad tenant and long values", () => {
    expect(() => planPropertyUpdate({}, THEIRS, write)).toThrow(/belongs to tenant/);
    expect(() => planPropertyUpdate(labelProps(G_NEW, THEIRS), OURS, write)).toThrow(/another tenant/);
    expect(() => planPropertyUpdate({}, "not-a-guid", null)).toThrow(/tenant "not-a-guid" is not a GUID/);
    expect(() => planPropertyUpdate({}, OURS, { ...write, name: "x".repeat(256) })).toThrow(
      /longer than 255/,
    );
  });

  it("after any plan, our tenant has exactly the written label and every other property is unchanged", () => {
    const otherTenantLabel = fc.tuple(fc.uuid(), fc.uuid()).filter(([, site]) => site !== OURS);
    fc.assert(
      fc.property(
        fc.array(otherTenantLabel, { maxLength: 3 }),
        fc.array(fc.uuid(), { maxLength: 3 }),
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !/^msip_label_/i.test(k)),
          fc.string({ maxLength: 20 }),
        ),
        fc.option(labelWrite().map((w) => ({ ...w, siteId: OURS }))),
        (others, ours, plain, w) => {
          const existing: Record<string, string> = { ...plain };
          for (const [guid, site] of others) Object.assign(existing, labelProps(guid, site));
          for (const guid of ours) Object.assign(existing, labelProps(guid, OURS));
          const after = apply(existing, planPropertyUpdate(existing, OURS, w));
          const labels = decodeLabelProperties(after);
          const mine = labels.filter((r) => r.siteId === OURS);
          expect(mine.map((r) => r.labelId)).toEqual(w ? [canonical(w.labelId)] : []);
          for (const [key, value] of Object.entries(existing)) {
            const ourKey = ours.some((g) => key.includes(g)) || (w && key.includes(canonical(w.labelId)));
            if (!ourKey) expect(after[key]).toBe(value);
          }
        },
      ),
    );
  });
});
