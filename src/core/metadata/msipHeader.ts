/**
 * The `msip_labels` mail header (docs/reference/label-metadata.md §4): one header carrying every attribute of every
 * label as `MSIP_Label_<guid>_<Attr>=value` pairs, plus the older one-header-per-attribute form.
 */
import { type HeaderField, checkHeaderLength, parseHeaderBlock, unfoldHeaderValue } from "./headerBlock";
import {
  type LabelAttributeMap,
  addLabelAttribute,
  attributesToWrite,
  labelKey,
  labelRecordsFromMap,
  parseLabelKey,
} from "./labelAttributes";
import { type LabelRecord, type LabelWrite, MetadataFormatError, quoteForError } from "./types";

export { type HeaderField, MAX_HEADER_LENGTH, parseHeaderBlock, unfoldHeaderValue } from "./headerBlock";
export * from "./classificationHeaders";

export const MSIP_LABELS_HEADER = "msip_labels";

/** The order of the documented example (docs/reference/label-metadata.md §4), which is what Office writes. */
const HEADER_ORDER = ["Enabled", "SetDate", "Method", "Name", "SiteId", "ContentBits", "ActionId"] as const;

/** C0 controls and DEL (CR and LF among them) cannot travel inside a header value. */
const CONTROL = /[\u0000-\u001f\u007f]/;

function collectHeaderPairs(value: string, map: LabelAttributeMap, where: string): void {
  checkHeaderLength(value, where);
  // A value copied with its own line end still reads; a break inside it is not a fold.
  const unfolded = unfoldHeaderValue(value).trim();
  if (/[\r\n]/.test(unfolded)) {
    throw new MetadataFormatError(where, "a line break not followed by whitespace is not a folded header");
  }
  for (const part of unfolded.split(";")) {
    const pair = part.trim();
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = (eq < 0 ? pair : pair.slice(0, eq)).trim();
    const labelKeyParts = parseLabelKey(key, where);
    if (!labelKeyParts) continue; // not a label key: someone else's business
    if (eq < 0) throw new MetadataFormatError(where, `label key ${quoteForError(key)} has no value`);
    addLabelAttribute(map, labelKeyParts, pair.slice(eq + 1).trim(), where, key);
  }
}

/**
 * Decodes one `msip_labels` header value (folded or not): pairs split on `;` with or without a
 * following space, trailing `;` allowed, keys matched case-insensitively, old AIP keys kept in
 * `attributes`. Labels come out in order of first appearance.
 */
export function decodeMsipLabelsHeader(value: string): LabelRecord[] {
  const map: LabelAttributeMap = new Map();
  collectHeaderPairs(value, map, "msip_labels header");
  return labelRecordsFromMap(map, "msip_labels", "msip_labels header");
}

/**
 * Decodes the labels of a raw RFC 5322 header block: every `msip_labels` header, and the legacy
 * per-attribute headers (`msip_label_<guid>_enabled: true`, …). Where both forms carry the same
 * attribute, the `msip_labels` header wins.
 */
export function decodeMailHeaderBlock(raw: string): LabelRecord[] {
  return decodeMailHeaderFields(parseHeaderBlock(raw));
}

/** {@link decodeMailHeaderBlock} for fields already split (for example by a host adapter). */
export function decodeMailHeaderFields(fields: readonly HeaderField[]): LabelRecord[] {
  const map: LabelAttributeMap = new Map();
  const legacy: LabelAttributeMap = new Map();
  fields.forEach((field, index) => {
    const where = `${field.name} header (field ${index + 1})`;
    if (field.name.toLowerCase() === MSIP_LABELS_HEADER) {
      collectHeaderPairs(field.value, map, where);
      return;
    }
    const key = parseLabelKey(field.name, where);
    if (key) addLabelAttribute(legacy, key, field.value, where, field.name);
  });
  for (const [labelId, attributes] of legacy) {
    const merged = map.get(labelId) ?? {};
    map.set(labelId, { ...attributes, ...merged });
  }
  return labelRecordsFromMap(map, "msip_labels", "mail header");
}

/**
 * Encodes labels as an `msip_labels` header value the way Office writes it:
 * `MSIP_Label_<g>_Enabled=true; MSIP_Label_<g>_SetDate=…; …`. A LabelWrite gives the full key set;
 * a LabelRecord is written back with what it carries. The value is not folded (a host or a mail
 * writer folds it); values containing `;` or a control character are refused, since they could not
 * be read back.
 */
export function encodeMsipLabelsHeader(records: readonly LabelWrite[] | readonly LabelRecord[]): string {
  const where = "msip_labels header";
  const pairs: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    const { labelId, attributes } = attributesToWrite(record, HEADER_ORDER, where);
    if (seen.has(labelId)) throw new MetadataFormatError(where, `label ${labelId} is listed twice`);
    seen.add(labelId);
    for (const [suffix, value] of attributes) {
      const key = labelKey(labelId, suffix);
      if (value.includes(";") || CONTROL.test(value)) {
        throw new MetadataFormatError(
          where,
          `${key} value ${quoteForError(value)} contains ';' or a control character`,
        );
      }
      if (value !== value.trim()) {
        throw new MetadataFormatError(
          where,
          `${key} value ${quoteForError(value)} has surrounding whitespace, which readers drop`,
        );
      }
      pairs.push(`${key}=${value}`);
    }
  }
  const header = pairs.join("; ");
  checkHeaderLength(header, where);
  return header;
}
