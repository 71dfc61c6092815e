/**
 * Policies in priority order. As in Purview, the policy lower in the list (higher priority number)
 * wins each setting for a user that several policies scope.
 */
import { policySettingsSchema, type LabelPolicy, type TenantPolicy } from "../../core/policy";

export function byPriority(policies: readonly LabelPolicy[]): LabelPolicy[] {
  return [...policies].sort((a, b) => a.priority - b.priority);
}

/** Swaps a policy's priority with its neighbour's in list order. */
export function movePolicy(doc: TenantPolicy, id: string, delta: -1 | 1): TenantPolicy {
  const list = byPriority(doc.policies);
  const i = list.findIndex((p) => p.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= list.length) return doc;
  const a = list[i].priority;
  const b = list[j].priority;
  return {
    ...doc,
    policies: doc.policies.map((p) =>
      p.id === list[i].id ? { ...p, priority: b } : p.id === list[j].id ? { ...p, priority: a } : p,
    ),
  };
}

export function newPolicy(doc: TenantPolicy, id: string): LabelPolicy {
  const names = new Set(doc.policies.map((p) => p.name));
  let name = "Pilot policy";
  for (let n = 2; names.has(name); n++) name = `Pilot policy ${n}`;
  return {
    id,
    name,
    description: "",
    // Empty on purpose: validation asks for a scope before the policy can be saved.
    scope: { everyone: false, users: [], groups: [] },
    priority: Math.max(-1, ...doc.policies.map((p) => p.priority)) + 1,
    phase: "define",
    labels: doc.labels.filter((l) => l.isActive).map((l) => l.id),
    settings: policySettingsSchema.parse({}),
  };
}
