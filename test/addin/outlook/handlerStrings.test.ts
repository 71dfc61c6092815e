/**
 * The French the Outlook event handlers carry (frDecisions, in the ES2016 bundle) is what they can
 * show: a send decision that stops or warns, an early warning, a refused change made with Outlook's
 * control. What only the pane shows lives with the pane's French (fr.ts), which keeps every reason.
 */
import type { ReasonCode } from "../../../src/core/decide/types";
import { fr } from "../../../src/addin/i18n/fr";
import { frDecisions } from "../../../src/addin/i18n/frDecisions";

/**
 * Who puts each reason into words. A Record over ReasonCode, so a reason added to core does not
 * compile here until someone decides whether the event handlers can show it.
 * "handlers": decideSend's blocks and warnings, decideSendWithoutPolicy's block, decideOutsideChange's
 * refusals. "pane": outcomes the handlers never put into words (allowed, applied, or ruled out before
 * they decide). "silent": outcomes neither says in words.
 */
const WHO_SAYS: Record<ReasonCode, "handlers" | "pane" | "silent"> = {
  "mandatory-label-missing": "handlers",
  "recommended-label": "handlers",
  "attachment-label-higher": "handlers",
  "recipient-rule-warn": "handlers",
  "recipient-rule-justify": "handlers",
  "recipient-rule-block": "handlers",
  "no-policy-block": "handlers",
  "unknown-label": "handlers",
  "label-not-in-policy": "handlers",
  "parent-not-appliable": "handlers",
  "inactive-label": "handlers",
  "not-applicable-to-item": "handlers",
  "justification-required": "handlers",
  "downgrade-prevented": "handlers",
  "removal-not-allowed-mandatory": "handlers",
  "labeling-not-available": "pane",
  "justification-text-required": "pane",
  "justification-invalid": "pane",
  "manual-label-kept": "pane",
  unchanged: "pane",
  "default-label": "pane",
  "original-label-inherited": "pane",
  "no-default-label": "pane",
  "already-labeled": "pane",
  "automatic-label": "pane",
  "no-policy-allow": "pane",
  ok: "pane",
  allowed: "silent",
  upgrade: "silent",
  justified: "silent",
  "attachment-label-inherited": "silent",
  "office-keeps-label": "pane",
  "office-label-unknown": "pane",
};

const reasonsSaidBy = (who: "handlers" | "pane"): ReasonCode[] =>
  (Object.keys(WHO_SAYS) as ReasonCode[]).filter((reason) => WHO_SAYS[reason] === who);
const SHOWN_BY_HANDLERS = reasonsSaidBy("handlers");
const PANE_ONLY = reasonsSaidBy("pane");

describe("French decision messages", () => {
  it("the event handlers carry every message they can show, and no other", () => {
    expect(Object.keys(frDecisions.reasons).sort()).toEqual([...SHOWN_BY_HANDLERS].sort());
  });

  it("the pane's French still says every one of them, and the pane-only ones", () => {
    for (const reason of [...SHOWN_BY_HANDLERS, ...PANE_ONLY]) {
      const text = fr.reasons[reason]?.({ label: "Confidentiel" });
      expect([reason, typeof text]).toEqual([reason, "string"]);
    }
    expect(fr.reasons["default-label"]?.({ label: "Général" })).toBe(
      "Étiquette « Général » appliquée par défaut.",
    );
  });
});
