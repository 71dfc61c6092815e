/** Shared setup for the Outlook adapter, handler and service tests. */
import {
  decideLabelChange,
  type CurrentLabel,
  type Justification,
  type LabelPlan,
} from "../../../src/core/decide";
import {
  resolveEffectivePolicy,
  tenantPolicySchema,
  type EffectivePolicy,
  type PolicySettings,
  type Phase,
  type LabelProtectiveMarking,
} from "../../../src/core/policy";
import { encodeMsipLabelsHeader } from "../../../src/core/metadata";
import { OutlookHost } from "../../../src/addin/hosts/outlook";
import { readReceivedLabel } from "../../../src/addin/hosts/outlookRead";
import { itemDecisionContext } from "../../../src/core/decide/context";
import { L, tenantWith, testContext } from "../../support/policyFixtures";
import {
  createFakeOutlook,
  type FakeLabelDetails,
  type FakeOutlook,
  type FakeOutlookOptions,
} from "../fakes/outlook/fakeOutlook";

export { L };
export const SITE = "b07492d7-d98e-4130-802b-b50692f074c5";
export const PARTNER_SITE = "61e6eeb3-5fd7-4aaa-ae3c-61e8deb09b79";
export const PARTNER_LABEL = "03ef5274-90b8-4b3f-8a76-b4c36a43e904";

export function policyWith(
  settings: Partial<PolicySettings> = {},
  phase: Phase = "advance",
): EffectivePolicy {
  return resolveEffectivePolicy(tenantWith(settings, phase), { id: "user-1", groups: [] });
}

const EPMS: Record<string, LabelProtectiveMarking> = {
  [L.personal]: { sec: "UNOFFICIAL" },
  [L.public]: { sec: "OFFICIAL" },
  [L.general]: { sec: "OFFICIAL" },
  [L.confidentialAnyone]: { sec: "OFFICIAL:Sensitive" },
  [L.confidentialAllEmployees]: { sec: "OFFICIAL:Sensitive", access: ["Personal-Privacy"] },
  [L.confidentialTrustedPeople]: { sec: "OFFICIAL:Sensitive" },
  [L.highlyConfidentialAllEmployees]: { sec: "PROTECTED" },
  [L.highlyConfidentialSpecifiedPeople]: { sec: "PROTECTED", caveats: ["SH:CABINET"] },
};

/** The default taxonomy under the au-epms marking profile. */
export function epmsPolicy(settings: Partial<PolicySettings> = {}): EffectivePolicy {
  const tenant = tenantWith({ markingProfile: "au-epms", ...settings });
  const labels = tenant.labels.map((l) => (EPMS[l.id] ? { ...l, protectiveMarking: EPMS[l.id] } : l));
  return resolveEffectivePolicy(tenantPolicySchema.parse({ ...tenant, labels }), {
    id: "user-1",
    groups: [],
  });
}

/** Outlook's catalog for the same labels (a Purview tenant whose labels we imported), `children: null` on leaves. */
export function nativeCatalog(policy: EffectivePolicy): FakeLabelDetails[] {
  const details = (parentId: string | null): FakeLabelDetails[] =>
    policy.labels
      .filter((l) => l.parentId === parentId)
      .map((l) => {
        const children = details(l.id);
        return {
          id: l.id,
          name: l.displayName,
          color: l.color ?? "#000000",
          tooltip: l.tooltip,
          children: children.length ? children : null,
        };
      });
  return details(null);
}

export function composeFake(policy: EffectivePolicy, options: Partial<FakeOutlookOptions> = {}): FakeOutlook {
  return createFakeOutlook({
    mode: "compose",
    catalog: nativeCatalog(policy),
    subject: "Quarterly numbers",
    body: "<html><body><p>Hello Lee,</p><p>see the numbers below.</p></body></html>",
    to: ["lee@contoso.com"],
    user: { displayName: "Sam Lee", emailAddress: "sam@contoso.com" },
    ...options,
  });
}

/** Our msip_labels header for one of our labels, as an earlier apply left it. */
export function header(labelId: string, method: "Standard" | "Privileged" = "Privileged"): string {
  return encodeMsipLabelsHeader([
    {
      labelId,
      siteId: SITE,
      method,
      name: "x",
      contentBits: 0,
      setDate: "2026-11-01T08:00:00Z",
      actionId: "11111111-2222-4333-8444-555555555555",
    },
  ]);
}

export function hostOf(fake: FakeOutlook): OutlookHost {
  return new OutlookHost(fake.Office, { receivedLabel: readReceivedLabel });
}

export async function planFor(
  host: OutlookHost,
  policy: EffectivePolicy,
  labelId: string | null,
  current: CurrentLabel | null,
  justification?: Justification,
): Promise<LabelPlan> {
  const info = await host.itemInfo();
  let n = 0;
  const ctx = itemDecisionContext(
    "Outlook",
    info,
    new Date("2026-11-29T10:15:30Z"),
    () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  );
  const d = decideLabelChange(policy, { kind: "email", current }, { labelId, justification }, ctx);
  if (d.outcome !== "allow") throw new Error(`expected allow, got ${d.outcome}: ${d.message}`);
  return d.plan;
}

export { testContext };
