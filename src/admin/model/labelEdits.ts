/**
 * Whole-configuration edits a label brings with it: a new label is published where its parent is, a
 * deleted one is unpublished everywhere, a moved one renumbers the order. Each returns the document
 * unchanged when the edit cannot be made (validation then says nothing new).
 */
import type { Label, LabelPolicy, TenantPolicy } from "../../core/policy";
import { insertLabel, moveLabel, nameFor, removeLabel, setParent } from "./labelTree";

/** A new label is published by every policy that publishes its parent (or, top level, by none). */
export function addLabel(doc: TenantPolicy, label: Label, parentId: string | null): TenantPolicy {
  return {
    ...doc,
    labels: insertLabel(doc.labels, label, parentId),
    policies: doc.policies.map((p) =>
      parentId && p.labels.includes(parentId) ? { ...p, labels: [...p.labels, label.id] } : p,
    ),
  };
}

/** Unpublishes it too; settings that still name it are left for validation to point at. */
export function deleteLabel(doc: TenantPolicy, id: string): TenantPolicy {
  const labels = removeLabel(doc.labels, id);
  if (!labels) return doc;
  return {
    ...doc,
    labels,
    policies: doc.policies.map((p) => ({ ...p, labels: p.labels.filter((l) => l !== id) })),
  };
}

export function moveLabelIn(doc: TenantPolicy, id: string, delta: -1 | 1): TenantPolicy {
  const labels = moveLabel(doc.labels, id, delta);
  return labels ? { ...doc, labels } : doc;
}

export function reparentLabel(doc: TenantPolicy, id: string, parentId: string | null): TenantPolicy {
  const labels = setParent(doc.labels, id, parentId);
  return labels ? { ...doc, labels } : doc;
}

/** The policies that publish the label or name it in a setting. */
export function policiesNaming(doc: TenantPolicy, id: string): LabelPolicy[] {
  return doc.policies.filter(
    (p) =>
      p.labels.includes(id) ||
      p.settings.defaultDocumentLabel === id ||
      p.settings.defaultMailLabel === id ||
      p.settings.preventDowngradeFrom.includes(id) ||
      p.settings.recipientRules.some((r) => r.labelIds.includes(id)),
  );
}

/**
 * A new display name. A label not saved yet keeps its metadata name in step with its display name
 * until the admin edits the name itself; a saved label's name never changes behind the admin's back.
 */
export function renamed(label: Label, displayName: string, draft: TenantPolicy, saved: TenantPolicy | null) {
  const isNew = !saved?.labels.some((l) => l.id === label.id);
  const parentName = draft.labels.find((l) => l.id === label.parentId)?.name ?? null;
  const others = draft.labels.filter((l) => l.id !== label.id).map((l) => l.name);
  const follows = isNew && label.name === nameFor(label.displayName, parentName, others);
  return follows ? { displayName, name: nameFor(displayName, parentName, others) } : { displayName };
}

/** Mail and files, switched one at a time. */
export function withTarget(label: Label, target: "email" | "file", on: boolean): Label["applicableTo"] {
  return on ? [...new Set([...label.applicableTo, target])] : label.applicableTo.filter((t) => t !== target);
}
