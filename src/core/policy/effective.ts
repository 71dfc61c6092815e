/**
 * The effective policy of one user: what the add-in, the event handlers and the scanner obey.
 * Labels are the union of every policy that scopes the user; each setting comes from the
 * highest-priority of those policies (docs/reference/label-policy.md §3); the winning policy's phase gates which
 * settings are live.
 */
import {
  policySettingsSchema,
  type Label,
  type LabelPolicy,
  type Phase,
  type PolicySettings,
  type TenantPolicy,
  type LabelStorage,
} from "./model";
import type { CustomInfoType } from "./infoTypes";
import { phaseFeatures, phaseRank, type PhaseFeatures } from "./phases";
import type { LabelMapping } from "./mapping";

export interface PolicyUser {
  /** Entra object id (`oid`). */
  id: string;
  /** User principal name, when known. */
  upn?: string;
  /** Group object ids from the token's `groups` claim. */
  groups: readonly string[];
}

export type EffectiveSettings = Omit<PolicySettings, "defaultMailLabel"> & {
  /** Resolved: a label id, or null for "no default for mail". */
  defaultMailLabel: string | null;
};

/** Just enough about every tenant label to name and order a label the user cannot apply. */
export interface LabelSummary {
  id: string;
  name: string;
  displayName: string;
  sensitivity: number;
  parentId: string | null;
  color?: string;
}

export interface EffectivePolicy {
  siteId: string;
  tenantName: string;
  labelStorage: LabelStorage;
  phase: Phase;
  features: PhaseFeatures;
  /** Ids of the live policies (deploy or later) that scope the user, winner first. */
  policyIds: string[];
  /**
   * Labels the user sees, ordered by sensitivity; parents of published sublabels included. A
   * Labelbridge-protected label's rights lists are empty here (withoutRights).
   */
  labels: Label[];
  settings: EffectiveSettings;
  /** Every label of the tenant, for naming and ordering labels found on content. */
  catalog: LabelSummary[];
  /** What other tools' classifications and partner labels mean here (mapping.ts); absent when none. */
  labelMappings?: LabelMapping[];
  /** The custom information types the user's labels' conditions name (detect with them). */
  infoTypes: CustomInfoType[];
}

export function policyScopesUser(policy: LabelPolicy, user: PolicyUser): boolean {
  const scope = policy.scope;
  if (scope.everyone) return true;
  const upn = user.upn?.toLowerCase();
  if (scope.users.some((u) => u === user.id || (upn !== undefined && u.toLowerCase() === upn))) return true;
  const groups = new Set(user.groups);
  return scope.groups.some((g) => groups.has(g));
}

function gateSettings(settings: PolicySettings, features: PhaseFeatures): EffectiveSettings {
  const defaultMailLabel =
    settings.defaultMailLabel === "none"
      ? null
      : (settings.defaultMailLabel ?? settings.defaultDocumentLabel);
  const gated: EffectiveSettings = { ...settings, defaultMailLabel };
  if (!features.enforcement) {
    gated.defaultDocumentLabel = null;
    gated.defaultMailLabel = null;
    gated.mandatoryDocuments = false;
    gated.mandatoryMail = false;
    gated.justificationRequired = false;
    gated.preventDowngradeFrom = [];
  }
  if (!features.autoLabeling) {
    gated.mailRecommendations = false;
    gated.attachmentInheritance = "off";
  }
  if (!features.recipientRules) gated.recipientRules = [];
  return gated;
}

/**
 * Who holds a label's rights is the server's to know: it decides each key release from the stored
 * policy (core/decide/protection.ts), and no client acts on the lists. Every user gets the policy, so
 * its group and user ids are not sent; the kind and the rights template are.
 */
function withoutRights(label: Label): Label {
  const p = label.protection;
  if (p?.kind !== "labelbridge") return label;
  return { ...label, protection: { ...p, rightsGroups: [], rightsUsers: [] } };
}

export function resolveEffectivePolicy(tenant: TenantPolicy, user: PolicyUser): EffectivePolicy {
  const scoping = tenant.policies
    .filter((p) => policyScopesUser(p, user))
    .sort((a, b) => b.priority - a.priority);
  // A policy in discover/define is a draft the admin is still shaping: it takes nothing away from a
  // live policy and gives nothing yet.
  const live = scoping.filter((p) => phaseRank(p.phase) >= phaseRank("deploy"));
  const winner = live[0];
  const phase: Phase = winner ? winner.phase : (scoping[0]?.phase ?? "discover");
  const features = phaseFeatures(phase);

  const byId = new Map(tenant.labels.map((l) => [l.id, l]));
  const visible = new Set<string>();
  for (const policy of live) {
    for (const id of policy.labels) {
      const label = byId.get(id);
      if (!label || !label.isActive) continue;
      visible.add(id);
      if (label.parentId !== null && byId.has(label.parentId)) visible.add(label.parentId);
    }
  }
  const labels = tenant.labels
    .filter((l) => visible.has(l.id))
    .sort((a, b) => a.sensitivity - b.sensitivity)
    .map(withoutRights);
  const settings = gateSettings(winner ? winner.settings : defaultSettings(), features);

  return {
    siteId: tenant.siteId,
    tenantName: tenant.name,
    labelStorage: tenant.labelStorage,
    phase,
    features,
    policyIds: live.map((p) => p.id),
    labels,
    settings,
    catalog: tenant.labels
      .map(({ id, name, displayName, sensitivity, parentId, color }) => ({
        id,
        name,
        displayName,
        sensitivity,
        parentId,
        color,
      }))
      .sort((a, b) => a.sensitivity - b.sensitivity),
    ...(tenant.labelMappings?.length ? { labelMappings: tenant.labelMappings } : {}),
    infoTypes: tenant.infoTypes.filter((t) => labels.some((l) => l.conditions.some((c) => c.sitId === t.id))),
  };
}

function defaultSettings(): PolicySettings {
  return policySettingsSchema.parse({});
}
