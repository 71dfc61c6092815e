/**
 * The deployment roadmap as behaviour: a policy states its phase and the phase decides which of its
 * settings are live (docs/rollout.md).
 */
import type { Phase } from "./model";

export interface PhaseFeatures {
  /** People see the labels and may apply them. */
  manualLabeling: boolean;
  /** Default labels, justification on downgrade, mandatory labeling, prevented downgrades. */
  enforcement: boolean;
  /** Header/footer/watermark/subject markings are written when a label is applied. */
  contentMarking: boolean;
  /** Recommended and automatic labeling from detected sensitive information; attachment inheritance. */
  autoLabeling: boolean;
  /** Recipient rules at send. */
  recipientRules: boolean;
  /** The scanner may write labels into files at rest. */
  scannerEnforce: boolean;
}

/** Nothing is live yet: labels are planned, not shown. */
const NOTHING_LIVE: PhaseFeatures = {
  manualLabeling: false,
  enforcement: false,
  contentMarking: false,
  autoLabeling: false,
  recipientRules: false,
  scannerEnforce: false,
};

/** Everything but the scanner's writes: people and the add-in work under the full policy. */
const ADVANCE: PhaseFeatures = {
  manualLabeling: true,
  enforcement: true,
  contentMarking: true,
  autoLabeling: true,
  recipientRules: true,
  scannerEnforce: false,
};

const FEATURES: Record<Phase, PhaseFeatures> = {
  discover: NOTHING_LIVE,
  define: NOTHING_LIVE,
  deploy: { ...NOTHING_LIVE, manualLabeling: true },
  advance: ADVANCE,
  enforce: { ...ADVANCE, scannerEnforce: true },
};

export function phaseFeatures(phase: Phase): PhaseFeatures {
  return { ...FEATURES[phase] };
}

export const PHASE_ORDER: readonly Phase[] = ["discover", "define", "deploy", "advance", "enforce"];

export function phaseRank(phase: Phase): number {
  return PHASE_ORDER.indexOf(phase);
}
