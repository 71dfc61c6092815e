/** How the console prints a configuration value in diffs and conflicts. */
export function formatValue(value: unknown, labelName?: (id: string) => string | undefined): string {
  if (value === undefined) return "(none)";
  if (value === null) return "null";
  if (typeof value === "string") {
    const named = labelName?.(value);
    return named ? `${named}` : JSON.stringify(value);
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "string"))
    return value.length === 0 ? "[]" : value.map((v) => formatValue(v, labelName)).join(", ");
  if (typeof value === "object") {
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 197)}…` : text;
  }
  return String(value);
}
