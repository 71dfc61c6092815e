/**
 * The `MSIP_Label_<guid>_*` custom document properties (docs/reference/label-metadata.md §1) as plain key/value
 * pairs: what Word and Excel expose through Office.js and what custom.xml stores. The Word and Excel
 * adapters and the CLI all write through {@link planPropertyUpdate}, so no path writes a different
 * key set or leaves a stale label behind.
 */
import { canonicalGuid, requireGuid } from "./guid";
import {
  type LabelAttributeMap,
  addLabelAttribute,
  attributesToWrite,
  checkLabelWrite,
  labelKey,
  labelRecordsFromMap,
  parseLabelKey,
} from "./labelAttributes";
import {
  type LabelRecord,
  type LabelSource,
  type LabelWrite,
  MetadataFormatError,
  quoteForError,
} from "./types";

/** Office desktop truncates custom property keys and values beyond this (docs/reference/label-metadata.md §1). */
export const MAX_PROPERTY_LENGTH = 255;

/** The order Office writes the properties in (seen in Word, Excel and Mac Excel files). */
const PROPERTY_ORDER = ["Enabled", "SetDate", "Method", "Name", "SiteId", "ActionId", "ContentBits"] as const;

export type PropertyPairs = Iterable<readonly [string, string]> | Readonly<Record<string, string>>;

/** A change to a document's custom properties: apply `remove` first, then `set`. */
export interface PropertyUpdate {
  set: Record<string, string>;
  remove: string[];
}

function entriesOf(props: PropertyPairs): Iterable<readonly [string, string]> {
  if (Symbol.iterator in props) return props as Iterable<readonly [string, string]>;
  const record = props as Record<string, string>;
  return Object.keys(record).map((key): readonly [string, string] => [key, record[key]]);
}

/** Labels among arbitrary properties; used for Office.js property bags and for custom.xml. */
export function labelRecordsFromProperties(
  props: PropertyPairs,
  source: LabelSource,
  where: string,
): LabelRecord[] {
  const map: LabelAttributeMap = new Map();
  for (const [key, value] of entriesOf(props)) {
    const parsed = parseLabelKey(key, where);
    if (parsed)
      addLabelAttribute(map, parsed, String(value), `${where}, property ${quoteForError(key)}`, key);
  }
  return labelRecordsFromMap(map, source, where);
}

/**
 * Every tenant's label among a document's custom properties (keys matched case-insensitively, other
 * properties ignored). A key that claims to be a label key but is malformed is an error.
 */
export function decodeLabelProperties(props: PropertyPairs): LabelRecord[] {
  return labelRecordsFromProperties(props, "properties", "document properties");
}

/** Keys are `MSIP_Label_<guid>_<Attribute>` (at most 70 characters); only values can exceed the limit. */
function checkValueLength(key: string, value: string, where: string): void {
  if (value.length > MAX_PROPERTY_LENGTH) {
    throw new MetadataFormatError(
      where,
      `${key} value ${quoteForError(value)} is longer than ${MAX_PROPERTY_LENGTH} characters, which Office truncates`,
    );
  }
}

/** The full key set for one label: Enabled=true, SetDate, Method, Name, SiteId, ActionId, ContentBits. */
export function encodeLabelProperties(w: LabelWrite): Record<string, string> {
  const where = "document properties";
  const { labelId, attributes } = attributesToWrite(w, PROPERTY_ORDER, where);
  const props: Record<string, string> = {};
  for (const [suffix, value] of attributes) {
    const key = labelKey(labelId, suffix);
    checkValueLength(key, value, where);
    props[key] = value;
  }
  return props;
}

interface ExistingLabel {
  keys: string[];
  /** Canonical tenant, or null when the SiteId is missing or unreadable. */
  siteId: string | null;
}

/** Existing label keys grouped by label GUID; malformed label keys are nobody's and are left alone. */
function groupExistingLabels(existing: PropertyPairs): Map<string, ExistingLabel> {
  const labels = new Map<string, ExistingLabel>();
  for (const [key, value] of entriesOf(existing)) {
    let parsed;
    try {
      parsed = parseLabelKey(key, "existing properties");
    } catch {
      continue;
    }
    if (!parsed) continue;
    const label = labels.get(parsed.labelId) ?? { keys: [], siteId: null };
    label.keys.push(key);
    if (parsed.suffix === "SiteId") label.siteId = canonicalGuid(String(value).trim());
    labels.set(parsed.labelId, label);
  }
  return labels;
}

/**
 * What to change so that `siteId`'s label becomes `write` (or, with null, so that the tenant has no
 * label): our full key set is set; keys of our tenant's other labels (and, on removal, all our
 * tenant's keys) are removed; other tenants' labels, unknown attributes of the label being written
 * and every non-label property are kept. Keys compare case-insensitively, as Office does; apply
 * `remove` before `set`.
 */
export function planPropertyUpdate(
  existing: PropertyPairs,
  siteId: string,
  write: LabelWrite | null,
): PropertyUpdate {
  const where = "property update";
  const tenant = requireGuid(siteId, where, "tenant");
  const labelId = write ? checkLabelWrite(write, where).labelId : null;
  if (write && requireGuid(write.siteId, where, "SiteId") !== tenant) {
    throw new MetadataFormatError(
      where,
      `the label to write belongs to tenant ${write.siteId}, not ${tenant}`,
    );
  }
  const set = write ? encodeLabelProperties(write) : {};
  const setKeys = new Set(Object.keys(set));
  const setKeysLower = new Set(Object.keys(set).map((k) => k.toLowerCase()));
  const remove: string[] = [];
  for (const [guid, label] of groupExistingLabels(existing)) {
    if (guid === labelId) {
      if (label.siteId !== null && label.siteId !== tenant) {
        throw new MetadataFormatError(
          where,
          `label ${guid} is already present for another tenant (${label.siteId})`,
        );
      }
      // Same label: keep its extension attributes; drop only differently-cased copies of keys we set.
      for (const key of label.keys) {
        if (!setKeys.has(key) && setKeysLower.has(key.toLowerCase())) remove.push(key);
      }
    } else if (label.siteId === tenant) {
      remove.push(...label.keys);
    }
  }
  return { set, remove };
}
