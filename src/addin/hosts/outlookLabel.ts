/**
 * Reading a mail's label: our x-headers (msip_labels, X-Protective-Marking) and Outlook's own label
 * on a mail being written; the internet headers of a received mail, through the reader the task
 * pane passes in (hosts/outlookRead.ts), so the event handlers do not carry read mode's parsers.
 */
import type { LabelState } from "../../core/decide/labelState";
import { decodeMsipLabelsHeader, MSIP_LABELS_HEADER, type LabelRecord } from "../../core/metadata";
import type { MarkingProfile } from "../../core/policy/model";
import type { OutlookItem } from "./outlookItem";
import type { OutlookNativeLabels } from "./outlookNative";
import { recordStore } from "./outlookRecord";
import { HostError } from "./types";

export const PROTECTIVE_MARKING_HEADER = "X-Protective-Marking";

/** Reads a received mail's label from its internet headers (`readReceivedLabel`). */
export type ReceivedLabelReader = (
  rawHeaders: string,
  subject: string,
  siteId: string,
  markingProfile?: MarkingProfile,
) => LabelState;

export function headerValue(headers: Record<string, string>, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === wanted) return headers[key] ?? null;
  return null;
}

/** Our record on a mail being written (x-headers from Mailbox 1.8; a meeting's custom properties). */
export function ourHeaders(
  mail: OutlookItem,
  names: string[] = [MSIP_LABELS_HEADER, PROTECTIVE_MARKING_HEADER],
): Promise<Record<string, string>> {
  const store = recordStore(mail);
  return store ? store.get(names) : Promise.resolve({});
}

export async function readMailLabel(
  mail: OutlookItem,
  native: OutlookNativeLabels,
  siteId: string,
  received?: ReceivedLabelReader,
  markingProfile?: MarkingProfile,
): Promise<LabelState> {
  const site = siteId.toLowerCase();
  if (mail.mode === "read") {
    const item = mail.item as Office.MessageRead;
    if (!received) throw new HostError("readLabel", "This runtime cannot read a received mail's label.");
    // Before Mailbox 1.8 (and on Outlook mobile) a received mail's headers cannot be read: what the
    // subject shows (a protective marking) is all there is.
    const raw = mail.supports("1.8")
      ? await mail.call<string>("getAllInternetHeadersAsync", (cb) => item.getAllInternetHeadersAsync(cb))
      : "";
    // A copy without the reader's problems (not the object rest syntax: its helper would be the
    // Outlook event bundle's only use of tslib's __rest).
    const state: LabelState & { problems?: string[] } = {
      ...received(raw ?? "", item.subject ?? "", site, markingProfile),
    };
    delete state.problems;
    return state;
  }
  const [headers, nativeLabel] = await Promise.all([ourHeaders(mail), native.label()]);
  let records: LabelRecord[] = [];
  const msip = headerValue(headers, MSIP_LABELS_HEADER);
  if (msip) {
    try {
      records = decodeMsipLabelsHeader(msip);
    } catch {
      records = []; // a malformed header of ours reads as unlabeled; the next apply rewrites it
    }
  }
  const ours = records.find((r) => r.siteId === site && r.enabled) ?? null;
  const marking = headerValue(headers, PROTECTIVE_MARKING_HEADER);
  return {
    current: ours ? { labelId: ours.labelId, method: ours.method } : null,
    records,
    source: ours ? "msip_labels" : "none",
    native: nativeLabel,
    otherMarkings: marking ? [{ kind: PROTECTIVE_MARKING_HEADER, text: marking }] : [],
  };
}
