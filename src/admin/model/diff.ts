/**
 * What changed between two versions of a tenant's configuration, in the admin's terms: labels and
 * policies matched by id (so a reorder is a change of sensitivity, not a shuffle of everything), then
 * field by field.
 */
import type { Label, LabelPolicy, TenantPolicy } from "../../core/policy";
import { flatten, same } from "./flatten";
import { orderedLabels } from "./labelTree";
import { tenantFields } from "./tenantFields";

export interface FieldChange {
  /** Relative to the label or policy (`marking.footer.text`, `settings.mandatoryMail`). */
  path: string;
  before: unknown;
  after: unknown;
}

export interface EntityChange {
  entity: "tenant" | "label" | "policy";
  id: string | null;
  name: string;
  /** `retired`: a label a Purview sync found gone from Purview (inactive, `purview.retiredAt` set). */
  kind: "added" | "removed" | "changed" | "retired";
  fields: FieldChange[];
}

export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  const changes: FieldChange[] = [];
  for (const path of paths) {
    if (!same(a.get(path), b.get(path))) changes.push({ path, before: a.get(path), after: b.get(path) });
  }
  return changes;
}

function labelName(label: Label, all: readonly Label[]): string {
  const parent = label.parentId ? all.find((l) => l.id === label.parentId) : undefined;
  return parent ? `${parent.displayName} \\ ${label.displayName}` : label.displayName;
}

/** Retired by a sync, as opposed to switched off by an admin (core/policy/purviewMerge.ts). */
function retiredNow(before: unknown, after: unknown): boolean {
  const b = before as Partial<Label>;
  const a = after as Partial<Label>;
  return b.isActive === true && a.isActive === false && !b.purview?.retiredAt && !!a.purview?.retiredAt;
}

function collection<T extends { id: string }>(
  entity: "label" | "policy",
  before: readonly T[],
  after: readonly T[],
  name: (item: T, side: "before" | "after") => string,
): EntityChange[] {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Set(after.map((x) => x.id));
  const out: EntityChange[] = [];
  for (const item of after) {
    const prior = old.get(item.id);
    if (!prior) out.push({ entity, id: item.id, name: name(item, "after"), kind: "added", fields: [] });
    else {
      const fields = fieldChanges(prior, item);
      const kind = entity === "label" && retiredNow(prior, item) ? "retired" : "changed";
      if (fields.length > 0) out.push({ entity, id: item.id, name: name(item, "after"), kind, fields });
    }
  }
  for (const item of before)
    if (!now.has(item.id))
      out.push({ entity, id: item.id, name: name(item, "before"), kind: "removed", fields: [] });
  return out;
}

export function diffTenantPolicy(before: TenantPolicy | null, after: TenantPolicy): EntityChange[] {
  const out: EntityChange[] = [];
  const tenant = fieldChanges(before ? tenantFields(before) : {}, tenantFields(after));
  if (tenant.length > 0)
    out.push({
      entity: "tenant",
      id: null,
      name: after.name,
      kind: before ? "changed" : "added",
      fields: tenant,
    });
  const beforeLabels = before ? before.labels : [];
  out.push(
    ...collection<Label>("label", orderedLabels(beforeLabels), orderedLabels(after.labels), (l, side) =>
      labelName(l, side === "before" ? beforeLabels : after.labels),
    ),
  );
  out.push(
    ...collection<LabelPolicy>(
      "policy",
      before ? [...before.policies].sort((a, b) => a.priority - b.priority) : [],
      [...after.policies].sort((a, b) => a.priority - b.priority),
      (p) => p.name,
    ),
  );
  return out;
}

/** Number of field-level changes (an added, removed or retired label counts once). */
export function changeCount(changes: readonly EntityChange[]): number {
  return changes.reduce((n, c) => n + (c.kind === "changed" ? c.fields.length : 1), 0);
}
