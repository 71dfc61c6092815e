/**
 * Outlook's own label catalog (`sensitivityLabelsCatalog.getAsync`). Sublabels hang under
 * `children`, which Outlook sends as `null`, not `[]`, when a label has none (docs/reference/office-js.md §1) —
 * Microsoft's own sample crashes on that; every walk here guards it.
 */

export interface NativeLabel {
  id: string;
  name: string;
  color: string;
  tooltip: string;
  /** True for a label with sublabels: Outlook will not apply it. */
  isParent: boolean;
  parentId: string | null;
}

interface DetailsLike {
  id: string;
  name: string;
  color: string;
  tooltip: string;
  children: DetailsLike[] | null | undefined;
}

export function flattenCatalog(details: readonly DetailsLike[] | null | undefined): NativeLabel[] {
  const out: NativeLabel[] = [];
  const walk = (list: readonly DetailsLike[] | null | undefined, parentId: string | null): void => {
    if (!Array.isArray(list)) return;
    for (const d of list) {
      if (!d || typeof d.id !== "string") continue;
      const children = Array.isArray(d.children) ? d.children : [];
      out.push({
        id: d.id.toLowerCase(),
        name: d.name,
        color: d.color,
        tooltip: d.tooltip,
        isParent: children.length > 0,
        parentId,
      });
      walk(children, d.id.toLowerCase());
    }
  };
  walk(details, null);
  return out;
}

/** True when Outlook can apply this label itself: in the catalog and not a parent. */
export function isAppliableNative(catalog: readonly NativeLabel[], labelId: string): boolean {
  const id = labelId.toLowerCase();
  return catalog.some((l) => l.id === id && !l.isParent);
}
