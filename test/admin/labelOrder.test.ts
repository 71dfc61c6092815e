/** Label order in the console: moving, nesting, adding and naming labels keep the order unambiguous. */
import {
  DEFAULT_LABEL_IDS as L,
  defaultTenantPolicy,
  validateTenantPolicy,
  type Label,
} from "../../src/core/policy";
import {
  insertLabel,
  labelTree,
  moveLabel,
  nameFor,
  newLabel,
  numbering,
  orderedLabels,
  removeLabel,
  setParent,
} from "../../src/admin/model/labelTree";

const labels = () => defaultTenantPolicy().labels;
const order = (list: Label[]) => orderedLabels(list).map((l) => `${l.name}:${l.sensitivity}`);

describe("label order", () => {
  test("the default taxonomy is already numbered the console's way", () => {
    const tree = labelTree(labels()).map((n) => ({ id: n.label.id, children: n.children.map((c) => c.id) }));
    const numbers = numbering(tree);
    for (const l of labels()) expect([l.name, numbers.get(l.id)]).toEqual([l.name, l.sensitivity]);
  });

  test("moving a top-level label moves its sublabels with it and renumbers", () => {
    const moved = moveLabel(labels(), L.confidential, 1)!;
    expect(order(moved)).toEqual([
      "Personal:0",
      "Public:100",
      "General:200",
      "HighlyConfidential:300",
      "HighlyConfidential_AllEmployees:310",
      "HighlyConfidential_SpecifiedPeople:320",
      "Confidential:400",
      "Confidential_Anyone:410",
      "Confidential_AllEmployees:420",
      "Confidential_TrustedPeople:430",
    ]);
    // The list itself is sorted by the new order, and the result is a valid configuration.
    expect(moved.map((l) => l.sensitivity)).toEqual(
      [...moved.map((l) => l.sensitivity)].sort((a, b) => a - b),
    );
    expect(validateTenantPolicy({ ...defaultTenantPolicy(), labels: moved }).ok).toBe(true);
  });

  test("a sublabel moves only among its siblings; the ends refuse", () => {
    const moved = moveLabel(labels(), L.confidentialTrustedPeople, -1)!;
    expect(order(moved).slice(3, 7)).toEqual([
      "Confidential:300",
      "Confidential_Anyone:310",
      "Confidential_TrustedPeople:320",
      "Confidential_AllEmployees:330",
    ]);
    expect(moveLabel(labels(), L.confidentialAnyone, -1)).toBeNull();
    expect(moveLabel(labels(), L.personal, -1)).toBeNull();
    expect(moveLabel(labels(), L.highlyConfidential, 1)).toBeNull();
  });

  test("unchanged labels keep their object; changed ones are copies", () => {
    const before = labels();
    const moved = moveLabel(before, L.public, 1)!;
    expect(moved.find((l) => l.id === L.personal)).toBe(before.find((l) => l.id === L.personal));
    expect(moved.find((l) => l.id === L.public)).not.toBe(before.find((l) => l.id === L.public));
  });

  test("nesting: a top-level label becomes a sublabel and back; parents with children and sublabels cannot nest", () => {
    const nested = setParent(labels(), L.public, L.general)!;
    expect(nested.find((l) => l.id === L.public)!.parentId).toBe(L.general);
    expect(order(nested).slice(0, 3)).toEqual(["Personal:0", "General:100", "Public:110"]);
    const back = setParent(nested, L.public, null)!;
    expect(order(back).slice(0, 3)).toEqual(["Personal:0", "General:100", "Public:200"]);
    expect(setParent(labels(), L.confidential, L.general)).toBeNull();
    expect(setParent(labels(), L.public, L.confidentialAnyone)).toBeNull();
    expect(setParent(labels(), L.public, L.public)).toBeNull();
  });

  test("a new label goes last; a new sublabel last under its parent; names stay unique", () => {
    const base = labels();
    const fresh = newLabel(base, null, "0b8d5b9e-7c1a-4d7e-9e3a-2f6c1d4b5a01");
    const added = insertLabel(base, fresh, null);
    expect(order(added).at(-1)).toBe("NewLabel:500");
    const sub = newLabel(added, L.confidential, "0b8d5b9e-7c1a-4d7e-9e3a-2f6c1d4b5a02");
    expect(sub.name).toBe("Confidential_NewSublabel");
    const withSub = insertLabel(added, sub, L.confidential);
    expect(order(withSub).slice(3, 8)).toEqual([
      "Confidential:300",
      "Confidential_Anyone:310",
      "Confidential_AllEmployees:320",
      "Confidential_TrustedPeople:330",
      "Confidential_NewSublabel:340",
    ]);
    expect(nameFor("Internal only", null, ["InternalOnly", "internalonly_2"])).toBe("InternalOnly_3");
    expect(nameFor("Rates; 2025 = final", null, [])).toBe("Rates2025Final");
    expect(nameFor("  ", null, [])).toBe("Label");
  });

  test("ten sublabels still fit between their parent and the next parent", () => {
    let list = labels();
    for (let i = 0; i < 8; i++) {
      const id = `0b8d5b9e-7c1a-4d7e-9e3a-2f6c1d4b5a${String(10 + i)}`;
      list = insertLabel(list, newLabel(list, L.general, id), L.general);
    }
    const general = labelTree(list).find((n) => n.label.id === L.general)!;
    expect(general.children).toHaveLength(8);
    list = insertLabel(list, newLabel(list, L.general, "0b8d5b9e-7c1a-4d7e-9e3a-2f6c1d4b5a99"), L.general);
    list = insertLabel(list, newLabel(list, L.general, "0b8d5b9e-7c1a-4d7e-9e3a-2f6c1d4b5a98"), L.general);
    const numbers = orderedLabels(list).map((l) => l.sensitivity);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const tree = labelTree(list);
    for (let k = 0; k + 1 < tree.length; k++)
      for (const c of tree[k].children) expect(c.sensitivity).toBeLessThan(tree[k + 1].label.sensitivity);
  });

  test("a label with sublabels cannot be removed; a leaf can", () => {
    expect(removeLabel(labels(), L.confidential)).toBeNull();
    expect(removeLabel(labels(), L.confidentialAnyone)!.map((l) => l.id)).not.toContain(L.confidentialAnyone);
  });
});
