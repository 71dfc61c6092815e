/**
 * A Purview snapshot (what Graph listed) merged onto the tenant's configuration, pure and
 * deterministic: the Graph client fetches, this decides.
 *
 * - A label Purview lists takes Purview's fields (PURVIEW_LABEL_FIELDS; a colour only when Purview
 *   has one) and keeps every Labelbridge field (markings, conditions, protective marking…).
 * - A label that came from Purview and is gone from it is retired: inactive, `retiredAt` set, kept.
 * - A label Labelbridge made itself is left alone.
 * - Policies in `purviewSync.userPolicies` publish exactly the Purview labels Graph lists for their
 *   user (plus their own labels) and take that user's settings; the organisation's settings go to
 *   `purviewSync.settingsPolicyId` (or the only policy). A tenant without configuration gets one
 *   policy for everyone, in phase define.
 * The result is a document to validate like any admin write.
 */
import { applyGraphPolicySetting, importFromGraph, type GraphSensitivityLabelInput } from "./graph";
import { normalizeGuid, shortId } from "./ids";
import {
  labelPolicySchema,
  type Label,
  type LabelPolicy,
  type TenantPolicy,
  type TenantPolicyInput,
} from "./model";
import { type LabelProtection, labelProtection } from "./protection";
import { PURVIEW_LABEL_FIELDS, type PurviewLabel } from "./purview";
import type { PolicyIssue } from "./validate";

export type GraphApiVersion = "beta" | "v1.0";

export interface PurviewUserView {
  policyId: string;
  user: string;
  /** The labels Graph lists for this user. */
  labels: unknown[];
  settings: unknown | null;
}

export interface PurviewSnapshot {
  apiVersion: GraphApiVersion;
  /** The organisation's labels, every page (beta: flat with `parent`; v1.0: `sublabels` nested). */
  labels: unknown[];
  /** The organisation's labelPolicySettings; null where Graph has none (v1.0). */
  settings: unknown | null;
  users: PurviewUserView[];
}

export interface MergeContext {
  siteId: string;
  tenantName: string;
  current: TenantPolicy | null;
  /** ISO time of this sync (becomes `retiredAt` of labels retired now). */
  now: string;
  /** Id for the policy a tenant without configuration gets. */
  newPolicyId: string;
}

export type MergeResult =
  { ok: true; document: TenantPolicyInput; warnings: string[] } | { ok: false; issues: PolicyIssue[] };

type RawLabel = GraphSensitivityLabelInput & { priority?: unknown; customSettings?: unknown };

/** v1.0 orders by `priority` and may point to a parent through `customSettings.parentid`. */
function asBetaShape(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  const label = raw as RawLabel;
  const out: Record<string, unknown> = { ...label };
  if (typeof label.sensitivity !== "number" && typeof label.priority === "number")
    out.sensitivity = label.priority;
  const custom = label.customSettings as { parentid?: unknown } | null | undefined;
  if (!label.parent && custom && typeof custom.parentid === "string" && custom.parentid !== "")
    out.parent = { id: custom.parentid };
  if (Array.isArray(label.sublabels)) out.sublabels = label.sublabels.map(asBetaShape);
  return out;
}

function flatten(raw: unknown[], into = new Map<string, RawLabel>()): Map<string, RawLabel> {
  for (const item of raw) {
    if (typeof item !== "object" || item === null) continue;
    const label = item as RawLabel;
    if (typeof label.id === "string" && !into.has(normalizeGuid(label.id)))
      into.set(normalizeGuid(label.id), label);
    if (Array.isArray(label.sublabels)) flatten(label.sublabels, into);
  }
  return into;
}

function originOf(raw: RawLabel | undefined): PurviewLabel {
  const origin: PurviewLabel = {};
  if (typeof raw?.isAppliable === "boolean") origin.isAppliable = raw.isAppliable;
  if (typeof raw?.priority === "number" && Number.isInteger(raw.priority)) origin.priority = raw.priority;
  return origin;
}

type ConvertedLabel = TenantPolicyInput["labels"][number];

function withPurviewFields(base: Label | ConvertedLabel, from: ConvertedLabel, raw: RawLabel | undefined) {
  const merged: Record<string, unknown> = { ...base };
  for (const field of PURVIEW_LABEL_FIELDS) {
    if (field === "color" && from.color === undefined) continue;
    if (field === "hasProtection") {
      // Purview owns whether Microsoft encrypts; Labelbridge's own protection (files at rest) stays.
      merged.protection = labelProtection({
        hasProtection: Boolean(from.hasProtection),
        protection: base.protection as LabelProtection | undefined,
      });
      delete merged.hasProtection;
      continue;
    }
    merged[field] = from[field];
  }
  merged.purview = originOf(raw);
  return merged as ConvertedLabel;
}

function retire(label: Label, now: string, warnings: string[]): Label {
  if (!label.isActive && label.purview?.retiredAt) return label;
  warnings.push(`label '${label.displayName}' (${shortId(label.id)}) is no longer in Purview: retired`);
  return {
    ...label,
    isActive: false,
    purview: { ...label.purview, retiredAt: label.purview?.retiredAt ?? now },
  };
}

function mergeLabels(
  current: Label[],
  converted: ConvertedLabel[],
  raw: Map<string, RawLabel>,
  now: string,
  warnings: string[],
): ConvertedLabel[] {
  const fromPurview = new Map(converted.map((l) => [l.id, l]));
  const kept = new Set<string>();
  const labels: ConvertedLabel[] = current.map((label) => {
    const purview = fromPurview.get(label.id);
    if (purview) {
      kept.add(label.id);
      return withPurviewFields(label, purview, raw.get(label.id));
    }
    return label.purview ? retire(label, now, warnings) : label;
  });
  for (const label of converted)
    if (!kept.has(label.id)) labels.push(withPurviewFields(label, label, raw.get(label.id)));
  return moveRetiredOutOfTheWay(labels);
}

