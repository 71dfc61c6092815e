/**
 * The labeling flows, the decision engine and the detectors behind them, as the pane uses them.
 * Loaded as its own chunk, started when the pane starts (in parallel with the policy), so the
 * label list does not wait for it.
 */
import { checkRecommendation as checkWithLoadedTypes } from "../flows/recommend";
import { customInfoTypesReady } from "./customInfoTypes";

export { chooseLabel } from "../flows/choose";
export { keepPaneWithUnlabeled, openDocument } from "../flows/documentOpen";
export { labelOnOpen } from "../flows/open";
export { revertOutsideChange, settleOutsideChange } from "../flows/outsideChange";
export { dismissRecommendation } from "../flows/recommend";
export { giveRecipientJustification } from "../flows/composeChanged";
// What the pane makes of the flows' outcomes (notices, the dialog, the recommendation).
export { PaneFlows } from "./paneFlows";
// What a justification dialog asks and checks: shown only once a flow asks for a justification.
export { justificationError, labelJustification, recipientJustification } from "./model/justification";

/**
 * The recommendation check, with the custom-type engine loaded first when the policy has custom
 * types. If it cannot load, the built-in types are still checked and the custom ones reported
 * (the outcome's unsupportedTypes), never skipped in silence.
 */
export async function checkRecommendation(
  ...args: Parameters<typeof checkWithLoadedTypes>
): ReturnType<typeof checkWithLoadedTypes> {
  const [d] = args;
  await customInfoTypesReady(d.policy).catch((error: unknown) =>
    d.report?.("custom information types", error),
  );
  return checkWithLoadedTypes(...args);
}
