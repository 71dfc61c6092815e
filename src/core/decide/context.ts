/**
 * The decision context of an item a host adapter describes: the app decides `${If.App…}` blocks,
 * whether a watermark is written and the audit event's `app`; the item and person fill the
 * marking variables; the sender fills the EPMS `ORIGIN=` field.
 */
import type { DecisionContext, OfficeHostApp } from "./types";

/** What a host adapter tells about the item (its HostItemInfo). */
export interface ItemFacts {
  /** Mail subject or file name. */
  name: string;
  /** Path + file name, or the subject for mail. */
  location: string;
  user: { name: string; principalName: string };
  sender?: string;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `${Event.DateTime}`: local date and time, the same on every runtime (toLocaleString is not). */
export function localDateTime(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function itemDecisionContext(
  app: OfficeHostApp,
  item: ItemFacts,
  now: Date,
  newId: () => string,
): DecisionContext {
  return {
    app,
    now,
    newId,
    user: item.user,
    item: { name: item.name, location: item.location },
    localDateTime: localDateTime(now),
    sender: item.sender,
  };
}
