/**
 * The pure logic behind the console's tenant-bridge views: label mapping edits and the "try it" box
 * (the core reading rule, mapForeignLabel), and how a Graph sync's diff and refusals are shown.
 */
import {
  DEFAULT_LABEL_IDS as L,
  DEFAULT_POLICY_ID,
  defaultTenantPolicy,
  validateTenantPolicy,
  type CustomPropertyMapping,
  type LabelMapping,
  type TenantPolicy,
} from "../../src/core/policy";
import type { PolicyDiff } from "../../src/contracts/adminApi";
import { moveItem, withMappings, withMatch, withMatchText } from "../../src/admin/model/mappings";
import { tryMapping } from "../../src/admin/model/mappingTrial";
import { sameChanges, syncChangeGroups, syncSummary } from "../../src/admin/model/syncDiff";
import { describeSyncRefusal } from "../../src/admin/model/syncRefusal";

// The partner tenant and label of the real Word file in test/fixtures/real-labels/office.
const PARTNER_SITE = "61e6eeb3-5fd7-4aaa-ae3c-61e8deb09b79";
const PARTNER_LABEL = "03ef5274-90b8-4b3f-8a76-b4c36a43e904";

const titus: CustomPropertyMapping = {
  type: "customProperty",
  name: "Titus",
  property: "Information Classification",
  value: "General",
  labelId: L.general,
};
const partner: LabelMapping = {
  type: "partnerLabel",
  name: "Fabrikam",
  siteId: PARTNER_SITE,
  partnerLabelId: PARTNER_LABEL,
  labelId: L.confidentialAllEmployees,
};
const policy = (mappings: LabelMapping[]): TenantPolicy => withMappings(defaultTenantPolicy(), mappings);

describe("editing mappings", () => {
  test("an exact value becomes a pattern with the same text, and back; an empty pattern is absent", () => {
    const pattern = withMatch(titus, "pattern");
    expect(pattern).toEqual({ ...titus, value: undefined, pattern: "General" });
    expect("value" in pattern).toBe(false);
    expect(withMatch(pattern, "value")).toEqual(titus);
    expect(withMatchText(pattern, "")).not.toHaveProperty("pattern", "");
    expect(withMatchText(titus, "Internal").value).toBe("Internal");
  });

  test("order: the first match wins, so mappings move; no mappings at all leaves the field out", () => {
    expect(moveItem([1, 2, 3], 2, -1)).toEqual([1, 3, 2]);
    expect(moveItem([1, 2, 3], 0, -1)).toBeNull();
    expect(moveItem([1, 2, 3], 2, 1)).toBeNull();
    const none = withMappings(policy([titus]), []);
    expect("labelMappings" in none).toBe(false);
    expect(validateTenantPolicy(policy([titus, partner])).ok).toBe(true);
  });
});

describe("try it: what a property or a GUID maps to", () => {
  test("a Titus property maps by exact value ignoring case and spaces, or by pattern; else unlabeled", () => {
    const doc = policy([
      titus,
      { ...withMatch(titus, "pattern"), pattern: "^conf", labelId: L.confidentialAnyone, name: undefined },
    ]);
    expect(
      tryMapping({ kind: "property", name: "information classification", value: " GENERAL " }, doc),
    ).toEqual({
      outcome: "mapped",
      text: "Maps to General, by mapping 1 “Titus”.",
      labelId: L.general,
      mapping: 0,
    });
    expect(
      tryMapping({ kind: "property", name: "Information Classification", value: "Confidential" }, doc),
    ).toMatchObject({
      outcome: "mapped",
      text: "Maps to Confidential \\ Anyone (not protected), by mapping 2.",
      mapping: 1,
    });
    expect(
      tryMapping({ kind: "property", name: "Information Classification", value: "Secret" }, doc),
    ).toMatchObject({
      outcome: "none",
      text: "No mapping matches: a file with only this property reads as unlabeled.",
    });
    expect(tryMapping({ kind: "property", name: " ", value: "General" }, doc).outcome).toBe("invalid");
  });

  test("a partner's GUID maps only with its tenant; braces and case do not matter; our own label wins", () => {
    const doc = policy([partner]);
    const fabrikam = {
      kind: "label" as const,
      siteId: PARTNER_SITE,
      labelId: `{${PARTNER_LABEL.toUpperCase()}}`,
    };
    expect(tryMapping(fabrikam, doc)).toMatchObject({
      outcome: "mapped",
      labelId: L.confidentialAllEmployees,
      text: "Maps to Confidential \\ All Employees, by mapping 1 “Fabrikam”.",
    });
    expect(tryMapping({ ...fabrikam, siteId: "0d814d60-469d-470c-8cb0-58434e2bf457" }, doc)).toMatchObject({
      outcome: "none",
      text: "No mapping names this partner label: it is shown as it is and means nothing here.",
    });
    // No tenant id: the GUID is read as this tenant's own label.
    expect(tryMapping({ kind: "label", siteId: "", labelId: L.public }, doc)).toMatchObject({
      outcome: "own",
      text: "This tenant's own label: Public. Mappings never override it.",
    });
    expect(tryMapping({ kind: "label", siteId: "", labelId: "Confidential" }, doc)).toEqual({
      outcome: "invalid",
      text: "'Confidential' is not a label GUID.",
      labelId: null,
      mapping: null,
    });
  });

  test("an unsaved mapping with a pattern that does not compile matches nothing (validation says why)", () => {
    const doc = policy([{ ...withMatch(titus, "pattern"), pattern: "(" }]);
    expect(
      tryMapping({ kind: "property", name: "Information Classification", value: "(" }, doc).outcome,
    ).toBe("none");
    const result = validateTenantPolicy(doc);
    expect(!result.ok && result.issues.map((i) => [i.path, i.rule])).toEqual([
      ["labelMappings[0].pattern", "bad-pattern"],
    ]);
  });
});

