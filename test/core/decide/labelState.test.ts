/**
 * Reconciliation: what a mail or document carries once Outlook's own label is taken into account,
 * and whether a label set outside Labelbridge waits to be checked — the one answer the pane, the
 * event handlers and send all start from.
 */
import { officeLabelGuard, reconcileLabel, type LabelState } from "../../../src/core/decide";
import type { LabelRecord } from "../../../src/core/metadata";
import { resolveEffectivePolicy, tenantPolicySchema } from "../../../src/core/policy";
import { effectiveWith, L, tenantWith } from "../../support/policyFixtures";

const policy = effectiveWith();
const FOREIGN = "03ef5274-90b8-4b3f-8a76-b4c36a43e904";

function state(recorded: string | null, native?: string | null): LabelState {
  return {
    current: recorded === null ? null : { labelId: recorded, method: "Privileged" },
    records: [],
    source: recorded === null ? "none" : "msip_labels",
    native,
  };
}

describe("reconcileLabel", () => {
  it("takes our record as it is where the host cannot tell its own label", () => {
    expect(reconcileLabel(state(L.general), policy)).toEqual({
      current: { labelId: L.general, method: "Privileged" },
      recorded: { labelId: L.general, method: "Privileged" },
      outside: null,
      mapped: null,
    });
  });

  it("finds nothing to check when Outlook's label is the one we recorded", () => {
    expect(reconcileLabel(state(L.general, L.general), policy).outside).toBeNull();
  });

  it("reports a label set with Outlook's control: it is what the mail carries, from our record", () => {
    const r = reconcileLabel(state(L.public, L.highlyConfidentialAllEmployees), policy);
    expect(r.current).toEqual({ labelId: L.highlyConfidentialAllEmployees, method: null });
    expect(r.recorded).toEqual({ labelId: L.public, method: "Privileged" });
    expect(r.outside).toEqual({ from: L.public, to: L.highlyConfidentialAllEmployees });
  });

  it("reports an outside label on a mail we never labeled as coming from no label", () => {
    expect(reconcileLabel(state(null, L.general), policy).outside).toEqual({ from: null, to: L.general });
  });

  it("leaves a native label of another taxonomy alone: not ours to judge", () => {
    const r = reconcileLabel(state(L.general, FOREIGN), policy);
    expect(r).toEqual({ current: r.recorded, recorded: r.recorded, outside: null, mapped: null });
    expect(r.current?.labelId).toBe(L.general);
  });

  it("treats Outlook reporting no label (null) like an unknown one: our record stands", () => {
    expect(reconcileLabel(state(L.general, null), policy).current?.labelId).toBe(L.general);
  });
});

const PARTNER_SITE = "61e6eeb3-5fd7-4aaa-ae3c-61e8deb09b79";
const PARTNER_LABEL = "03ef5274-90b8-4b3f-8a76-b4c36a43e904";

function partnerRecord(): LabelRecord {
  return {
    labelId: PARTNER_LABEL,
    siteId: PARTNER_SITE,
    enabled: true,
    method: "Standard",
    setDate: "2020-04-10T18:22:24Z",
    name: "Not Protected_2",
    contentBits: 0,
    actionId: null,
    removed: false,
    attributes: {},
    source: "properties",
  };
}

function mappedPolicy() {
  return resolveEffectivePolicy(
    tenantPolicySchema.parse({
      ...tenantWith(),
      labelMappings: [
        {
          type: "partnerLabel",
          name: "Fabrikam",
          siteId: PARTNER_SITE,
          partnerLabelId: PARTNER_LABEL,
          labelId: L.general,
        },
        {
          type: "customProperty",
          name: "Titus",
          property: "Information Classification",
          value: "Confidential",
          labelId: L.confidentialAllEmployees,
        },
      ],
    }),
    { id: "user-1", groups: [] },
  );
}

describe("reconcileLabel with the tenant's label mappings", () => {
  it("gives a partner's label our mapped label, counted as a person's choice, and says where it came from", () => {
    const r = reconcileLabel({ ...state(null), records: [partnerRecord()] }, mappedPolicy());
    expect(r.current).toEqual({ labelId: L.general, method: "Privileged" });
    expect(r.recorded).toBeNull();
    expect(r.mapped).toEqual({
      labelId: L.general,
      original: { kind: "label", labelId: PARTNER_LABEL, siteId: PARTNER_SITE, ours: false },
      via: "partnerLabel",
      mappingName: "Fabrikam",
    });
  });

  it("maps another tool's classification property; our own label always wins over a mapping", () => {
    const titus = [{ name: "Information Classification", value: " confidential " }];
    const mapped = reconcileLabel({ ...state(null), properties: titus }, mappedPolicy());
    expect(mapped.current?.labelId).toBe(L.confidentialAllEmployees);
    expect(mapped.mapped?.original).toEqual({
      kind: "customProperty",
      property: "Information Classification",
      value: " confidential ",
    });
    const ours = reconcileLabel({ ...state(L.public), properties: titus }, mappedPolicy());
    expect(ours.current).toEqual({ labelId: L.public, method: "Privileged" });
    expect(ours.mapped).toBeNull();
  });

  it("maps nothing without a mapping: a partner's label and a Titus property mean no label here", () => {
    const r = reconcileLabel(
      {
        ...state(null),
        records: [partnerRecord()],
        properties: [{ name: "Information Classification", value: "Confidential" }],
      },
      policy,
    );
    expect(r.current).toBeNull();
    expect(r.mapped).toBeNull();
  });
});

describe("officeLabelGuard", () => {
  it("refuses every write where LabelInfo holds our tenant's label or its removal", () => {
    const s = { ...state(L.general), inLabelInfo: true };
    expect(officeLabelGuard(s, policy, "person")?.reason).toBe("office-keeps-label");
    expect(officeLabelGuard(s, policy, "automatic")?.reason).toBe("office-keeps-label");
  });

  it("refuses a default or automatic label where LabelInfo could not be read, not a person's choice", () => {
    const s: LabelState = { ...state(null), unread: { reason: "not-supported" } };
    expect(officeLabelGuard(s, policy, "automatic")?.reason).toBe("office-label-unknown");
    expect(officeLabelGuard(s, policy, "person")).toBeNull();
    // A label in custom properties is known wherever LabelInfo is; so is a tenant without LabelInfo.
    expect(
      officeLabelGuard({ ...s, current: { labelId: L.general, method: "Standard" } }, policy, "automatic"),
    ).toBeNull();
    const propertiesOnly = resolveEffectivePolicy(
      tenantPolicySchema.parse({ ...tenantWith(), labelStorage: "customProperties" }),
      { id: "user-1", groups: [] },
    );
    expect(officeLabelGuard(s, propertiesOnly, "automatic")).toBeNull();
  });
});
