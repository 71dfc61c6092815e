/**
 * The labeling flows, the decision engine and the detectors behind them, as the pane uses them.
 * Loaded as its own chunk, started when the pane starts (in parallel with the policy), so the
 * label list does not wait for it.
 */
export { chooseLabel } from "../flows/choose";
export { keepPaneWithUnlabeled, openDocument } from "../flows/documentOpen";
export { labelOnOpen } from "../flows/open";
export { revertOutsideChange, settleOutsideChange } from "../flows/outsideChange";
export { checkRecommendation, dismissRecommendation } from "../flows/recommend";
export { giveRecipientJustification } from "../flows/composeChanged";
