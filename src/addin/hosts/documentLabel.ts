/**
 * The label in a Word or Excel document's custom properties, read and written with the same core
 * codec the CLI uses for docProps/custom.xml (`decodeLabelProperties`, `planPropertyUpdate`), so the
 * add-in and the scanner can never write different key sets.
 */
import type { LabelPlan } from "../../core/decide/types";
import { labelWriteOf } from "../../core/decide/plan";
import {
  type LabelRecord,
  type LabelWrite,
  type PropertyUpdate,
  decodeLabelProperties,
  effectiveLabels,
  planPropertyUpdate,
  canonicalGuid,
} from "../../core/metadata";
import type { DocumentPackageRead } from "./documentFile";
import type { LabelState } from "./types";

/** One custom document property as Office.js returns it, value already as text. */
export interface PropertyEntry {
  key: string;
  value: string;
}

const LABEL_PREFIX = "msip_label_";

/** Office.js gives String, Number, Boolean or Date values; the label codec reads text. */
export function propertyText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return value === null || value === undefined ? "" : String(value);
}

/** Office.js custom properties (Word's, Excel's and PowerPoint's alike) as the label codec reads them. */
export function propertyEntries(items: ReadonlyArray<{ key: string; value: unknown }>): PropertyEntry[] {
  return items.map((p) => ({ key: p.key, value: propertyText(p.value) }));
}

/** The custom-property collection of any of the three hosts, as far as a label write uses it. */
interface CustomPropertyCollection {
  getItem(key: string): { delete(): void };
  add(key: string, value: string): unknown;
}

/** Queues a property update in the host's batch. */
export function queuePropertyUpdate(custom: CustomPropertyCollection, update: PropertyUpdate): void {
  // Remove before set: keys compare ignoring case, so a set could otherwise be deleted again.
  for (const key of update.remove) custom.getItem(key).delete();
  for (const key of Object.keys(update.set)) custom.add(key, update.set[key]);
}

function labelGroup(key: string): string | null {
  const lower = key.toLowerCase();
  if (!lower.startsWith(LABEL_PREFIX)) return null;
  const rest = lower.slice(LABEL_PREFIX.length);
  const sep = rest.indexOf("_");
  return sep < 0 ? rest : rest.slice(0, sep);
}

/**
 * Every tenant's label among the properties. A label whose keys are broken is skipped rather than
 * failing the whole read: one bad label must not hide the others (it is kept in the document
 * anyway — only our own tenant's labels are ever rewritten).
 */
export function readLabelRecords(props: readonly PropertyEntry[]): {
  records: LabelRecord[];
  problems: string[];
} {
  const groups = new Map<string, Array<[string, string]>>();
  for (const { key, value } of props) {
    const group = labelGroup(key);
    if (group === null) continue;
    const list = groups.get(group) ?? [];
    list.push([key, value]);
    groups.set(group, list);
  }
  const records: LabelRecord[] = [];
  const problems: string[] = [];
  for (const pairs of groups.values()) {
    try {
      records.push(...decodeLabelProperties(pairs));
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { records, problems };
}

/** Our tenant's label is the current one; other tenants' labels are listed and left alone. */
export function labelStateFromProperties(props: readonly PropertyEntry[], siteId: string): LabelState {
  return labelStateFromDocument(props, null, siteId);
}

/**
 * The label by the reading rule Office and the scanner follow (MS-OFFCRYPTO 2.6.3): per tenant,
 * LabelInfo.xml first — a removal record there means no label, whatever the properties say — and
 * the custom properties for tenants LabelInfo does not name. `pkg` is the package read (null where
 * none was attempted); an unread package is carried into the state, never taken as "no label".
 */
export function labelStateFromDocument(
  props: readonly PropertyEntry[],
  pkg: DocumentPackageRead | null,
  siteId: string,
): LabelState {
  const tenant = canonicalGuid(siteId) ?? siteId.toLowerCase();
  const custom = readLabelRecords(props).records;
  const labelInfo = pkg && "labels" in pkg ? pkg.labels.labelInfo : null;
  const records = effectiveLabels(labelInfo, custom);
  const ours = records.find((r) => r.siteId === tenant);
  const state: LabelState = {
    current: ours ? { labelId: ours.labelId, method: ours.method } : null,
    records,
    source: !ours ? "none" : ours.source === "LabelInfo.xml" ? "labelInfo" : "properties",
    properties: props.filter((p) => labelGroup(p.key) === null).map((p) => ({ name: p.key, value: p.value })),
  };
  if (labelInfo?.some((r) => r.siteId === tenant)) state.inLabelInfo = true;
  if (pkg && "unread" in pkg) state.unread = pkg.unread;
  return state;
}

/** What a plan writes for our tenant, with the ContentBits of the marks really written. */
export function labelWrite(plan: LabelPlan, contentBits: number): LabelWrite | null {
  return labelWriteOf(plan, contentBits);
}

/** The property changes for a plan: remove first (keys compare ignoring case), then set. */
export function propertyUpdate(
  existing: readonly PropertyEntry[],
  siteId: string,
  plan: LabelPlan,
  contentBits: number,
): PropertyUpdate {
  return planPropertyUpdate(
    existing.map((p): [string, string] => [p.key, p.value]),
    siteId,
    labelWrite(plan, contentBits),
  );
}

/**
 * Whether the properties hold exactly what the update meant for our tenant: every key we set with
 * its value, and no other label of our tenant (a co-author may have written one in between).
 */
export function propertiesMatch(
  after: readonly PropertyEntry[],
  siteId: string,
  update: PropertyUpdate,
): boolean {
  const byKey = new Map(after.map((p) => [p.key.toLowerCase(), p.value]));
  const written = new Set<string>();
  for (const key of Object.keys(update.set)) {
    if (byKey.get(key.toLowerCase()) !== update.set[key]) return false;
    const group = labelGroup(key);
    if (group !== null) written.add(group);
  }
  const tenantKeys = planPropertyUpdate(
    after.map((p): [string, string] => [p.key, p.value]),
    siteId,
    null,
  ).remove;
  return tenantKeys.every((key) => written.has(labelGroup(key) ?? ""));
}
