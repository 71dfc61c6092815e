/**
 * The label list the pane shows: the policy's labels for this kind of item, parents with their
 * sublabels (a parent with sublabels is a heading, not a choice — Graph `isAppliable=false`),
 * ordered by sensitivity, with the tooltip and colour each label carries.
 */
import type { ItemKind } from "../../../core/decide/types";
import type { EffectivePolicy } from "../../../core/policy/effective";
import { LabelIndex } from "../../../core/policy/labels";

export interface LabelNode {
  id: string;
  displayName: string;
  /** "Confidential \ All Employees" for a sublabel. */
  fullName: string;
  tooltip: string;
  color: string | null;
  appliable: boolean;
  children: LabelNode[];
}

export function labelTree(policy: EffectivePolicy, kind: ItemKind): LabelNode[] {
  const usable = policy.labels.filter((l) => l.isActive && l.applicableTo.includes(kind));
  const index = new LabelIndex(policy.labels);
  const node = (id: string): LabelNode => {
    const l = policy.labels.find((x) => x.id === id)!;
    const children = usable.filter((c) => c.parentId === id).map((c) => node(c.id));
    return {
      id: l.id,
      displayName: l.displayName,
      fullName: index.fullName(l.id),
      tooltip: l.tooltip,
      color: l.color ?? null,
      appliable: !index.isParent(l.id),
      children,
    };
  };
  return usable
    .filter((l) => l.parentId === null || !usable.some((p) => p.id === l.parentId))
    .sort((a, b) => a.sensitivity - b.sensitivity)
    .map((l) => node(l.id))
    .filter((n) => n.appliable || n.children.length > 0);
}

/** Display facts for any label id: ours, another tenant's, or unknown. */
export function describeLabel(
  policy: EffectivePolicy | null,
  labelId: string,
): { name: string; color: string | null; known: boolean } {
  const summary = policy?.catalog.find((l) => l.id === labelId);
  if (!policy || !summary) return { name: labelId, color: null, known: false };
  return {
    name: new LabelIndex(policy.catalog).fullName(labelId),
    color: summary.color ?? null,
    known: true,
  };
}
