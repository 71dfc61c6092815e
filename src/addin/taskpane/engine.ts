/**
 * The decision engine and the detectors, as the pane uses them. Loaded as its own chunk, started
 * when the pane starts (in parallel with the policy), so the label list does not wait for it.
 * `openDocument` is here because it decides (the default label) with the same engine.
 */
export { decideDefaultLabel } from "../../core/decide/defaultLabel";
export { decideLabelChange } from "../../core/decide/labelChange";
export { eventAuditEvent } from "../../core/decide/plan";
export { decideRecommendation } from "../../core/decide/recommend";
export { detectSensitiveInfo } from "../../core/detect/detect";
export { openDocument } from "../services/documentOpen";
