/**
 * What the pane says about a flow's outcome: the decision with its labels named, and the label's
 * protection. Only outcomes need it, so it loads with the flows (the engine chunk), not with the
 * pane's first chunk.
 */
import type { ProtectionNotice } from "../../../core/decide/addinProtection";
import type { ReasonCode } from "../../../core/decide/types";
import { decisionText } from "../../i18n/text";
import type { Notice } from "../paneState";
import { PaneText } from "./paneText";

export class OutcomeText extends PaneText {
  decision(reason: ReasonCode, message: string, labelId?: string | null, from?: string | null): string {
    return decisionText(this.strings, reason, message, {
      label: this.labelName(labelId),
      from: this.labelName(from),
    });
  }

  /** What the person must be told about an applied label's protection, if anything. */
  protection(notice: ProtectionNotice | null | undefined, labelId: string | null): Notice | null {
    if (!notice || labelId === null) return null;
    const text = this.strings.protectionNotice[notice](this.labelName(labelId) ?? labelId);
    // Not encrypted (yet): said as a warning, so nobody takes the label for protection it lacks.
    return { kind: notice === "purview" ? "info" : "warning", text };
  }

  /** A notice with what the person must know about the label's protection after it. */
  withProtection(notice: Notice, protection: ProtectionNotice | null, labelId: string | null): Notice {
    const p = this.protection(protection, labelId);
    return p ? { kind: p.kind, text: `${notice.text} ${p.text}` } : notice;
  }
}
