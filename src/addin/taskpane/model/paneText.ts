/**
 * What the pane says, in the person's language: when a saved policy was fetched, and what a failed
 * write left behind as the adapter can vouch for it. What it says about a flow's outcome (decisions,
 * protection) is in outcomeText.ts, with the flows.
 */
import type { EffectivePolicy } from "../../../core/policy/effective";
import { HostError, MissingRequirementError } from "../../hosts/types";
import type { ProtectionRefusedError } from "../../flows/protectionRefused";
import type { Strings } from "../../i18n/types";
import type { PolicyResult } from "../../services/policyClient";
import type { Notice } from "../paneState";
import { describeLabel } from "./labelTree";

export class PaneText {
  constructor(
    readonly strings: Strings,
    private readonly policy: EffectivePolicy | null,
    /** The host, as refusals name it ("Outlook", "Word", "Excel"). */
    private readonly app: string = "Office",
  ) {}

  labelName(id: string | null | undefined): string | undefined {
    return id ? describeLabel(this.policy, id).name : undefined;
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
    const detail = this.failure(error);
    // Refused before any write: nothing to say about what was left behind.
    if (isRefusal(error)) return detail;
    if (document) return this.strings.applyFailedDocument(detail);
    if (error instanceof HostError && error.notUndone.length > 0)
      return this.strings.applyFailedNotUndone(detail, error.notUndone.join(", "));
    return this.strings.applyFailed(detail);
  }

  /** An error in the person's words; a host lacking an API set is named, never Office's raw text. */
  failure(error: unknown): string {
    if (error instanceof MissingRequirementError)
      return this.strings.requirementMissing(error.app, error.set);
    if (isRefusal(error))
      return this.strings.protectionRefused({
        label: this.labelName(error.labelId) ?? error.labelId,
        app: this.app,
        message: error.message,
      });
    if (error instanceof HostError) return error.message;
    return error instanceof Error ? error.message : String(error);
  }

  /**
   * How the policy stands, when it is worth saying: a saved one in use (the service unreachable, or
   * no sign-in to refresh it), or none — with the next step that fits why.
   */
  policyNotice(loaded: PolicyResult): Notice | null {
    const signedOut = loaded.error?.kind === "no-token" || loaded.error?.kind === "unauthorized";
    if (loaded.policy) {
      if (loaded.source !== "stale-cache") return null;
      const when = this.when(loaded.fetchedAt);
      return {
        kind: "warning",
        text: signedOut ? this.strings.signedOutNotice(when) : this.strings.offlineNotice(when),
      };
    }
    const kind = loaded.error?.kind;
    const text =
      kind === "no-token"
        ? this.strings.notSignedIn
        : kind === "unauthorized"
          ? this.strings.signInRefused
          : kind === "network" || kind === "timeout"
            ? this.strings.serviceUnreachable
            : this.strings.noPolicy;
    return { kind: "error", text };
  }
}

/** Recognised by name: the class lives with the flows (the engine chunk), not in the pane's first chunk. */
function isRefusal(error: unknown): error is ProtectionRefusedError {
  return error instanceof HostError && error.name === "ProtectionRefusedError";
}
