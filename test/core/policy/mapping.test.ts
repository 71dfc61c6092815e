import {
  DEFAULT_LABEL_IDS as L,
  DEVELOPMENT_SITE_ID,
  defaultTenantPolicy,
  formatIssue,
  mapForeignLabel,
  validateTenantPolicy,
  type LabelMapping,
  type TenantPolicyInput,
} from "../../../src/core/policy";

const PARTNER = "11111111-2222-4333-8444-555555555555";
const PARTNER_LABEL = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

const titus: LabelMapping = {
  type: "customProperty",
  name: "Titus General",
  property: "Information Classification",
  value: "General",
  labelId: L.general,
};
const boldon: LabelMapping = {
  type: "customProperty",
  property: "BJClassification",
  pattern: "^(Confidential|Restricted)\\b",
  labelId: L.confidentialAllEmployees,
};
const partner: LabelMapping = {
  type: "partnerLabel",
  siteId: PARTNER,
  partnerLabelId: PARTNER_LABEL,
  labelId: L.confidentialAllEmployees,
};

// The custom properties of the Titus-classified fixture test/fixtures/real-labels/office/negative/poi__60810.pptx.
const TITUS_PROPERTIES = [
  { name: "NXPowerLiteLastOptimized", value: "4653574" },
  { name: "TitusGUID", value: "41ed215e-7665-44db-a00c-4f2b49e24c68" },
  { name: "Information Classification", value: "General" },
];

function withMappings(mappings: unknown[]): TenantPolicyInput {
  const doc = JSON.parse(JSON.stringify(defaultTenantPolicy())) as TenantPolicyInput;
  (doc as Record<string, unknown>).labelMappings = mappings;
  return doc;
}

function issues(mappings: unknown[]): string[] {
  const result = validateTenantPolicy(withMappings(mappings));
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe("mapForeignLabel", () => {
  it("maps a Titus classification property when a mapping names it, and reports the original", () => {
    const result = mapForeignLabel(
      { labels: [], properties: TITUS_PROPERTIES },
      [titus],
      DEVELOPMENT_SITE_ID,
    );
    expect(result).toEqual({
      original: { kind: "customProperty", property: "Information Classification", value: "General" },
      mapped: { labelId: L.general, via: "customProperty", mapping: 0, mappingName: "Titus General" },
    });
  });

  it("leaves the same file unlabeled when no mapping names it", () => {
    expect(mapForeignLabel({ labels: [], properties: TITUS_PROPERTIES }, [], DEVELOPMENT_SITE_ID)).toEqual({
      original: null,
      mapped: null,
    });
    expect(
      mapForeignLabel({ labels: [], properties: TITUS_PROPERTIES }, [boldon, partner], DEVELOPMENT_SITE_ID),
    ).toEqual({ original: null, mapped: null });
  });

  it("matches property names and exact values case-insensitively, patterns with the i flag", () => {
    const props = [{ name: "information classification", value: " GENERAL " }];
    expect(mapForeignLabel({ labels: [], properties: props }, [titus], "x").mapped?.labelId).toBe(L.general);
    const bj = [{ name: "bjclassification", value: "restricted - staff only" }];
    expect(mapForeignLabel({ labels: [], properties: bj }, [boldon], "x").mapped?.labelId).toBe(
      L.confidentialAllEmployees,
    );
    const other = [{ name: "BJClassification", value: "Unrestricted" }];
    expect(mapForeignLabel({ labels: [], properties: other }, [boldon], "x").mapped).toBeNull();
  });

  it("does not test a pattern against a value longer than Office allows", () => {
    const long = [{ name: "BJClassification", value: `Confidential ${"x".repeat(300)}` }];
    expect(mapForeignLabel({ labels: [], properties: long }, [boldon], "x").mapped).toBeNull();
  });

  it("keeps our own label over any mapping, and maps a partner tenant's label by its GUID", () => {
    const ours = { labelId: L.confidentialAllEmployees, siteId: DEVELOPMENT_SITE_ID };
    const theirs = { labelId: PARTNER_LABEL, siteId: PARTNER };
    const both = mapForeignLabel(
      { labels: [theirs, ours], properties: TITUS_PROPERTIES },
      [titus, partner],
      DEVELOPMENT_SITE_ID,
    );
    expect(both.mapped).toEqual({ labelId: ours.labelId, via: "own", mapping: null, mappingName: null });
    const partnerOnly = mapForeignLabel(
      { labels: [theirs], properties: TITUS_PROPERTIES },
      [titus, partner],
      "x",
    );
    expect(partnerOnly).toEqual({
      original: { kind: "label", labelId: PARTNER_LABEL, siteId: PARTNER, ours: false },
      mapped: { labelId: L.confidentialAllEmployees, via: "partnerLabel", mapping: 1, mappingName: null },
    });
  });

  it("reports an unmapped partner label as the original, mapped to nothing", () => {
    const other = { labelId: "99999999-2222-4333-8444-555555555555", siteId: PARTNER };
    expect(mapForeignLabel({ labels: [other], properties: [] }, [partner], "x")).toEqual({
      original: { kind: "label", labelId: other.labelId, siteId: PARTNER, ours: false },
      mapped: null,
    });
  });

  it("ignores our tenant's removed or disabled label record", () => {
    const removed = {
      labelId: DEVELOPMENT_SITE_ID,
      siteId: DEVELOPMENT_SITE_ID,
      removed: true,
      enabled: false,
    };
    const result = mapForeignLabel(
      { labels: [removed], properties: TITUS_PROPERTIES },
      [titus],
      DEVELOPMENT_SITE_ID,
    );
    expect(result.mapped?.via).toBe("customProperty");
  });
});

describe("label mapping validation", () => {
  it("accepts well-formed mappings to appliable labels", () => {
    expect(issues([titus, boldon, partner])).toEqual([]);
  });

  it("names a bad regular expression with the engine's reason", () => {
    expect(issues([{ ...boldon, pattern: "(Confidential" }])).toEqual([
      expect.stringMatching(
        /^labelMappings\[0\]\.pattern: is not a valid regular expression: .*Unterminated group/,
      ),
    ]);
  });

  it("names an unknown, parent or inactive target label", () => {
    const unknown = "12345678-1234-4234-8234-123456789012";
    expect(issues([{ ...titus, labelId: unknown }])).toEqual([
      `labelMappings[0].labelId: label ${unknown} does not exist`,
    ]);
    expect(issues([{ ...partner, labelId: L.confidential }])).toEqual([
      `labelMappings[0].labelId: label ${L.confidential.slice(0, 8)}… is a parent with sublabels; map to a sublabel`,
    ]);
  });

  it("wants exactly one of value and pattern, no duplicates, and no own-tenant partner mapping", () => {
    const { value: _v, ...neither } = titus as Extract<LabelMapping, { type: "customProperty" }>;
    expect(issues([neither])).toEqual([
      "labelMappings[0]: give either value (an exact match) or pattern (a regular expression)",
    ]);
    expect(issues([titus, { ...titus, labelId: L.public }])).toEqual([
      "labelMappings[1]: matches the same thing as labelMappings[0], which wins",
    ]);
    expect(issues([{ ...partner, siteId: DEVELOPMENT_SITE_ID }])).toEqual([
      "labelMappings[0].siteId: is this tenant's own id; a partner mapping names another tenant",
    ]);
  });

  it("refuses an unknown mapping type with the schema's message", () => {
    expect(issues([{ type: "mailHeader", labelId: L.general }])[0]).toMatch(/^labelMappings\[0\]\.type: /);
  });
});
