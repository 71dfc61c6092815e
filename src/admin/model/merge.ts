/**
 * "Two admins edit the policy at once: the second is told, nothing is lost." When a save meets a newer
 * version, the console merges the admin's own edits (base → mine) onto that version (theirs), field by
 * field with labels and policies matched by id. Where both changed the same field differently, the
 * saved version's value stays and the conflict is listed with the admin's value, to take with one click.
 */
import type { Label, LabelPolicy, TenantPolicy } from "../../core/policy";
import { flatten, same } from "./flatten";
import { formatSegments, getAt, parsePath, setAt } from "./paths";
import { tenantFields } from "./tenantFields";

export interface MergeConflict {
  entity: "tenant" | "label" | "policy";
  id: string | null;
  name: string;
  /** Field inside the entity; "" = the whole label or policy (added, removed or deleted by one side). */
  path: string;
  /** The admin's value (undefined = removed). */
  mine: unknown;
  /** The saved version's value (undefined = removed). */
  theirs: unknown;
}

export interface MergeResult {
  merged: TenantPolicy;
  conflicts: MergeConflict[];
  /** How many of the admin's field edits were carried over. */
  applied: number;
}

type Entity = Label | LabelPolicy;

/** The outermost part of `path` that `mine` no longer has: a removed footer goes whole, not field by field. */
function removedRoot(mine: unknown, path: string): string {
  const segments = parsePath(path);
  for (let n = 1; n <= segments.length; n++) {
    if (getAt(mine, segments.slice(0, n)) === undefined) return formatSegments(segments.slice(0, n));
  }
  return path;
}

function mergeFields<T>(
  base: T,
  mine: T,
  theirs: T,
  onConflict: (path: string, mine: unknown, theirs: unknown) => void,
): { value: T; applied: number } {
  const b = flatten(base, { arraysAsLeaves: true });
  const m = flatten(mine, { arraysAsLeaves: true });
  const t = flatten(theirs, { arraysAsLeaves: true });
  let value = theirs;
  let applied = 0;
  for (const path of new Set([...b.keys(), ...m.keys()])) {
    const mv = m.get(path);
    const bv = b.get(path);
    if (same(mv, bv)) continue;
    const tv = t.get(path);
    if (same(tv, mv)) continue;
    if (same(tv, bv)) {
      value = setAt(value, mv === undefined ? removedRoot(mine, path) : path, mv);
      applied++;
    } else onConflict(path, mv, tv);
  }
  return { value, applied };
}

function mergeCollection<T extends Entity>(
  entity: "label" | "policy",
  base: readonly T[],
  mine: readonly T[],
  theirs: readonly T[],
  nameOf: (x: T) => string,
  conflicts: MergeConflict[],
): { items: T[]; applied: number } {
  const b = new Map(base.map((x) => [x.id, x]));
  const m = new Map(mine.map((x) => [x.id, x]));
  let items = [...theirs];
  let applied = 0;
  const index = (id: string) => items.findIndex((x) => x.id === id);
  for (const id of new Set([...b.keys(), ...m.keys()])) {
    const bv = b.get(id);
    const mv = m.get(id);
    const at = index(id);
    const tv = at >= 0 ? items[at] : undefined;
    if (!bv && mv) {
      if (!tv) {
        items.push(mv);
        applied++;
      } else if (!same(tv, mv))
        conflicts.push({ entity, id, name: nameOf(mv), path: "", mine: mv, theirs: tv });
    } else if (bv && !mv) {
      if (!tv) continue;
      if (same(tv, bv)) {
        items = items.filter((x) => x.id !== id);
        applied++;
      } else conflicts.push({ entity, id, name: nameOf(tv), path: "", mine: undefined, theirs: tv });
    } else if (bv && mv && !same(bv, mv)) {
      if (!tv) {
        conflicts.push({ entity, id, name: nameOf(mv), path: "", mine: mv, theirs: undefined });
        continue;
      }
      const r = mergeFields(bv, mv, tv, (path, mine, theirs) =>
        conflicts.push({ entity, id, name: nameOf(mv), path, mine, theirs }),
      );
      items[at] = r.value;
      applied += r.applied;
    }
  }
  return { items, applied };
}

export function mergeDrafts(base: TenantPolicy, mine: TenantPolicy, theirs: TenantPolicy): MergeResult {
  const conflicts: MergeConflict[] = [];
  const top = mergeFields(tenantFields(base), tenantFields(mine), tenantFields(theirs), (path, m, t) =>
    conflicts.push({ entity: "tenant", id: null, name: theirs.name, path, mine: m, theirs: t }),
  );
  const collection = <T extends Entity>(
    entity: "label" | "policy",
    pick: (d: TenantPolicy) => readonly T[],
    nameOf: (x: T) => string,
  ) => mergeCollection(entity, pick(base), pick(mine), pick(theirs), nameOf, conflicts);
  const labels = collection<Label>(
    "label",
    (d) => d.labels,
    (l) => l.displayName,
  );
  const policies = collection<LabelPolicy>(
    "policy",
    (d) => d.policies,
    (p) => p.name,
  );
  // Their document's key order, so an unchanged merge is byte-for-byte theirs; top.value lacks a
  // tenant field I removed, and so must the result.
  const merged: TenantPolicy = { ...theirs, ...top.value, labels: labels.items, policies: policies.items };
  for (const key of Object.keys(theirs) as Array<keyof TenantPolicy>)
    if (!(key in top.value) && key !== "labels" && key !== "policies") delete merged[key];
  return {
    merged,
    conflicts,
    applied: top.applied + labels.applied + policies.applied,
  };
}

/** Takes the admin's side of one conflict. */
export function takeMine(draft: TenantPolicy, conflict: MergeConflict): TenantPolicy {
  if (conflict.entity === "tenant") return setAt(draft, conflict.path, conflict.mine);
  const key = conflict.entity === "label" ? "labels" : "policies";
  const list = draft[key] as Entity[];
  const at = list.findIndex((x) => x.id === conflict.id);
  let next: Entity[];
  if (conflict.path === "") {
    if (conflict.mine === undefined) next = list.filter((x) => x.id !== conflict.id);
    else if (at >= 0) next = list.map((x, i) => (i === at ? (conflict.mine as Entity) : x));
    else next = [...list, conflict.mine as Entity];
  } else {
    if (at < 0) return draft;
    next = list.map((x, i) => (i === at ? setAt(x, conflict.path, conflict.mine) : x));
  }
  return { ...draft, [key]: next };
}
