/** History diffs and the merge that keeps a second admin's edits when the first one saved before. */
import {
  DEFAULT_LABEL_IDS as L,
  DEFAULT_POLICY_ID,
  defaultTenantPolicy,
  type TenantPolicy,
} from "../../src/core/policy";
import { changeCount, diffTenantPolicy } from "../../src/admin/model/diff";
import { mergeDrafts, takeMine } from "../../src/admin/model/merge";
import { moveLabel } from "../../src/admin/model/labelTree";

const base = () => defaultTenantPolicy();
function edit(doc: TenantPolicy, change: (d: TenantPolicy) => void): TenantPolicy {
  const copy = structuredClone(doc);
  change(copy);
  return copy;
}
const label = (d: TenantPolicy, id: string) => d.labels.find((l) => l.id === id)!;
const titus = (labelId: string, value = "General") => ({
  type: "customProperty" as const,
  property: "Information Classification",
  value,
  labelId,
});

describe("diffTenantPolicy", () => {
  test("a rename and a setting change, in the admin's terms", () => {
    const after = edit(base(), (d) => {
      label(d, L.general).displayName = "Internal";
      d.policies[0].settings.mandatoryDocuments = false;
    });
    expect(diffTenantPolicy(base(), after)).toEqual([
      {
        entity: "label",
        id: L.general,
        name: "Internal",
        kind: "changed",
        fields: [{ path: "displayName", before: "General", after: "Internal" }],
      },
      {
        entity: "policy",
        id: DEFAULT_POLICY_ID,
        name: "Default policy",
        kind: "changed",
        fields: [{ path: "settings.mandatoryDocuments", before: true, after: false }],
      },
    ]);
  });

  test("a reorder is a change of sensitivity, matched by id, not a shuffle", () => {
    const after = { ...base(), labels: moveLabel(base().labels, L.personal, 1)! };
    const changes = diffTenantPolicy(base(), after);
    expect(changes.map((c) => [c.name, c.fields])).toEqual([
      ["Public", [{ path: "sensitivity", before: 100, after: 0 }]],
      ["Personal", [{ path: "sensitivity", before: 0, after: 100 }]],
    ]);
    expect(changeCount(changes)).toBe(2);
  });

  test("added and removed labels, sublabel names with their parent; conditions by index", () => {
    const after = edit(base(), (d) => {
      d.labels = d.labels.filter((l) => l.id !== L.confidentialTrustedPeople);
      label(d, L.confidentialAllEmployees).conditions[0].minCount = 2;
      d.labels.push({
        ...label(d, L.public),
        id: "6d7a1e2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
        name: "Partner",
        displayName: "Partner",
        sensitivity: 150,
      });
    });
    const changes = diffTenantPolicy(base(), after);
    expect(changes.map((c) => [c.kind, c.name, c.fields.map((f) => f.path)])).toEqual([
      ["added", "Partner", []],
      ["changed", "Confidential \\ All Employees", ["conditions[0].minCount"]],
      ["removed", "Confidential \\ Trusted People", []],
    ]);
    expect(changeCount(changes)).toBe(3);
  });

  test("label mappings and the Purview sync settings are tenant changes, field by field", () => {
    const after = edit(base(), (d) => {
      d.labelMappings = [titus(L.general)];
      d.purviewSync = { settingsPolicyId: DEFAULT_POLICY_ID, userPolicies: [] };
    });
    const changes = diffTenantPolicy(base(), after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ entity: "tenant", kind: "changed" });
    expect(changes[0].fields.map((f) => [f.path, f.after])).toEqual([
      ["labelMappings[0].type", "customProperty"],
      ["labelMappings[0].property", "Information Classification"],
      ["labelMappings[0].value", "General"],
      ["labelMappings[0].labelId", L.general],
      ["purviewSync.settingsPolicyId", DEFAULT_POLICY_ID],
    ]);
    const edited = edit(after, (d) => (d.labelMappings![0] = { ...titus(L.general), pattern: "^gen" }));
    delete (edited.labelMappings![0] as { value?: string }).value;
    expect(diffTenantPolicy(after, edited)[0].fields).toEqual([
      { path: "labelMappings[0].value", before: "General", after: undefined },
      { path: "labelMappings[0].pattern", before: undefined, after: "^gen" },
    ]);
    expect(changeCount(diffTenantPolicy(after, edited))).toBe(2);
  });

  test("a label Purview no longer lists is retired, not just changed", () => {
    const before = edit(base(), (d) => (label(d, L.public).purview = {}));
    const after = edit(before, (d) => {
      label(d, L.public).isActive = false;
      label(d, L.public).purview = { retiredAt: "2026-12-05T10:00:00.000Z" };
    });
    const changes = diffTenantPolicy(before, after);
    expect(changes.map((c) => [c.kind, c.name, c.fields.map((f) => f.path)])).toEqual([
      ["retired", "Public", ["isActive", "purview.retiredAt"]],
    ]);
    // An admin switching a label off is a change, not a retirement.
    const off = edit(base(), (d) => (label(d, L.public).isActive = false));
    expect(diffTenantPolicy(base(), off)[0].kind).toBe("changed");
  });

  test("the first version diffs against nothing", () => {
    const changes = diffTenantPolicy(null, base());
    expect(changes[0]).toEqual({
      entity: "tenant",
      id: null,
      name: "Development tenant",
      kind: "added",
      fields: [
        { path: "siteId", before: undefined, after: base().siteId },
        { path: "name", before: undefined, after: "Development tenant" },
        { path: "labelStorage", before: undefined, after: "auto" },
        // The Exchange backstop's defaults are part of the first version; empty lists are not changes.
        { path: "protection.exchange.rulePrefix", before: undefined, after: "Labelbridge" },
        { path: "protection.exchange.mandatoryMailAction", before: undefined, after: "reject" },
      ],
    });
    expect(changes.filter((c) => c.kind === "added")).toHaveLength(12);
  });
});

