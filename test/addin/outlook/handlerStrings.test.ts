/**
 * The French the Outlook event handlers carry (frDecisions, in the ES2016 bundle) is what they can
 * show: a send decision that stops or warns, an early warning, a refused change made with Outlook's
 * control. What only the pane shows lives with the pane's French (fr.ts), which keeps every reason.
 */
import type { ReasonCode } from "../../../src/core/decide/types";
import { fr } from "../../../src/addin/i18n/fr";
import { frDecisions } from "../../../src/addin/i18n/frDecisions";

/** decideSend's blocks and warnings, decideSendWithoutPolicy's block, and decideOutsideChange's refusals. */
const SHOWN_BY_HANDLERS: ReasonCode[] = [
  "mandatory-label-missing",
  "recommended-label",
  "attachment-label-higher",
  "recipient-rule-warn",
  "recipient-rule-justify",
  "recipient-rule-block",
  "no-policy-block",
  "unknown-label",
  "label-not-in-policy",
  "parent-not-appliable",
  "inactive-label",
  "not-applicable-to-item",
  "justification-required",
  "downgrade-prevented",
  "removal-not-allowed-mandatory",
];

/** Outcomes the handlers never put into words: allowed, applied, or ruled out before they decide. */
const PANE_ONLY: ReasonCode[] = [
  "labeling-not-available",
  "justification-text-required",
  "justification-invalid",
  "manual-label-kept",
  "unchanged",
  "default-label",
  "original-label-inherited",
  "no-default-label",
  "already-labeled",
  "automatic-label",
  "no-policy-allow",
  "ok",
];

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
