/**
 * What the task pane and the event handlers both need to know about a mail before deciding: the
 * label it really carries, and whether a change made outside Labelbridge (Outlook's own Sensitivity
 * control) is waiting to be checked. One function, so no path can skip that check.
 */
import type { CurrentLabel, DecisionContext } from "../../core/decide/types";
import type { EffectivePolicy } from "../../core/policy/effective";
import type { HostItemInfo, LabelState } from "../hosts/types";

export interface ReconciledLabel {
  /** The label the mail carries now (Outlook's own label wins when it is one of the tenant's). */
  current: CurrentLabel | null;
  /** Our record (the msip_labels header) before any outside change. */
  recorded: CurrentLabel | null;
  /** A label set with Outlook's control that our record does not reflect yet. */
  outside: { from: string | null; to: string } | null;
}

export function reconcileLabel(state: LabelState, policy: EffectivePolicy): ReconciledLabel {
  const recorded = state.current;
  const native = state.native ?? null;
  // A native label from another taxonomy (not in this tenant's catalog) is not ours to judge.
  if (native === null || !policy.catalog.some((l) => l.id === native))
    return { current: recorded, recorded, outside: null };
  if (recorded?.labelId === native) return { current: recorded, recorded, outside: null };
  return {
    current: { labelId: native, method: null },
    recorded,
    outside: { from: recorded?.labelId ?? null, to: native },
  };
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `${Event.DateTime}`: local date and time, the same on every runtime (toLocaleString is not). */
export function localDateTime(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function decisionContext(info: HostItemInfo, now: Date, newId: () => string): DecisionContext {
  return {
    app: "Outlook",
    now,
    newId,
    user: info.user,
    item: { name: info.name, location: info.location },
    localDateTime: localDateTime(now),
    sender: info.sender,
  };
}
