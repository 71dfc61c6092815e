/**
 * What the console's editing actions do to the configuration (labels published with their parent,
 * deleted ones unpublished, names that follow the display name until saved, policy priority), and
 * which view a URL opens.
 */
import {
  DEFAULT_LABEL_IDS as L,
  DEFAULT_POLICY_ID,
  defaultTenantPolicy,
  validateTenantPolicy,
  type TenantPolicy,
} from "../../src/core/policy";
import {
  addLabel,
  deleteLabel,
  moveLabelIn,
  policiesNaming,
  renamed,
  reparentLabel,
  withTarget,
} from "../../src/admin/model/labelEdits";
import { newLabel, orderedLabels } from "../../src/admin/model/labelTree";
import { byPriority, movePolicy, newPolicy } from "../../src/admin/model/policyList";
import { href, parseRoute } from "../../src/admin/router";

const doc = () => defaultTenantPolicy();
const label = (d: TenantPolicy, id: string) => d.labels.find((l) => l.id === id)!;
const NEW = "11111111-2222-4333-8444-555555555555";

describe("label edits", () => {
  test("a new sublabel is published wherever its parent is, last among its siblings", () => {
    const before = doc();
    const made = newLabel(before.labels, L.confidential, NEW);
    const after = addLabel(before, made, L.confidential);
    expect(after.policies[0].labels).toContain(NEW);
    const order = orderedLabels(after.labels).map((l) => l.id);
    expect(order.indexOf(NEW)).toBe(order.indexOf(L.confidentialTrustedPeople) + 1);
    expect(label(after, NEW).parentId).toBe(L.confidential);
  });

  test("a new top-level label is published by no policy until the admin says so", () => {
    const before = doc();
    const after = addLabel(before, newLabel(before.labels, null, NEW), null);
    expect(after.policies.map((p) => p.labels.includes(NEW))).toEqual([false]);
    expect(orderedLabels(after.labels).at(-1)!.id).toBe(NEW);
  });

  test("deleting a label unpublishes it; settings that still name it are left for validation to point at", () => {
    const before = doc();
    before.policies[0].settings.defaultMailLabel = L.public;
    const after = deleteLabel(before, L.public);
    expect(after.labels.some((l) => l.id === L.public)).toBe(false);
    expect(after.policies[0].labels).not.toContain(L.public);
    const result = validateTenantPolicy(after);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => i.path)).toContain("policies[0].settings.defaultMailLabel");
  });

  test("a parent with sublabels cannot be deleted: the document comes back unchanged", () => {
    const before = doc();
    expect(deleteLabel(before, L.confidential)).toBe(before);
  });

  test("the policies naming a label include those that name it only in a setting", () => {
    const before = doc();
    before.policies[0].labels = before.policies[0].labels.filter((id) => id !== L.public);
    expect(policiesNaming(before, L.public)).toEqual([]);
    before.policies[0].settings.recipientRules = [
      { labelIds: [L.public], action: "warn", trustedDomains: [] },
    ];
    expect(policiesNaming(before, L.public).map((p) => p.id)).toEqual([DEFAULT_POLICY_ID]);
  });

  test("an unsaved label's name follows its display name until the admin edits the name itself", () => {
    const saved = doc();
    const draft = addLabel(saved, newLabel(saved.labels, null, NEW), null);
    const fresh = label(draft, NEW);
    expect(renamed(fresh, "Partner data", draft, saved)).toEqual({
      displayName: "Partner data",
      name: "PartnerData",
    });
    const edited = { ...fresh, name: "Custom" };
    expect(renamed(edited, "Partner data", draft, saved)).toEqual({ displayName: "Partner data" });
    // A saved label's name is in content already: it never changes behind the admin's back.
    expect(renamed(label(draft, L.general), "Internal", draft, saved)).toEqual({ displayName: "Internal" });
  });

  test("mail and files are switched one at a time", () => {
    const general = label(doc(), L.general);
    expect(withTarget(general, "email", false)).toEqual(["file"]);
    expect(withTarget({ ...general, applicableTo: ["file"] }, "email", true)).toEqual(["file", "email"]);
    expect(withTarget(general, "file", true)).toEqual(general.applicableTo);
  });

  test("moving or re-parenting where it cannot be done leaves the document as it was", () => {
    const before = doc();
    expect(moveLabelIn(before, L.personal, -1)).toBe(before);
    expect(reparentLabel(before, L.confidential, L.general)).toBe(before);
    expect(moveLabelIn(before, L.public, -1)).not.toBe(before);
  });
});

describe("policy priority", () => {
  const twoPolicies = () => {
    const d = doc();
    return { ...d, policies: [...d.policies, newPolicy(d, NEW)] };
  };

  test("a new policy gets a free name, the next priority, no scope (so it cannot be saved as is)", () => {
    const d = twoPolicies();
    const third = newPolicy(d, "22222222-2222-4333-8444-555555555555");
    expect([d.policies[1].name, third.name]).toEqual(["Pilot policy", "Pilot policy 2"]);
    expect([d.policies[1].priority, third.priority]).toEqual([1, 2]);
    const result = validateTenantPolicy(d);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContain("policies[1].scope");
  });

  test("moving swaps priorities with the neighbour; at an end nothing changes", () => {
    const d = twoPolicies();
    const moved = movePolicy(d, NEW, -1);
    expect(byPriority(moved.policies).map((p) => p.id)).toEqual([NEW, DEFAULT_POLICY_ID]);
    expect(movePolicy(d, DEFAULT_POLICY_ID, -1)).toBe(d);
  });
});

describe("routes", () => {
  const views = ["labels", "policies", "history", "reports"] as const;

  test("the hash names the view and the item", () => {
    expect(parseRoute("#/labels/abc", "/admin", views)).toEqual({ view: "labels", id: "abc" });
    expect(parseRoute("#/history/4", "/admin/", views)).toEqual({ view: "history", id: "4" });
    expect(parseRoute(href("policies", "a b/c"), "/admin", views)).toEqual({ view: "policies", id: "a b/c" });
  });

  test("a page path naming a view opens it; anything else opens the first view", () => {
    expect(parseRoute("", "/admin/reports", views)).toEqual({ view: "reports", id: null });
    expect(parseRoute("", "/admin/reports/", views)).toEqual({ view: "reports", id: null });
    expect(parseRoute("#/nowhere", "/admin", views)).toEqual({ view: "labels", id: null });
    expect(parseRoute("#code=abc&state=x", "/admin/", views)).toEqual({ view: "labels", id: null });
  });
});
