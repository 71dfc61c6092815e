/** Shared setup for the Word, Excel and PowerPoint adapter tests: policy, decision context, fake globals. */
import { decideLabelChange, type DecisionContext, type LabelPlan } from "../../src/core/decide";
import {
  defaultTenantPolicy,
  resolveEffectivePolicy,
  tenantPolicySchema,
  type EffectivePolicy,
} from "../../src/core/policy";
import type { LabelState } from "../../src/addin/hosts/types";
import { effectiveWith, L, testContext } from "../support/policyFixtures";
import { createFakeOffice, type DocumentHost, type FakeOffice } from "./fakes/document/office";
import type { PresentationSpec } from "./fakes/powerpoint";

export { L };
export type DocumentApp = "Word" | "Excel" | "PowerPoint";
export const OUR_TENANT = "b07492d7-d98e-4130-802b-b50692f074c5";
export const PARTNER_TENANT = "61e6eeb3-5fd7-4aaa-ae3c-61e8deb09b79";
export const PARTNER_LABEL = "03ef5274-90b8-4b3f-8a76-b4c36a43e904";

/** The partner's label exactly as the Tika fixture carries it (written by Office, another tenant). */
export const PARTNER_PROPERTIES: Record<string, string> = {
  [`MSIP_Label_${PARTNER_LABEL}_Enabled`]: "true",
  [`MSIP_Label_${PARTNER_LABEL}_SetDate`]: "2020-04-10T18:22:24Z",
  [`MSIP_Label_${PARTNER_LABEL}_Method`]: "Standard",
  [`MSIP_Label_${PARTNER_LABEL}_Name`]: "Not Protected_2",
  [`MSIP_Label_${PARTNER_LABEL}_SiteId`]: PARTNER_TENANT,
  [`MSIP_Label_${PARTNER_LABEL}_ActionId`]: "355b3caf-4d00-4a5f-bbd5-000094177f8a",
  [`MSIP_Label_${PARTNER_LABEL}_ContentBits`]: "0",
};

/** Our tenant's Confidential \ All Employees label, as an earlier add-in session wrote it. */
export function ourLabelProperties(
  labelId: string,
  name: string,
  method = "Privileged",
  contentBits = "2",
): Record<string, string> {
  return {
    [`MSIP_Label_${labelId}_Enabled`]: "true",
    [`MSIP_Label_${labelId}_SetDate`]: "2026-10-01T08:00:00Z",
    [`MSIP_Label_${labelId}_Method`]: method,
    [`MSIP_Label_${labelId}_Name`]: name,
    [`MSIP_Label_${labelId}_SiteId`]: OUR_TENANT,
    [`MSIP_Label_${labelId}_ActionId`]: "11111111-2222-4333-8444-555555555555",
    [`MSIP_Label_${labelId}_ContentBits`]: contentBits,
  };
}

export function policy(): EffectivePolicy {
  return effectiveWith();
}

export function context(app: DocumentApp, overrides: Partial<DecisionContext> = {}): DecisionContext {
  return testContext({
    app,
    user: { name: "Priya Shah", principalName: "priya@contoso.com" },
    item: { name: "Budget.xlsx", location: "https://contoso.sharepoint.com/Budget.xlsx" },
    localDateTime: "29/11/2026 21:15",
    ...overrides,
  });
}

/** A person's label change through the decision engine, the way the task pane makes it. */
export function planChange(
  state: LabelState,
  labelId: string | null,
  app: DocumentApp,
  justification: { reason: string; text?: string } | null = null,
  p: EffectivePolicy = policy(),
): LabelPlan {
  const decision = decideLabelChange(
    p,
    { kind: "file", current: state.current },
    { labelId, justification },
    context(app),
  );
  if (decision.outcome !== "allow")
    throw new Error(`expected allow, got ${decision.outcome}: ${decision.message}`);
  return decision.plan;
}

type Globals = { Office?: unknown; Word?: unknown; Excel?: unknown; PowerPoint?: unknown };

/** Installs fakes as `globalThis.Office` / `Word` / `Excel` / `PowerPoint`, as the browser suite does. */
export function installGlobals(
  host: DocumentHost,
  fakes: { Word?: unknown; Excel?: unknown; PowerPoint?: unknown },
  url = "",
  requirementSets?: Record<string, string>,
): FakeOffice {
  const office = createFakeOffice({ host, url, requirementSets });
  const g = globalThis as Globals;
  g.Office = office.Office;
  if (fakes.Word) g.Word = fakes.Word;
  if (fakes.Excel) g.Excel = fakes.Excel;
  if (fakes.PowerPoint) g.PowerPoint = fakes.PowerPoint;
  return office;
}

export function removeGlobals(): void {
  const g = globalThis as Globals;
  delete g.Office;
  delete g.Word;
  delete g.Excel;
  delete g.PowerPoint;
}

/**
 * Scenario 4's tenant: "General" renamed "Internal" with the header "Internal — ${User.Name}",
 * default label for documents, mandatory labeling, justification on downgrade.
 */
export function internalPolicy(): EffectivePolicy {
  const tenant = defaultTenantPolicy();
  const labels = tenant.labels.map((l) =>
    l.id === L.general
      ? {
          ...l,
          displayName: "Internal",
          marking: {
            header: {
              enabled: true,
              text: "Internal — ${User.Name}",
              fontSize: 10,
              fontColor: "#000000",
              alignment: "Center" as const,
            },
          },
        }
      : l,
  );
  return resolveEffectivePolicy(tenantPolicySchema.parse({ ...tenant, labels }), {
    id: "user-1",
    groups: [],
  });
}

/** A presentation with the author's own shapes on the master and its layouts, and two slides. */
export const AUTHOR_DECK: PresentationSpec = {
  masters: [
    {
      name: "Contoso",
      shapes: [{ name: "Logo", type: "Image" }],
      layouts: [
        {
          name: "Title Slide",
          shapes: [{ name: "Title 1", type: "Placeholder", text: "Click to add title" }],
        },
        { name: "Title and Content", shapes: [{ name: "Footer note", text: "Contoso Ltd" }] },
        { name: "Blank" },
      ],
    },
  ],
  slides: [
    ["Q3 Review", "Revenue up 12%"],
    [{ name: "Chart", type: "Image" }, "Customer 4111 1111 1111 1111"],
  ],
};
