import { MetadataFormatError, quoteForError } from "./types";

const GUID = /^\{?([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\}?$/;

/**
 * The one spelling labels are compared in: lower-case, no braces. Accepts a bare or braced GUID in
 * any case (LabelInfo braces them, custom properties and headers do not); null for anything else.
 */
export function canonicalGuid(value: string): string | null {
  if (value.length > 38) return null;
  const m = GUID.exec(value);
  if (!m) return null;
  // A half-braced value is not a GUID spelling anyone writes.
  if (value.startsWith("{") !== value.endsWith("}")) return null;
  return m[1].toLowerCase();
}

/** {@link canonicalGuid}, or a MetadataFormatError naming what was expected to be a GUID and where. */
export function requireGuid(value: string, where: string, what: string): string {
  const guid = canonicalGuid(value);
  if (guid === null) throw new MetadataFormatError(where, `${what} ${quoteForError(value)} is not a GUID`);
  return guid;
}

/** LabelInfo's spelling: lower-case in braces. */
export function bracedGuid(guid: string): string {
  return `{${guid}}`;
}
