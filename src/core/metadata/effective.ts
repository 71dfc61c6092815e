/**
 * Which label a document really carries when it has both LabelInfo.xml and custom properties
 * (MS-OFFCRYPTO 2.6.3, docs/reference/label-metadata.md §3): per tenant, a LabelInfo element wins, and a removal
 * record there means the tenant has no label, whatever custom.xml still says.
 */
import { type LabelRecord, parseSetDate } from "./types";

/** Both places carry a label for the tenant, and not the same one (the scanner reports both). */
export interface LabelDisagreement {
  siteId: string;
  /** The LabelInfo element: another label, or a removal / disabled record. */
  labelInfo: LabelRecord;
  /** The label custom properties carry. */
  custom: LabelRecord;
}

function isActive(record: LabelRecord): boolean {
  return record.enabled && !record.removed;
}

function setTime(record: LabelRecord): number {
  return (record.setDate === null ? null : parseSetDate(record.setDate))?.getTime() ?? -Infinity;
}

/**
 * The custom-property label per tenant. One per tenant is the rule; when stale keys break it, an
 * enabled label beats a disabled one and the most recently set wins (the earlier one on a tie).
 */
function customPerTenant(custom: readonly LabelRecord[]): Map<string, LabelRecord> {
  const chosen = new Map<string, LabelRecord>();
  for (const record of custom) {
    const current = chosen.get(record.siteId);
    const better =
      !current ||
      (isActive(record) && !isActive(current)) ||
      (isActive(record) === isActive(current) && setTime(record) > setTime(current));
    if (better) chosen.set(record.siteId, record);
  }
  return chosen;
}

function labelInfoPerTenant(labelInfo: readonly LabelRecord[] | null): Map<string, LabelRecord> {
  return new Map((labelInfo ?? []).map((r) => [r.siteId, r]));
}

/** The labels in effect, one per tenant: LabelInfo's tenants first, then custom-property-only tenants. */
export function effectiveLabels(
  labelInfo: readonly LabelRecord[] | null,
  custom: readonly LabelRecord[],
): LabelRecord[] {
  const fromLabelInfo = labelInfoPerTenant(labelInfo);
  const result = [...fromLabelInfo.values()].filter(isActive);
  for (const [siteId, record] of customPerTenant(custom)) {
    if (!fromLabelInfo.has(siteId) && isActive(record)) result.push(record);
  }
  return result;
}

/**
 * Tenants for which custom properties carry a label that LabelInfo contradicts: a different label,
 * or a removal. LabelInfo is what counts; the custom properties are stale.
 */
export function disagreements(
  labelInfo: readonly LabelRecord[] | null,
  custom: readonly LabelRecord[],
): LabelDisagreement[] {
  const fromLabelInfo = labelInfoPerTenant(labelInfo);
  const result: LabelDisagreement[] = [];
  for (const [siteId, customRecord] of customPerTenant(custom)) {
    const infoRecord = fromLabelInfo.get(siteId);
    if (!infoRecord || !isActive(customRecord)) continue;
    if (!isActive(infoRecord) || infoRecord.labelId !== customRecord.labelId) {
      result.push({ siteId, labelInfo: infoRecord, custom: customRecord });
    }
  }
  return result;
}
