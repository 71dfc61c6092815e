/**
 * The rollout view: the roadmap's five phases (docs/rollout.md), which policies — and so
 * which groups — are in each, what each phase switches on, and a checklist for each step. A check is
 * `true`/`false` when the configuration or the audit trail can tell, `null` when only the admin can
 * (uploading manifests happens in the Microsoft 365 admin center, not here).
 */
import {
  defaultTaxonomyLabels,
  PHASE_ORDER,
  phaseFeatures,
  phaseRank,
  type LabelPolicy,
  type Phase,
  type PhaseFeatures,
  type TenantPolicy,
} from "../../core/policy";

export interface RolloutStats {
  /** Files in scan results (any mode). */
  scannedFiles: number;
  /** Labels applied or changed by people in the period. */
  labelEvents: number;
  /** Sends blocked for a missing label. */
  blockedSends: number;
}

export interface ChecklistItem {
  text: string;
  done: boolean | null;
  /** A command or where to click. */
  how?: string;
}

export interface PhasePolicy {
  id: string;
  name: string;
  priority: number;
  /** "Everyone", or the groups and users it scopes. */
  scope: string;
}

export interface PhaseView {
  phase: Phase;
  title: string;
  summary: string;
  features: PhaseFeatures;
  policies: PhasePolicy[];
  checklist: ChecklistItem[];
}

export const PHASE_TITLES: Record<Phase, string> = {
  discover: "1. Discover",
  define: "2. Define",
  deploy: "3. Deploy",
  advance: "4. Advance",
  enforce: "5. Enforce",
};

export const PHASE_SUMMARIES: Record<Phase, string> = {
  discover: "Find sensitive information in existing files; nobody sees labels yet.",
  define: "Shape labels, tooltips and conditions; the policy is a draft users do not get.",
  deploy: "Ship the add-in to a pilot group; people label by hand, nothing is enforced.",
  advance: "Default labels, justification on downgrade, mandatory labeling, markings, recommendations.",
  enforce: "The scanner may label files at rest; reports show what happened.",
};

export function scopeText(policy: LabelPolicy): string {
  if (policy.scope.everyone) return "Everyone";
  const parts: string[] = [];
  if (policy.scope.groups.length > 0) parts.push(`groups ${policy.scope.groups.join(", ")}`);
  if (policy.scope.users.length > 0) parts.push(`users ${policy.scope.users.join(", ")}`);
  return parts.join("; ") || "nobody";
}

const live = (p: LabelPolicy) => phaseRank(p.phase) >= phaseRank("deploy");
const enforcing = (p: LabelPolicy) => phaseRank(p.phase) >= phaseRank("advance");

function reworded(doc: TenantPolicy): boolean {
  const defaults = new Map(defaultTaxonomyLabels().map((l) => [l.id, l]));
  if (doc.labels.length !== defaults.size) return true;
  return doc.labels.some((l) => {
    const d = defaults.get(l.id);
    return !d || d.displayName !== l.displayName || d.tooltip !== l.tooltip;
  });
}

function checklist(phase: Phase, doc: TenantPolicy, stats: RolloutStats | null): ChecklistItem[] {
  const known = (v: boolean) => (stats ? v : null);
  const groupPolicies = doc.policies.filter((p) => !p.scope.everyone);
  switch (phase) {
    case "discover":
      return [
        {
          text: "Scan the file shares in discover mode",
          done: known((stats?.scannedFiles ?? 0) > 0),
          how: "labelbridge scan //fileshare --mode discover --server https://… --report share.html",
        },
        {
          text: "Review findings by information type and folder",
          done: null,
          how: "Reports → Scanner findings",
        },
      ];
    case "define":
      return [
        { text: "Labels renamed and tooltips written in your own words", done: reworded(doc) },
        {
          text: "Recommended or automatic conditions on the labels that need them",
          done: doc.labels.some((l) => l.conditions.length > 0),
        },
        { text: "A pilot policy scoped to a group", done: groupPolicies.length > 0 },
      ];
    case "deploy":
      return [
        {
          text: "Generate the manifests for this server",
          done: null,
          how: "labelbridge manifest --base-url https://…",
        },
        {
          text: "Upload them in the Microsoft 365 admin center, assigned to the pilot group",
          done: null,
          how: "admin.microsoft.com → Settings → Integrated apps → Upload custom apps",
        },
        { text: "The pilot policy is in phase Deploy or later", done: groupPolicies.some(live) },
        { text: "Pilot users have labeled mail or documents", done: known((stats?.labelEvents ?? 0) > 0) },
      ];
    case "advance": {
      const advancing = doc.policies.filter(enforcing);
      const any = (f: (p: LabelPolicy) => boolean) => advancing.some(f);
      return [
        {
          text: "A default label for mail and documents",
          done: any(
            (p) =>
              p.settings.defaultDocumentLabel !== null || typeof p.settings.defaultMailLabel === "string",
          ),
        },
        {
          text: "Mandatory labeling",
          done: any((p) => p.settings.mandatoryMail || p.settings.mandatoryDocuments),
        },
        {
          text: "Justification to lower or remove a label",
          done: any((p) => p.settings.justificationRequired),
        },
        {
          text: "Content marking on the labels that need it",
          done: doc.labels.some((l) => Object.values(l.marking).some((m) => m?.enabled)),
        },
        {
          text: "Sends blocked for a missing label show up in reports",
          done: known((stats?.blockedSends ?? 0) > 0),
        },
      ];
    }
    case "enforce":
      return [
        {
          text: "Run the scanner in enforce mode against the live policy",
          done: null,
          how: "labelbridge scan //fileshare --mode enforce --server https://…",
        },
        {
          text: "Everyone is in phase Advance or later",
          done: doc.policies.some((p) => p.scope.everyone && enforcing(p)),
        },
      ];
  }
}

export function rolloutView(doc: TenantPolicy, stats: RolloutStats | null): PhaseView[] {
  return PHASE_ORDER.map((phase) => ({
    phase,
    title: PHASE_TITLES[phase],
    summary: PHASE_SUMMARIES[phase],
    features: phaseFeatures(phase),
    policies: doc.policies
      .filter((p) => p.phase === phase)
      .sort((a, b) => b.priority - a.priority)
      .map((p) => ({ id: p.id, name: p.name, priority: p.priority, scope: scopeText(p) })),
    checklist: checklist(phase, doc, stats),
  }));
}

/** The first phase after the furthest one any policy has reached: where the checklist points next. */
export function nextPhase(doc: TenantPolicy): Phase | null {
  const furthest = Math.max(-1, ...doc.policies.map((p) => phaseRank(p.phase)));
  return furthest + 1 < PHASE_ORDER.length ? PHASE_ORDER[furthest + 1] : null;
}