describe("mergeDrafts", () => {
  test("different fields: both admins' edits survive", () => {
    const theirs = edit(base(), (d) => (label(d, L.general).displayName = "Internal"));
    const mine = edit(base(), (d) => {
      label(d, L.general).tooltip = "Work things that are not for the public.";
      d.policies[0].settings.justificationRequired = false;
    });
    const r = mergeDrafts(base(), mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.applied).toBe(2);
    expect(label(r.merged, L.general)).toMatchObject({
      displayName: "Internal",
      tooltip: "Work things that are not for the public.",
    });
    expect(r.merged.policies[0].settings.justificationRequired).toBe(false);
  });

  test("the same field: the saved value stays, the conflict carries mine, takeMine applies it", () => {
    const theirs = edit(base(), (d) => (label(d, L.general).displayName = "Internal"));
    const mine = edit(base(), (d) => (label(d, L.general).displayName = "Company"));
    const r = mergeDrafts(base(), mine, theirs);
    expect(r.conflicts).toEqual([
      {
        entity: "label",
        id: L.general,
        name: "Company",
        path: "displayName",
        mine: "Company",
        theirs: "Internal",
      },
    ]);
    expect(label(r.merged, L.general).displayName).toBe("Internal");
    expect(label(takeMine(r.merged, r.conflicts[0]), L.general).displayName).toBe("Company");
  });

  test("same new value on both sides is no conflict and no edit", () => {
    const theirs = edit(base(), (d) => (label(d, L.general).displayName = "Internal"));
    const r = mergeDrafts(base(), theirs, theirs);
    expect(r).toEqual({ merged: theirs, conflicts: [], applied: 0 });
  });

  test("my new label and new policy are added; their deletion of a label I did not touch holds", () => {
    const newId = "6d7a1e2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    const theirs = edit(
      base(),
      (d) => (d.labels = d.labels.filter((l) => l.id !== L.confidentialTrustedPeople)),
    );
    const mine = edit(base(), (d) => {
      d.labels.push({
        ...label(d, L.public),
        id: newId,
        name: "Partner",
        displayName: "Partner",
        sensitivity: 150,
      });
      d.policies.push({
        ...d.policies[0],
        id: "7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b",
        name: "Pilot",
        priority: 1,
      });
    });
    const r = mergeDrafts(base(), mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.merged.labels.map((l) => l.id)).toContain(newId);
    expect(r.merged.labels.map((l) => l.id)).not.toContain(L.confidentialTrustedPeople);
    expect(r.merged.policies.map((p) => p.name)).toEqual(["Default policy", "Pilot"]);
  });

  test("I edited a label they deleted: conflict, their deletion stays until I take mine", () => {
    const theirs = edit(
      base(),
      (d) => (d.labels = d.labels.filter((l) => l.id !== L.confidentialTrustedPeople)),
    );
    const mine = edit(base(), (d) => (label(d, L.confidentialTrustedPeople).tooltip = "Named partners."));
    const r = mergeDrafts(base(), mine, theirs);
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({
      entity: "label",
      id: L.confidentialTrustedPeople,
      path: "",
      theirs: undefined,
    });
    expect(r.merged.labels.some((l) => l.id === L.confidentialTrustedPeople)).toBe(false);
    const taken = takeMine(r.merged, r.conflicts[0]);
    expect(label(taken, L.confidentialTrustedPeople).tooltip).toBe("Named partners.");
  });

  test("a removed footer goes whole, not as an empty object", () => {
    const mine = edit(base(), (d) => delete label(d, L.confidentialAnyone).marking.footer);
    const theirs = edit(base(), (d) => (label(d, L.general).displayName = "Internal"));
    const r = mergeDrafts(base(), mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(label(r.merged, L.confidentialAnyone).marking).toEqual({});
  });

  test("my label mappings survive another admin's save of a label", () => {
    const theirs = edit(base(), (d) => (label(d, L.general).displayName = "Internal"));
    const mine = edit(base(), (d) => (d.labelMappings = [titus(L.general)]));
    const r = mergeDrafts(base(), mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.applied).toBe(1);
    expect(r.merged.labelMappings).toEqual([titus(L.general)]);
    expect(label(r.merged, L.general).displayName).toBe("Internal");
  });

  test("mappings are one list: both sides changed it → conflict, takeMine takes mine whole; my removal holds", () => {
    const start = edit(base(), (d) => (d.labelMappings = [titus(L.general)]));
    const theirs = edit(start, (d) => d.labelMappings!.push(titus(L.public, "Public")));
    const mine = edit(start, (d) => (d.labelMappings![0].labelId = L.confidentialAllEmployees));
    const r = mergeDrafts(start, mine, theirs);
    expect(r.conflicts.map((c) => [c.entity, c.path])).toEqual([["tenant", "labelMappings"]]);
    expect(r.merged.labelMappings).toEqual(theirs.labelMappings);
    expect(takeMine(r.merged, r.conflicts[0]).labelMappings).toEqual(mine.labelMappings);

    const removed = edit(start, (d) => delete d.labelMappings);
    const other = edit(start, (d) => (label(d, L.general).displayName = "Internal"));
    const gone = mergeDrafts(start, removed, other);
    expect(gone.conflicts).toEqual([]);
    expect(gone.merged.labelMappings).toBeUndefined();
  });

  test("lists are taken whole: a changed scope never mixes both sides' groups", () => {
    const theirs = edit(base(), (d) => (d.policies[0].scope.groups = ["Finance"]));
    const mine = edit(base(), (d) => (d.policies[0].scope.groups = ["Pilot"]));
    const r = mergeDrafts(base(), mine, theirs);
    expect(r.merged.policies[0].scope.groups).toEqual(["Finance"]);
    expect(r.conflicts.map((c) => [c.path, c.mine, c.theirs])).toEqual([
      ["scope.groups", ["Pilot"], ["Finance"]],
    ]);
  });
});
