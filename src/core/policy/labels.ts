/** Questions about a set of labels that every decision asks: which exists, which is appliable, which is lower. */
import type { LabelSummary } from "./effective";

export interface LabelLike extends LabelSummary {
  isActive?: boolean;
  applicableTo?: readonly ("email" | "file")[];
}

export class LabelIndex<T extends LabelLike = LabelLike> {
  private readonly byId = new Map<string, T>();
  private readonly childIds = new Map<string, string[]>();

  constructor(labels: Iterable<T>) {
    for (const label of labels) this.byId.set(label.id, label);
    for (const label of this.byId.values()) {
      if (label.parentId !== null && this.byId.has(label.parentId)) {
        const list = this.childIds.get(label.parentId) ?? [];
        list.push(label.id);
        this.childIds.set(label.parentId, list);
      }
    }
  }

  get(id: string | null | undefined): T | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  all(): T[] {
    return [...this.byId.values()].sort((a, b) => a.sensitivity - b.sensitivity);
  }

  children(id: string): T[] {
    return (this.childIds.get(id) ?? [])
      .map((c) => this.byId.get(c)!)
      .sort((a, b) => a.sensitivity - b.sensitivity);
  }

  /** A parent with sublabels cannot be applied (Graph `isAppliable=false`). */
  isParent(id: string): boolean {
    return (this.childIds.get(id)?.length ?? 0) > 0;
  }

  /** "Confidential \ All Employees" — how Office names a sublabel. */
  fullName(id: string): string {
    const label = this.byId.get(id);
    if (!label) return id;
    const parent = label.parentId ? this.byId.get(label.parentId) : undefined;
    return parent ? `${parent.displayName} \\ ${label.displayName}` : label.displayName;
  }

  /**
   * Downgrade = a label of lower order, or removal (`to === null`). Moving between sublabels of one
   * parent is not a downgrade (docs/reference/label-policy.md §1). Unknown labels are never called a downgrade:
   * without an order there is nothing to compare.
   */
  isDowngrade(from: string | null, to: string | null): boolean {
    if (from === null) return false;
    const a = this.byId.get(from);
    if (!a) return false;
    if (to === null) return true;
    const b = this.byId.get(to);
    if (!b) return false;
    if (a.parentId !== null && a.parentId === b.parentId) return false;
    return b.sensitivity < a.sensitivity;
  }

  /** True when `a` is strictly more sensitive than `b` (null = no label, least of all). */
  isHigher(a: string | null, b: string | null): boolean {
    if (a === null) return false;
    const la = this.byId.get(a);
    if (!la) return false;
    if (b === null) return true;
    const lb = this.byId.get(b);
    if (!lb) return false;
    return la.sensitivity > lb.sensitivity;
  }

  /** True when both labels are known and `a` is at least as sensitive as `b`. */
  isAtLeast(a: string, b: string): boolean {
    const la = this.byId.get(a);
    const lb = this.byId.get(b);
    return !!la && !!lb && la.sensitivity >= lb.sensitivity;
  }
}
