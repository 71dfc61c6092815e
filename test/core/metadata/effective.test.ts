import { type LabelRecord, disagreements, effectiveLabels } from "../../../src/core/metadata";

const T1 = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const T2 = "3dd8961f-e488-4e60-8e11-a82d994e183d";
const A = "f42aa342-8706-4288-bd11-ebb85995028c";
const B = "848e3024-4d59-4ebd-bf27-8f3c3970fe52";
const C = "0d814d60-469d-470c-8cb0-58434e2bf457";

function record(
  labelId: string,
  siteId: string,
  source: LabelRecord["source"],
  more: Partial<LabelRecord> = {},
): LabelRecord {
  return {
    labelId,
    siteId,
    enabled: true,
    method: "Standard",
    setDate: null,
    name: null,
    contentBits: 0,
    actionId: null,
    removed: false,
    attributes: {},
    source,
    ...more,
  };
}

const removal = (siteId: string) =>
  record(siteId, siteId, "LabelInfo.xml", { enabled: false, removed: true, method: null });

describe("effectiveLabels", () => {
  it("takes LabelInfo's label for a tenant over custom properties, custom properties for the others", () => {
    const info = [record(A, T1, "LabelInfo.xml")];
    const custom = [record(B, T1, "custom.xml"), record(C, T2, "custom.xml")];
    expect(effectiveLabels(info, custom).map((r) => [r.siteId, r.labelId, r.source])).toEqual([
      [T1, A, "LabelInfo.xml"],
      [T2, C, "custom.xml"],
    ]);
  });

  it("a removal record in LabelInfo means no label for that tenant, whatever custom.xml says", () => {
    expect(effectiveLabels([removal(T1)], [record(B, T1, "custom.xml")])).toEqual([]);
    expect(
      effectiveLabels([record(A, T1, "LabelInfo.xml", { enabled: false })], [record(B, T1, "custom.xml")]),
    ).toEqual([]);
  });

  it("without LabelInfo (absent or empty) custom properties decide; disabled labels are not in effect", () => {
    const custom = [record(B, T1, "custom.xml"), record(C, T2, "custom.xml", { enabled: false })];
    expect(effectiveLabels(null, custom).map((r) => r.labelId)).toEqual([B]);
    expect(effectiveLabels([], custom).map((r) => r.labelId)).toEqual([B]);
  });

  it("when stale keys leave two labels for one tenant, the most recently set enabled one wins", () => {
    const older = record(B, T1, "custom.xml", { setDate: "2020-04-12T03:33:41.1453932Z" });
    const newer = record(C, T1, "custom.xml", { setDate: "2020-04-11T21:00:00-0800" });
    const undated = record(A, T1, "custom.xml");
    expect(effectiveLabels(null, [older, newer, undated]).map((r) => r.labelId)).toEqual([C]);
    expect(effectiveLabels(null, [undated, older]).map((r) => r.labelId)).toEqual([B]);
    const disabledNewest = record(A, T1, "custom.xml", { enabled: false, setDate: "2030-01-01T00:00:00Z" });
    expect(effectiveLabels(null, [older, disabledNewest]).map((r) => r.labelId)).toEqual([B]);
  });
});

describe("disagreements", () => {
  it("lists tenants where LabelInfo and custom properties carry different labels, or a removal and a label", () => {
    const info = [record(A, T1, "LabelInfo.xml"), removal(T2)];
    const custom = [record(B, T1, "custom.xml"), record(C, T2, "custom.xml")];
    expect(disagreements(info, custom).map((d) => [d.siteId, d.labelInfo.labelId, d.custom.labelId])).toEqual(
      [
        [T1, A, B],
        [T2, T2, C],
      ],
    );
  });

  it("is empty when both agree, when only one place speaks, or when custom carries a disabled label", () => {
    expect(
      disagreements(
        [record(A, T1, "LabelInfo.xml")],
        [record(A, T1, "custom.xml", { method: "Privileged" })],
      ),
    ).toEqual([]);
    expect(disagreements(null, [record(B, T1, "custom.xml")])).toEqual([]);
    expect(disagreements([record(A, T1, "LabelInfo.xml")], [])).toEqual([]);
    expect(
      disagreements([record(A, T1, "LabelInfo.xml")], [record(B, T1, "custom.xml", { enabled: false })]),
    ).toEqual([]);
  });
});
