/**
 * What the pane says, in the person's language: decisions with the labels named, when a saved
 * policy was fetched, and what a failed write left behind as the adapter can vouch for it.
 */
import type { ReasonCode } from "../../../core/decide/types";
import type { EffectivePolicy } from "../../../core/policy/effective";
import { HostError } from "../../hosts/types";
import { decisionText } from "../../i18n/text";
import type { Strings } from "../../i18n/types";
import { describeLabel } from "./labelTree";

export class PaneText {
  constructor(
    readonly strings: Strings,
    private readonly policy: EffectivePolicy | null,
  ) {}

  labelName(id: string | null | undefined): string | undefined {
    return id ? describeLabel(this.policy, id).name : undefined;
  }

  decision(reason: ReasonCode, message: string, labelId?: string | null, from?: string | null): string {
    return decisionText(this.strings, reason, message, {
      label: this.labelName(labelId),
      from: this.labelName(from),
    });
  }

  when(at: number | null): string {
    if (at === null) return "";
    const d = new Date(at);
    const locale = this.strings.locale;
    return `${d.toLocaleDateString(locale)} ${d.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" })}`;
  }

  /**
   * What a failed write left behind: Outlook undoes its writes (and names those it could not);
   * Word and Excel stop their one batch at the failing step.
   */
  applyFailure(error: unknown, document: boolean): string {
    const detail = failure(error);
    if (document) return this.strings.applyFailedDocument(detail);
    if (error instanceof HostError && error.notUndone.length > 0)
      return this.strings.applyFailedNotUndone(detail, error.notUndone.join(", "));
    return this.strings.applyFailed(detail);
  }
}

export function failure(error: unknown): string {
  if (error instanceof HostError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
