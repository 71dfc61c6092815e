import { DEFAULT_LABEL_IDS as L, defaultTenantPolicy } from "../../../src/core/policy";
import { LabelIndex } from "../../../src/core/policy/labels";

const index = new LabelIndex(
  defaultTenantPolicy({ siteId: "00000000-0000-0000-0000-000000000001", name: "x" }).labels,
);

describe("LabelIndex.isAtLeast (the pane hides a recommendation the chosen label already meets)", () => {
  test("a label is at least as sensitive as itself and as every lower one", () => {
    expect(index.isAtLeast(L.confidentialAllEmployees, L.confidentialAllEmployees)).toBe(true);
    expect(index.isAtLeast(L.highlyConfidentialAllEmployees, L.general)).toBe(true);
  });

  test("a lower label is not, and an unknown label never is", () => {
    expect(index.isAtLeast(L.general, L.confidentialAllEmployees)).toBe(false);
    expect(index.isAtLeast("11111111-1111-1111-1111-111111111111", L.general)).toBe(false);
    expect(index.isAtLeast(L.general, "11111111-1111-1111-1111-111111111111")).toBe(false);
  });
});
