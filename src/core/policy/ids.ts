/** Labels and tenants are identified by GUID, never by display name (docs/reference/label-metadata.md §6). */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Lower-case, braces stripped: the one spelling we store and compare. */
export function normalizeGuid(value: string): string {
  return value.trim().replace(/^\{/, "").replace(/\}$/, "").toLowerCase();
}

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

/** Short form for messages: `7f3c…`. */
export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}
