/**
 * The `MSIP_Label_<guid>_<Attribute>` key set shared by the `msip_labels` header and the custom
 * document properties (docs/reference/label-metadata.md §1, §4): key grammar, attribute meaning, the full key set to
 * write. One place, so the header and the property set cannot drift apart.
 */
import { canonicalGuid, requireGuid } from "./guid";
import {
  type AssignmentMethod,
  type LabelRecord,
  type LabelSource,
  type LabelWrite,
  MetadataFormatError,
  formatSetDate,
  parseSetDate,
  quoteForError,
} from "./types";

/** Suffixes whose spelling we normalise; any other suffix is kept as written. */
const KNOWN_SUFFIXES = [
  "Enabled",
  "SiteId",
  "ActionId",
  "Method",
  "SetDate",
  "Name",
  "ContentBits",
  "Owner",
  "Application",
  "Extended_MSFT_Method",
  "Tag",
] as const;
const CANONICAL_SUFFIX = new Map<string, string>(KNOWN_SUFFIXES.map((s) => [s.toLowerCase(), s]));

/** Written by the old AIP client only: read them, never write them (docs/reference/label-metadata.md §1). */
const LEGACY_SUFFIXES = new Set(["Owner", "Application", "Extended_MSFT_Method"]);

/** The attributes a {@link LabelRecord} carries as typed fields. */
const TYPED_SUFFIXES = new Set(["Enabled", "SiteId", "ActionId", "Method", "SetDate", "Name", "ContentBits"]);

const LABEL_KEY_PREFIX = "msip_label_";
const SUFFIX = /^\w+$/;
const UNSIGNED_INT = /^\d{1,10}$/;
export const MAX_CONTENT_BITS = 0xffffffff;

export interface LabelKey {
  labelId: string;
  /** Canonical spelling for known attributes, original spelling otherwise. */
  suffix: string;
}

/**
 * Splits `MSIP_Label_<guid>_<Attribute>` (any case). Null when the key is not a label key at all;
 * a MetadataFormatError when it claims to be one but the GUID or the attribute is malformed.
 */
export function parseLabelKey(key: string, where: string): LabelKey | null {
  if (key.slice(0, LABEL_KEY_PREFIX.length).toLowerCase() !== LABEL_KEY_PREFIX) return null;
  const rest = key.slice(LABEL_KEY_PREFIX.length);
  const sep = rest.indexOf("_");
  if (sep < 0) {
    throw new MetadataFormatError(where, `label key ${quoteForError(key)} has no attribute after the GUID`);
  }
  const labelId = canonicalGuid(rest.slice(0, sep));
  if (labelId === null) {
    throw new MetadataFormatError(
      where,
      `label key ${quoteForError(key)}: ${quoteForError(rest.slice(0, sep))} is not a GUID`,
    );
  }
  const suffix = rest.slice(sep + 1);
  if (suffix.length > 255 || !SUFFIX.test(suffix)) {
    throw new MetadataFormatError(where, `label key ${quoteForError(key)} has a malformed attribute name`);
  }
  return { labelId, suffix: CANONICAL_SUFFIX.get(suffix.toLowerCase()) ?? suffix };
}

/** `MSIP_Label_<guid>_<suffix>` in Office's spelling. */
export function labelKey(labelId: string, suffix: string): string {
  return `MSIP_Label_${labelId}_${suffix}`;
}

/** Attributes grouped per label GUID, in order of first appearance. */
export type LabelAttributeMap = Map<string, Record<string, string>>;

/**
 * Adds one attribute; the same attribute twice with different values is ambiguous (which one did
 * the writer mean?) and is refused rather than guessed.
 */
export function addLabelAttribute(
  map: LabelAttributeMap,
  key: LabelKey,
  value: string,
  where: string,
  originalKey: string,
): void {
  let attributes = map.get(key.labelId);
  if (!attributes) {
    // No prototype: attribute names come from the input and may be `__proto__` or `constructor`.
    attributes = Object.create(null) as Record<string, string>;
    map.set(key.labelId, attributes);
  }
  const previous = Object.prototype.hasOwnProperty.call(attributes, key.suffix)
    ? attributes[key.suffix]
    : undefined;
  if (previous !== undefined && previous !== value) {
    throw new MetadataFormatError(
      where,
      `${quoteForError(originalKey)} appears twice with different values (${quoteForError(previous)} and ${quoteForError(value)})`,
    );
  }
  attributes[key.suffix] = value;
}

function parseBooleanText(value: string, where: string, what: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  throw new MetadataFormatError(where, `${what} ${quoteForError(value)} is neither true nor false`);
}

/** Exact, case-sensitive method spellings are what Office writes; we read any case. */
export function parseMethod(value: string | undefined): AssignmentMethod | null {
  const v = value?.trim().toLowerCase();
  if (v === "standard") return "Standard";
  if (v === "privileged") return "Privileged";
  return null;
}

/** The old AIP client's Extended_MSFT_Method: Automatic was applied by policy, Manual by a person. */
function parseLegacyMethod(value: string | undefined): AssignmentMethod | null {
  const v = value?.trim().toLowerCase();
  if (v === "automatic") return "Standard";
  if (v === "manual") return "Privileged";
  return null;
}

export function parseContentBits(value: string, where: string): number {
  const v = value.trim();
  const n = UNSIGNED_INT.test(v) ? Number(v) : NaN;
  if (!(n <= MAX_CONTENT_BITS)) {
    throw new MetadataFormatError(
      where,
      `ContentBits ${quoteForError(value)} is not an unsigned 32-bit integer`,
    );
  }
  return n;
}

