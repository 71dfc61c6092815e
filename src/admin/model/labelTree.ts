/**
 * Label order as admins see it: top-level labels from least to most sensitive, each followed by its
 * sublabels. Reordering writes new `sensitivity` numbers — parents on hundreds, sublabels on tens
 * inside their parent (the default taxonomy's own numbering) — so the order stays unambiguous and a
 * sublabel always sits between its parent and the next parent.
 */
import type { Label } from "../../core/policy";

export interface LabelNode {
  label: Label;
  children: Label[];
}

const bySensitivity = (a: Label, b: Label) => a.sensitivity - b.sensitivity || a.id.localeCompare(b.id);

/** Labels whose parent is missing are shown at the top level, where validation also names them. */
export function labelTree(labels: readonly Label[]): LabelNode[] {
  const ids = new Set(labels.map((l) => l.id));
  const top = labels.filter((l) => l.parentId === null || !ids.has(l.parentId)).sort(bySensitivity);
  return top.map((label) => ({
    label,
    children: labels.filter((l) => l.parentId === label.id && l.id !== label.id).sort(bySensitivity),
  }));
}

/** Display order, flattened. */
export function orderedLabels(labels: readonly Label[]): Label[] {
  return labelTree(labels).flatMap((n) => [n.label, ...n.children]);
}

/** Sensitivity per label id for a tree in the given order. */
export function numbering(tree: readonly { id: string; children: readonly string[] }[]): Map<string, number> {
  const widest = Math.max(0, ...tree.map((n) => n.children.length));
  const childStep = widest <= 9 ? 10 : 1;
  const span = Math.max(100, Math.ceil(((widest + 1) * childStep) / 100) * 100);
  const out = new Map<string, number>();
  tree.forEach((node, k) => {
    out.set(node.id, k * span);
    node.children.forEach((child, j) => out.set(child, k * span + (j + 1) * childStep));
  });
  return out;
}

/** Applies a new order: labels get their new sensitivity and the list is sorted by it. */
function withOrder(labels: readonly Label[], tree: { id: string; children: string[] }[]): Label[] {
  const numbers = numbering(tree);
  const parentOf = new Map<string, string | null>();
  for (const n of tree) {
    parentOf.set(n.id, null);
    for (const c of n.children) parentOf.set(c, n.id);
  }
  return labels
    .map((l) => {
      const sensitivity = numbers.get(l.id) ?? l.sensitivity;
      const parentId = parentOf.has(l.id) ? parentOf.get(l.id)! : l.parentId;
      return sensitivity === l.sensitivity && parentId === l.parentId ? l : { ...l, sensitivity, parentId };
    })
    .sort(bySensitivity);
}

function treeIds(labels: readonly Label[]): { id: string; children: string[] }[] {
  return labelTree(labels).map((n) => ({ id: n.label.id, children: n.children.map((c) => c.id) }));
}

/** Moves a label one place up (-1, less sensitive) or down (+1) among its siblings; null at an end. */
export function moveLabel(labels: readonly Label[], id: string, delta: -1 | 1): Label[] | null {
  const tree = treeIds(labels);
  const top = tree.findIndex((n) => n.id === id);
  if (top >= 0) {
    const to = top + delta;
    if (to < 0 || to >= tree.length) return null;
    [tree[top], tree[to]] = [tree[to], tree[top]];
    return withOrder(labels, tree);
  }
  for (const node of tree) {
    const i = node.children.indexOf(id);
    if (i < 0) continue;
    const to = i + delta;
    if (to < 0 || to >= node.children.length) return null;
    [node.children[i], node.children[to]] = [node.children[to], node.children[i]];
    return withOrder(labels, tree);
  }
  return null;
}

/**
 * Makes a label a sublabel of `parentId` (last among its children) or a top-level label (`null`,
 * placed right after its former parent). A label with sublabels cannot become a sublabel, and a
 * sublabel cannot be a parent (one level, as in Purview).
 */
export function setParent(labels: readonly Label[], id: string, parentId: string | null): Label[] | null {
  const tree = treeIds(labels);
  const label = labels.find((l) => l.id === id);
  if (!label || parentId === id) return null;
  const ownNode = tree.find((n) => n.id === id);
  if (parentId !== null) {
    if (ownNode && ownNode.children.length > 0) return null;
    if (!tree.some((n) => n.id === parentId)) return null;
  }
  let formerParent: string | null = null;
  for (const n of tree) {
    const i = n.children.indexOf(id);
    if (i >= 0) {
      n.children.splice(i, 1);
      formerParent = n.id;
    }
  }
  const at = tree.findIndex((n) => n.id === id);
  if (at >= 0) tree.splice(at, 1);
  if (parentId === null) {
    const after = formerParent === null ? -1 : tree.findIndex((n) => n.id === formerParent);
    tree.splice(after >= 0 ? after + 1 : at >= 0 ? at : tree.length, 0, { id, children: [] });
  } else {
    tree.find((n) => n.id === parentId)!.children.push(id);
  }
  return withOrder(labels, tree);
}

/** Adds a label last among the top-level labels, or last among `parentId`'s sublabels. */
export function insertLabel(labels: readonly Label[], label: Label, parentId: string | null): Label[] {
  const tree = treeIds(labels);
  if (parentId !== null && tree.some((n) => n.id === parentId)) {
    tree.find((n) => n.id === parentId)!.children.push(label.id);
  } else tree.push({ id: label.id, children: [] });
  return withOrder([...labels, { ...label, parentId: parentId !== null ? parentId : null }], tree);
}

/** Removes a label that has no sublabels; the numbering of the others is kept as it is. */
export function removeLabel(labels: readonly Label[], id: string): Label[] | null {
  if (labels.some((l) => l.parentId === id)) return null;
  return labels.filter((l) => l.id !== id);
}

/** A label's `name` (written into metadata) from its display name: unique, no ';', '=' or breaks. */
export function nameFor(displayName: string, parentName: string | null, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const words = displayName
    .replace(/[;=\r\n]/g, " ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  const core = words.join("") || "Label";
  const base = (parentName ? `${parentName}_${core}` : core).slice(0, 60);
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** A new label as the console creates it: tooltip empty on purpose, so validation asks for one. */
export function newLabel(labels: readonly Label[], parentId: string | null, id: string): Label {
  const parent = parentId ? labels.find((l) => l.id === parentId) : undefined;
  const displayName = parent ? "New sublabel" : "New label";
  return {
    id,
    name: nameFor(
      displayName,
      parent?.name ?? null,
      labels.map((l) => l.name),
    ),
    displayName,
    description: "",
    tooltip: "",
    color: parent?.color ?? "#0078D4",
    sensitivity: 0,
    parentId,
    isActive: true,
    applicableTo: ["email", "file"],
    hasProtection: false,
    marking: {},
    conditions: [],
  };
}
