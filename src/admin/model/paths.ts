/**
 * The JSON paths validation issues use (`policies[2].settings.defaultMailLabel`), parsed so the
 * console can read and write the field an issue names.
 */
export type PathSegment = string | number;

export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

export function formatSegments(segments: readonly PathSegment[]): string {
  let out = "";
  for (const s of segments) out += typeof s === "number" ? `[${s}]` : out === "" ? s : `.${s}`;
  return out;
}

export function getAt(value: unknown, path: string | readonly PathSegment[]): unknown {
  const segments = typeof path === "string" ? parsePath(path) : path;
  let cursor: unknown = value;
  for (const s of segments) {
    if (cursor === null || typeof cursor !== "object") return undefined;
    cursor = (cursor as Record<string | number, unknown>)[s];
  }
  return cursor;
}

/** A copy of `value` with the field at `path` replaced (`undefined` deletes it); parents are created. */
export function setAt<T>(value: T, path: string | readonly PathSegment[], next: unknown): T {
  const segments = typeof path === "string" ? parsePath(path) : path;
  if (segments.length === 0) return next as T;
  const [head, ...rest] = segments;
  const container: Record<string | number, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : value !== null && typeof value === "object"
      ? { ...(value as Record<string, unknown>) }
      : typeof head === "number"
        ? []
        : {};
  const child = (container as Record<string | number, unknown>)[head];
  const updated = rest.length === 0 ? next : setAt(child, rest, next);
  if (updated === undefined && !Array.isArray(container)) delete (container as Record<string, unknown>)[head];
  else (container as Record<string | number, unknown>)[head] = updated;
  return container as T;
}

/** True when `path` is `prefix` or inside it (`labels[1].marking` is inside `labels[1]`). */
export function isWithin(path: string, prefix: string): boolean {
  if (path === prefix) return true;
  if (!path.startsWith(prefix)) return false;
  const next = path.charAt(prefix.length);
  return next === "." || next === "[";
}