/** Builds the record for one label; Enabled and SiteId are required (docs/reference/label-metadata.md §1). */
export function labelRecordFromAttributes(
  labelId: string,
  attributes: Record<string, string>,
  source: LabelSource,
  where: string,
): LabelRecord {
  const here = `${where}, label ${labelId}`;
  const enabledText = attributes.Enabled;
  if (enabledText === undefined)
    throw new MetadataFormatError(here, "the required Enabled attribute is missing");
  const siteIdText = attributes.SiteId;
  if (siteIdText === undefined)
    throw new MetadataFormatError(here, "the required SiteId attribute is missing");
  return {
    labelId,
    siteId: requireGuid(siteIdText.trim(), here, "SiteId"),
    enabled: parseBooleanText(enabledText, here, "Enabled"),
    method: parseMethod(attributes.Method) ?? parseLegacyMethod(attributes.Extended_MSFT_Method),
    setDate: attributes.SetDate ?? null,
    name: attributes.Name ?? null,
    contentBits: attributes.ContentBits === undefined ? null : parseContentBits(attributes.ContentBits, here),
    actionId: attributes.ActionId ?? null,
    removed: false,
    attributes: { ...attributes },
    source,
  };
}

export function labelRecordsFromMap(
  map: LabelAttributeMap,
  source: LabelSource,
  where: string,
): LabelRecord[] {
  return [...map].map(([labelId, attributes]) =>
    labelRecordFromAttributes(labelId, attributes, source, where),
  );
}

/** A written attribute: suffix and value, in the order the medium writes them. */
export type LabelAttributeList = Array<[suffix: string, value: string]>;

function isLabelRecord(x: LabelWrite | LabelRecord): x is LabelRecord {
  return "attributes" in x && "source" in x;
}

function checkedSetDate(value: Date | string, where: string): string {
  if (typeof value !== "string") return formatSetDate(value);
  if (parseSetDate(value) === null) {
    throw new MetadataFormatError(where, `SetDate ${quoteForError(value)} is not an ISO 8601 date and time`);
  }
  return value;
}

function checkedContentBits(value: number, where: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_CONTENT_BITS) {
    throw new MetadataFormatError(where, `ContentBits ${value} is not an unsigned 32-bit integer`);
  }
  return value;
}

function checkedMethod(value: unknown, where: string): AssignmentMethod {
  if (value !== "Standard" && value !== "Privileged") {
    throw new MetadataFormatError(
      where,
      `Method ${quoteForError(String(value))} is neither Standard nor Privileged`,
    );
  }
  return value;
}

/** Validated canonical values of a write, shared by every encoder. */
export interface CheckedLabelWrite {
  labelId: string;
  siteId: string;
  method: AssignmentMethod;
  name: string;
  contentBits: number;
  setDate: string;
  actionId: string;
}

export function checkLabelWrite(w: LabelWrite, where: string): CheckedLabelWrite {
  if (typeof w.name !== "string") throw new MetadataFormatError(where, "Name must be a string");
  const labelId = requireGuid(String(w.labelId), where, "label id");
  const here = `${where}, label ${labelId}`;
  return {
    labelId,
    siteId: requireGuid(String(w.siteId), here, "SiteId"),
    method: checkedMethod(w.method, here),
    name: w.name,
    contentBits: checkedContentBits(w.contentBits, here),
    setDate: checkedSetDate(w.setDate, here),
    actionId: requireGuid(String(w.actionId), here, "ActionId"),
  };
}

/**
 * The attributes to write for one label, in the medium's order. A LabelWrite gives the full key set;
 * a LabelRecord gives what it carries (absent stays absent) plus any unknown extension attributes,
 * but never the legacy AIP attributes (its method already reflects them).
 */
export function attributesToWrite(
  input: LabelWrite | LabelRecord,
  order: readonly string[],
  where: string,
): { labelId: string; attributes: LabelAttributeList } {
  const values = new Map<string, string>();
  let labelId: string;
  const extras: LabelAttributeList = [];
  if (isLabelRecord(input)) {
    labelId = requireGuid(input.labelId, where, "label id");
    const here = `${where}, label ${labelId}`;
    if (input.removed) throw new MetadataFormatError(here, "a removal record exists only in LabelInfo.xml");
    values.set("Enabled", input.enabled ? "true" : "false");
    values.set("SiteId", requireGuid(input.siteId, here, "SiteId"));
    if (input.method !== null) values.set("Method", checkedMethod(input.method, here));
    if (input.setDate !== null) values.set("SetDate", input.setDate);
    if (input.name !== null) values.set("Name", input.name);
    if (input.contentBits !== null) {
      values.set("ContentBits", String(checkedContentBits(input.contentBits, here)));
    }
    if (input.actionId !== null) values.set("ActionId", input.actionId);
    if (input.source !== "LabelInfo.xml") {
      for (const suffix of Object.keys(input.attributes)) {
        const value = input.attributes[suffix];
        if (TYPED_SUFFIXES.has(suffix) || LEGACY_SUFFIXES.has(suffix)) continue;
        if (!SUFFIX.test(suffix)) {
          throw new MetadataFormatError(here, `attribute name ${quoteForError(suffix)} cannot be written`);
        }
        extras.push([suffix, value]);
      }
    }
  } else {
    const w = checkLabelWrite(input, where);
    labelId = w.labelId;
    values.set("Enabled", "true");
    values.set("SiteId", w.siteId);
    values.set("Method", w.method);
    values.set("SetDate", w.setDate);
    values.set("Name", w.name);
    values.set("ContentBits", String(w.contentBits));
    values.set("ActionId", w.actionId);
  }
  const ordered: LabelAttributeList = [];
  for (const suffix of order) {
    const value = values.get(suffix);
    if (value !== undefined) ordered.push([suffix, value]);
  }
  return { labelId, attributes: [...ordered, ...extras] };
}
