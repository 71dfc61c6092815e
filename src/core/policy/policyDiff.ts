/**
 * What changes between two versions of a tenant's configuration, field by field: the answer of a
 * Graph sync (and of its dry run) and what the console shows before an admin applies it.
 * Labels and policies are matched by id, never by name or position.
 */
import type { Label, LabelPolicy, TenantPolicy } from "./model";

export interface FieldChange {
  /** `tooltip`, `settings.mandatoryDocuments`, `labels` … */
  field: string;
  /** Absent when the field did not exist on that side. */
  before?: unknown;
  after?: unknown;
}

export interface LabelRef {
  id: string;
  name: string;
  displayName: string;
}

export interface PolicyRef {
  id: string;
  name: string;
}

export interface PolicyDiff {
  labels: {
    added: LabelRef[];
    changed: Array<LabelRef & { changes: FieldChange[] }>;
    /** Went from active to retired (gone from Purview). */
    retired: Array<LabelRef & { retiredAt: string | null }>;
    removed: LabelRef[];
  };
  policies: {
    added: PolicyRef[];
    changed: Array<PolicyRef & { changes: FieldChange[] }>;
    removed: PolicyRef[];
  };
  /** Tenant-level fields (name, labelStorage, labelMappings, purviewSync). */
  tenant: FieldChange[];
  /** True when nothing differs. */
  empty: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fieldChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  skip: readonly string[],
  prefix = "",
): FieldChange[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: FieldChange[] = [];
  for (const key of keys) {
    if (skip.includes(key) || same(before[key], after[key])) continue;
    const change: FieldChange = { field: `${prefix}${key}` };
    if (key in before && before[key] !== undefined) change.before = before[key];
    if (key in after && after[key] !== undefined) change.after = after[key];
    changes.push(change);
  }
  return changes;
}

const labelRef = (l: Label): LabelRef => ({ id: l.id, name: l.name, displayName: l.displayName });
const policyRef = (p: LabelPolicy): PolicyRef => ({ id: p.id, name: p.name });
const record = (v: object) => v as Record<string, unknown>;

/** Items of two lists matched by id: only after, in both (before, after), only before. */
function pairById<T extends { id: string }>(before: T[], after: T[]) {
  const old = new Map(before.map((item) => [item.id, item]));
  const added: T[] = [];
  const both: Array<[T, T]> = [];
  for (const item of after) {
    const was = old.get(item.id);
    old.delete(item.id);
    if (was) both.push([was, item]);
    else added.push(item);
  }
  return { added, both, removed: [...old.values()] };
}

function diffLabels(before: Label[], after: Label[]): PolicyDiff["labels"] {
  const { added, both, removed } = pairById(before, after);
  const out: PolicyDiff["labels"] = {
    added: added.map(labelRef),
    changed: [],
    retired: [],
    removed: removed.map(labelRef),
  };
  for (const [was, label] of both) {
    const changes = fieldChanges(record(was), record(label), []);
    if (changes.length === 0) continue;
    const retiredNow = was.isActive && !label.isActive && label.purview?.retiredAt !== undefined;
    if (retiredNow) out.retired.push({ ...labelRef(label), retiredAt: label.purview?.retiredAt ?? null });
    else out.changed.push({ ...labelRef(label), changes });
  }
  return out;
}

function diffPolicies(before: LabelPolicy[], after: LabelPolicy[]): PolicyDiff["policies"] {
  const { added, both, removed } = pairById(before, after);
  const out: PolicyDiff["policies"] = {
    added: added.map(policyRef),
    changed: [],
    removed: removed.map(policyRef),
  };
  for (const [was, policy] of both) {
    const changes = [
      ...fieldChanges(record(was), record(policy), ["settings"]),
      ...fieldChanges(record(was.settings), record(policy.settings), [], "settings."),
    ];
    if (changes.length > 0) out.changed.push({ ...policyRef(policy), changes });
  }
  return out;
}

export function diffTenantPolicies(before: TenantPolicy | null, after: TenantPolicy): PolicyDiff {
  const labels = diffLabels(before?.labels ?? [], after.labels);
  const policies = diffPolicies(before?.policies ?? [], after.policies);
  const tenant = before ? fieldChanges(record(before), record(after), ["labels", "policies"]) : [];
  const empty =
    [labels.added, labels.changed, labels.retired, labels.removed].every((l) => l.length === 0) &&
    [policies.added, policies.changed, policies.removed].every((l) => l.length === 0) &&
    tenant.length === 0 &&
    before !== null;
  return { labels, policies, tenant, empty };
}
