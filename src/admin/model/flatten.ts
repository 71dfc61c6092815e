/** A document as a map from leaf path to value, for field-by-field comparison. */
export type Leaves = Map<string, unknown>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Objects are walked; arrays of plain values (label lists, domains) are one leaf. Arrays of objects
 * (conditions, recipient rules) are walked by index, unless `arraysAsLeaves` makes every array one
 * leaf, which is what a merge wants: an edited list is taken whole, never half from each side.
 */
export function flatten(value: unknown, options: { arraysAsLeaves?: boolean } = {}): Leaves {
  const out: Leaves = new Map();
  const walk = (v: unknown, path: string) => {
    if (isPlainObject(v)) {
      for (const [k, child] of Object.entries(v)) walk(child, path === "" ? k : `${path}.${k}`);
      return;
    }
    if (Array.isArray(v) && !options.arraysAsLeaves && v.some((x) => x !== null && typeof x === "object")) {
      v.forEach((child, i) => walk(child, `${path}[${i}]`));
      return;
    }
    out.set(path, v);
  };
  walk(value, "");
  return out;
}

/** An absent list and an empty one mean the same: the schema defaults every list to []. */
const noList = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0);

export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (noList(a) && noList(b)) return true;
  if (a === undefined || b === undefined) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
