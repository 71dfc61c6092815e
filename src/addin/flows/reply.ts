/**
 * Moment: a reply or forward is opened for writing — by OnNewMessageCompose, or the task pane on a
 * mail the event did not reach. It carries the higher of the original's label and the default
 * (method Standard, audited as inherited), on the header path as Outlook's own labeling does on
 * the native one. What the original shows is kept in session data, so send knows the open decided;
 * where no open did, send looks itself (originalLabelForSend).
 */
import { decideInheritedLabel, labelsShownByOriginal } from "../../core/decide/inherit";
import type { DefaultLabelDecision } from "../../core/decide/types";
import type { EffectivePolicy } from "../../core/policy/effective";
import type { ItemHost } from "../hosts/types";
import type { FlowDeps, ReadLabel } from "./deps";
import { applyAndRecord, type ProtectedApplyResult } from "./protect";

/** Enough of a body for the quoted original's markings; the new text is empty when a reply opens. */
export const ORIGINAL_TEXT_LIMIT = 64 * 1024;

export interface InheritOutcome {
  decision: DefaultLabelDecision;
  result: ProtectedApplyResult | null;
}

/** What the original shows of its label, or undefined when the mail answers or forwards none. */
async function shownByOriginal(host: ItemHost, policy: EffectivePolicy): Promise<string | null | undefined> {
  const origin = host.composeOrigin ? await host.composeOrigin(ORIGINAL_TEXT_LIMIT).catch(() => null) : null;
  if (!origin) return undefined;
  return labelsShownByOriginal(policy, origin)[0] || null;
}

/** Null when the mail is no reply or forward (the default applies as for a new mail). */
export async function inheritOnOpen(d: FlowDeps, label: ReadLabel): Promise<InheritOutcome | null> {
  if (label.current !== null || label.outside) return null;
  const shown = await shownByOriginal(d.host, d.policy);
  if (shown === undefined) return null;
  if (d.host.recordOriginal)
    await d.host.recordOriginal({ labelId: shown }).catch((e: unknown) => d.report && d.report("session", e));
  const decision = decideInheritedLabel(d.policy, { kind: d.kind, current: null }, shown, d.ctx);
  const result = decision.outcome === "apply" ? await applyAndRecord(d, decision.plan, "auto") : null;
  return { decision, result };
}

/**
 * At send: the original's label where no open moment looked (the event did not run, no pane was
 * opened); null where one did — what the person changed since was judged when they changed it.
 */
export async function originalLabelForSend(host: ItemHost, policy: EffectivePolicy): Promise<string | null> {
  if (!host.recordedOriginal) return null;
  if ((await host.recordedOriginal().catch(() => null)) !== null) return null;
  return (await shownByOriginal(host, policy)) || null;
}