/**
 * Purview may give a retired label's order to another label; the retired one (kept only so that
 * content carrying it still reads) moves to the next free value, so the order stays unambiguous.
 */
function moveRetiredOutOfTheWay(labels: ConvertedLabel[]): ConvertedLabel[] {
  const isRetired = (l: ConvertedLabel) => l.isActive === false && l.purview?.retiredAt !== undefined;
  const used = new Set(labels.filter((l) => !isRetired(l)).map((l) => l.sensitivity));
  return labels.map((label) => {
    if (!isRetired(label)) return label;
    let sensitivity = label.sensitivity;
    while (used.has(sensitivity)) sensitivity++;
    used.add(sensitivity);
    return sensitivity === label.sensitivity ? label : { ...label, sensitivity };
  });
}

function convert(raw: unknown[], ctx: MergeContext, at: string) {
  const shaped = raw.map(asBetaShape);
  const result = importFromGraph(
    { labels: shaped },
    { siteId: ctx.siteId, tenantName: ctx.tenantName, current: null, newPolicyId: ctx.newPolicyId },
  );
  if (!result.ok)
    return { issues: result.issues.map((i) => ({ ...i, path: i.path.replace(/^labels/, at) })) };
  return { labels: result.document.labels, warnings: result.warnings, raw: flatten(shaped) };
}

function newTenantPolicy(ctx: MergeContext, labelIds: string[]): LabelPolicy {
  return labelPolicySchema.parse({
    id: ctx.newPolicyId,
    name: "Microsoft Purview labels",
    description: "Created by the first Microsoft Graph sync; in phase 'define' until an admin moves it on.",
    scope: { everyone: true },
    priority: 0,
    phase: "define",
    labels: labelIds,
  });
}

/** Purview snapshot + current configuration → the next configuration (not yet validated). */
export function mergePurviewSnapshot(snapshot: PurviewSnapshot, ctx: MergeContext): MergeResult {
  const org = convert(snapshot.labels, ctx, "graph.sensitivityLabels");
  if (org.issues) return { ok: false, issues: org.issues };
  const warnings = [...org.warnings];
  const labels = mergeLabels(ctx.current?.labels ?? [], org.labels, org.raw, ctx.now, warnings);
  const purviewIds = new Set(org.labels.map((l) => l.id));
  const active = new Set(labels.filter((l) => l.isActive !== false).map((l) => l.id));

  const policies: LabelPolicy[] = ctx.current
    ? ctx.current.policies.map((p) => ({ ...p, labels: [...p.labels], settings: { ...p.settings } }))
    : [newTenantPolicy(ctx, [...purviewIds])];
  const issues: PolicyIssue[] = [];
  const sync = ctx.current?.purviewSync;
  const mirrored = new Set<string>();

  snapshot.users.forEach((view, i) => {
    const policy = policies.find((p) => p.id === view.policyId);
    if (!policy) return;
    mirrored.add(policy.id);
    const seen = convert(view.labels, ctx, `graph.users[${i}].sensitivityLabels`);
    if (seen.issues) return issues.push(...seen.issues);
    const visible = seen.labels.map((l) => l.id).filter((id) => purviewIds.has(id));
    const own = policy.labels.filter(
      (id) => !purviewIds.has(id) && !labels.find((l) => l.id === id)?.purview,
    );
    policy.labels = [...own, ...visible];
    if (view.settings !== null)
      issues.push(
        ...applyGraphPolicySetting(
          policy,
          view.settings,
          purviewIds,
          warnings,
          `graph.users[${i}].labelPolicySettings`,
        ),
      );
  });

  if (snapshot.settings !== null) {
    const targetId = sync?.settingsPolicyId ?? (policies.length === 1 ? policies[0].id : null);
    const target = policies.find((p) => p.id === targetId);
    if (!target)
      warnings.push(
        "the organisation's label policy settings were not applied: name the policy that takes them in purviewSync.settingsPolicyId",
      );
    else if (!mirrored.has(target.id))
      issues.push(
        ...applyGraphPolicySetting(
          target,
          snapshot.settings,
          purviewIds,
          warnings,
          "graph.labelPolicySettings",
        ),
      );
  }
  if (issues.length > 0) return { ok: false, issues };

  for (const policy of policies) dropRetiredDefaults(policy, active, warnings);
  const document: TenantPolicyInput = {
    ...(ctx.current ?? { siteId: ctx.siteId, name: ctx.tenantName, labelStorage: "auto" }),
    labels,
    policies,
  };
  return { ok: true, document, warnings };
}

function dropRetiredDefaults(policy: LabelPolicy, active: Set<string>, warnings: string[]): void {
  const s = policy.settings;
  if (s.defaultDocumentLabel !== null && !active.has(s.defaultDocumentLabel)) {
    warnings.push(
      `policy '${policy.name}': its default label ${shortId(s.defaultDocumentLabel)} was retired; no default now`,
    );
    s.defaultDocumentLabel = null;
  }
  if (s.defaultMailLabel !== null && s.defaultMailLabel !== "none" && !active.has(s.defaultMailLabel)) {
    warnings.push(
      `policy '${policy.name}': its default mail label ${shortId(s.defaultMailLabel)} was retired; no default now`,
    );
    s.defaultMailLabel = null;
  }
}
