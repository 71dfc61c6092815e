/**
 * Labelbridge → Microsoft Graph: our configuration in the shapes Graph returns (the label list as
 * v1.0 `security.sensitivityLabel`, one policy's settings), so an export imports back unchanged
 * through graph.ts. Purview advanced settings Graph does not expose travel in `advancedSettings`
 * under their PowerShell names (docs/reference/label-policy.md §7).
 */
import { normalizeGuid } from "./ids";
import { isProtecting } from "./protection";
import type { Label, LabelPolicy, TenantPolicy } from "./model";

/** The label as Graph v1.0 `security.sensitivityLabel` shows it (the fields we can fill). */
export interface GraphSensitivityLabel {
  id: string;
  name: string;
  displayName: string;
  description: string;
  color: string;
  tooltip: string;
  sensitivity: number;
  isActive: boolean;
  isEnabled: boolean;
  isAppliable: boolean;
  hasProtection: boolean;
  applicableTo: string;
  contentFormats: string[];
  sublabels: GraphSensitivityLabel[];
}

export interface GraphPolicySetting {
  id: string;
  isMandatory: boolean;
  isDowngradeJustificationRequired: boolean;
  moreInfoUrl: string | null;
  defaultLabel: { id: string; name: string } | null;
  /** Purview advanced settings Graph does not carry (docs/reference/label-policy.md §7), PowerShell names. */
  advancedSettings: Record<string, string>;
}

export interface GraphExport {
  labels: { value: GraphSensitivityLabel[] };
  labelPolicySettings: GraphPolicySetting;
}

function toGraphLabel(label: Label, children: Label[]): GraphSensitivityLabel {
  return {
    id: label.id,
    name: label.name,
    displayName: label.displayName,
    description: label.description,
    color: label.color ?? "",
    tooltip: label.tooltip,
    sensitivity: label.sensitivity,
    isActive: label.isActive,
    isEnabled: label.isActive,
    isAppliable: children.length === 0,
    hasProtection: isProtecting(label),
    applicableTo: label.applicableTo.join(","),
    contentFormats: [...label.applicableTo],
    sublabels: children.map((c) => toGraphLabel(c, [])),
  };
}

/**
 * Our document → Graph shapes: the label list as v1.0 returns it (sublabels nested) and one policy's
 * settings. Which policy: `policyId`, else the only one, else the highest-priority one.
 */
export function exportToGraph(tenant: TenantPolicy, policyId?: string): GraphExport | { error: string } {
  const bySensitivity = [...tenant.labels].sort((a, b) => a.sensitivity - b.sensitivity);
  const children = new Map<string, Label[]>();
  for (const l of bySensitivity) {
    if (l.parentId !== null) children.set(l.parentId, [...(children.get(l.parentId) ?? []), l]);
  }
  const value = bySensitivity
    .filter((l) => l.parentId === null)
    .map((l) => toGraphLabel(l, children.get(l.id) ?? []));

  let policy: LabelPolicy | undefined;
  if (policyId !== undefined) {
    policy = tenant.policies.find((p) => p.id === normalizeGuid(policyId));
    if (!policy) return { error: `policy ${policyId} does not exist` };
  } else policy = [...tenant.policies].sort((a, b) => b.priority - a.priority)[0];

  const byId = new Map(tenant.labels.map((l) => [l.id, l]));
  const s = policy?.settings;
  const advancedSettings: Record<string, string> = {};
  if (s) {
    if (s.defaultMailLabel === "none") advancedSettings.OutlookDefaultLabel = "None";
    else if (s.defaultMailLabel !== null && s.defaultMailLabel !== s.defaultDocumentLabel)
      advancedSettings.OutlookDefaultLabel = s.defaultMailLabel;
    if (s.mandatoryDocuments && !s.mandatoryMail) advancedSettings.DisableMandatoryInOutlook = "True";
    if (s.attachmentInheritance !== "off")
      advancedSettings.AttachmentAction =
        s.attachmentInheritance === "automatic" ? "Automatic" : "Recommended";
    if (!s.auditEnabled) advancedSettings.EnableAudit = "False";
    advancedSettings.OutlookRecommendationEnabled = s.mailRecommendations ? "True" : "False";
    advancedSettings.JustificationTextForUserText = s.otherReasonText;
    if (s.reportIssueUrl) advancedSettings.ReportAnIssueLink = s.reportIssueUrl;
  }
  const defaultLabel = s?.defaultDocumentLabel ? byId.get(s.defaultDocumentLabel) : undefined;
  return {
    labels: { value },
    labelPolicySettings: {
      id: policy?.id ?? "",
      // Graph has one switch; a policy mandatory for files only says so through DisableMandatoryInOutlook.
      isMandatory: s ? s.mandatoryDocuments || s.mandatoryMail : false,
      isDowngradeJustificationRequired: s?.justificationRequired ?? false,
      moreInfoUrl: s?.moreInfoUrl ?? null,
      defaultLabel: defaultLabel ? { id: defaultLabel.id, name: defaultLabel.name } : null,
      advancedSettings,
    },
  };
}