const emptyDiff = (): PolicyDiff => ({
  labels: { added: [], changed: [], retired: [], removed: [] },
  policies: { added: [], changed: [], removed: [] },
  tenant: [],
  empty: false,
});

describe("a sync's diff as the console shows it", () => {
  const diff = (): PolicyDiff => {
    const d = emptyDiff();
    d.labels.added.push({ id: "a", name: "Contoso Public", displayName: "Contoso Public" });
    d.labels.changed.push({
      id: "b",
      name: "Full Time Employees",
      displayName: "FTE",
      changes: [{ field: "tooltip", before: "Old.", after: "New." }],
    });
    d.labels.retired.push({
      id: "c",
      name: "Old",
      displayName: "Old",
      retiredAt: "2026-12-05T10:00:00.000Z",
    });
    d.policies.changed.push({
      id: DEFAULT_POLICY_ID,
      name: "Default policy",
      changes: [{ field: "settings.justificationRequired", before: false, after: true }],
    });
    return d;
  };

  test("groups in the admin's order, only those with changes, labels by display and Purview name", () => {
    const groups = syncChangeGroups(diff());
    expect(groups.map((g) => [g.title, g.tone, g.items.map((i) => i.name)])).toEqual([
      ["Labels added", "added", ["Contoso Public"]],
      ["Labels changed", "changed", ["FTE (Full Time Employees)"]],
      ["Labels retired (gone from Purview; kept, inactive)", "retired", ["Old"]],
      ["Policies changed", "changed", ["Default policy"]],
    ]);
    expect(groups[1].items[0].fields).toEqual([{ field: "tooltip", before: "Old.", after: "New." }]);
    expect(syncSummary(diff())).toBe("1 label added, 1 label changed, 1 label retired; 1 policy changed.");
    expect(syncSummary({ ...emptyDiff(), empty: true })).toBe(
      "Purview and Labelbridge already agree: nothing to apply.",
    );
  });

  test("an applied sync matches its dry run whatever time each stamped on a retirement; a real change does not", () => {
    const later = diff();
    later.labels.retired[0].retiredAt = "2026-12-05T10:05:00.000Z";
    expect(sameChanges(diff(), later)).toBe(true);
    later.labels.changed[0].changes[0].after = "Newer.";
    expect(sameChanges(diff(), later)).toBe(false);
  });
});

describe("why a sync applied nothing", () => {
  test("Graph unreachable: the reason, and that the last good version stays in force", () => {
    const r = describeSyncRefusal(
      {
        status: 502,
        code: "graph-unavailable",
        message: "Microsoft Graph did not answer GET /beta/…",
        body: { graphError: "unreachable" },
      },
      7,
    );
    expect(r).toEqual({
      title: "Microsoft Graph did not answer",
      text: "Microsoft Graph did not answer GET /beta/…. Nothing was changed: version 7, the last good policy, stays in force.",
      issues: [],
      lastGoodStays: true,
    });
  });

  test("not configured names the settings; invalid data carries its issues", () => {
    const off = describeSyncRefusal({ status: 503, code: "graph-not-configured", message: "…", body: {} }, 3);
    expect(off.text).toMatch(
      /LABELBRIDGE_GRAPH_CLIENT_ID and either LABELBRIDGE_GRAPH_CLIENT_SECRET or LABELBRIDGE_GRAPH_CERTIFICATE/,
    );
    const issue = {
      path: "labels[5].sensitivity",
      rule: "duplicate-order",
      message: "sensitivity 10 is already used by labels[1]",
    };
    const invalid = describeSyncRefusal(
      { status: 409, code: "sync-invalid", message: "…", body: { issues: [issue] } },
      3,
    );
    expect(invalid).toMatchObject({
      title: "Purview's labels do not fit the configuration",
      issues: [issue],
    });
    expect(invalid.text).toMatch(/^Nothing was changed: version 3, the last good policy, stays in force\./);
  });
});
