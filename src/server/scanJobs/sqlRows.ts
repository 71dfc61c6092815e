/** Small helpers for the scan jobs' SQL: values as both engines return them, multi-row inserts. */

/** PostgreSQL returns BIGINT as a string. */
export const num = (v: unknown): number => (typeof v === "number" ? v : Number(v ?? 0));
export const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** `($1, $2), ($3, $4)`… for `rows` rows of `width` columns. */
export function valuesSql(rows: number, width: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cols: string[] = [];
    for (let c = 0; c < width; c++) cols.push(`$${r * width + c + 1}`);
    out.push(`(${cols.join(", ")})`);
  }
  return out.join(", ");
}

/** `$k, $k+1, …` for an IN list starting at parameter `first`. */
export function placeholders(count: number, first: number): string {
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(", ");
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
