/**
 * A Graph sync's answer (core/policy/policyDiff.ts's PolicyDiff) in the groups the console shows
 * before and after an admin applies it: labels added, changed field by field, retired, removed;
 * policies; the tenant's own fields.
 */
import type { FieldChange, PolicyDiff } from "../../contracts/adminApi";

export type ChangeTone = "added" | "changed" | "retired" | "removed";

export interface SyncChangeItem {
  id: string | null;
  name: string;
  fields: FieldChange[];
  /** When a label was retired (ISO time). */
  retiredAt?: string | null;
}

export interface SyncChangeGroup {
  key: string;
  title: string;
  tone: ChangeTone;
  items: SyncChangeItem[];
}

const labelName = (l: { name: string; displayName: string }) =>
  l.displayName && l.displayName !== l.name ? `${l.displayName} (${l.name})` : l.name;

export function syncChangeGroups(diff: PolicyDiff): SyncChangeGroup[] {
  const { labels, policies } = diff;
  const groups: SyncChangeGroup[] = [
    {
      key: "labels-added",
      title: "Labels added",
      tone: "added",
      items: labels.added.map((l) => ({ id: l.id, name: labelName(l), fields: [] })),
    },
    {
      key: "labels-changed",
      title: "Labels changed",
      tone: "changed",
      items: labels.changed.map((l) => ({ id: l.id, name: labelName(l), fields: l.changes })),
    },
    {
      key: "labels-retired",
      title: "Labels retired (gone from Purview; kept, inactive)",
      tone: "retired",
      items: labels.retired.map((l) => ({
        id: l.id,
        name: labelName(l),
        fields: [],
        retiredAt: l.retiredAt,
      })),
    },
    {
      key: "labels-removed",
      title: "Labels removed",
      tone: "removed",
      items: labels.removed.map((l) => ({ id: l.id, name: labelName(l), fields: [] })),
    },
    {
      key: "policies-added",
      title: "Policies added",
      tone: "added",
      items: policies.added.map((p) => ({ id: p.id, name: p.name, fields: [] })),
    },
    {
      key: "policies-changed",
      title: "Policies changed",
      tone: "changed",
      items: policies.changed.map((p) => ({ id: p.id, name: p.name, fields: p.changes })),
    },
    {
      key: "policies-removed",
      title: "Policies removed",
      tone: "removed",
      items: policies.removed.map((p) => ({ id: p.id, name: p.name, fields: [] })),
    },
    {
      key: "tenant",
      title: "Tenant settings changed",
      tone: "changed",
      items: diff.tenant.length > 0 ? [{ id: null, name: "Tenant", fields: diff.tenant }] : [],
    },
  ];
  return groups.filter((g) => g.items.length > 0);
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 labels added, 1 label retired; 1 policy changed" — or that nothing differs. */
export function syncSummary(diff: PolicyDiff): string {
  if (diff.empty) return "Purview and Labelbridge already agree: nothing to apply.";
  const { labels, policies } = diff;
  const part = (parts: Array<[number, string]>, one: string, many: string) =>
    parts
      .filter(([n]) => n > 0)
      .map(([n, what]) => `${count(n, one, many)} ${what}`)
      .join(", ");
  const text = [
    part(
      [
        [labels.added.length, "added"],
        [labels.changed.length, "changed"],
        [labels.retired.length, "retired"],
        [labels.removed.length, "removed"],
      ],
      "label",
      "labels",
    ),
    part(
      [
        [policies.added.length, "added"],
        [policies.changed.length, "changed"],
        [policies.removed.length, "removed"],
      ],
      "policy",
      "policies",
    ),
    diff.tenant.length > 0 ? count(diff.tenant.length, "tenant setting") + " changed" : "",
  ].filter((s) => s !== "");
  return `${text.join("; ")}.`;
}

/**
 * Whether an applied sync did what its dry run showed. A retirement is stamped with each run's own
 * time, so `retiredAt` is left out of the comparison.
 */
export function sameChanges(a: PolicyDiff, b: PolicyDiff): boolean {
  const text = (d: PolicyDiff) =>
    JSON.stringify(d, (key, value: unknown) => (key === "retiredAt" ? undefined : value));
  return text(a) === text(b);
}
