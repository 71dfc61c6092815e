/**
 * The add-in's user-facing text. Decision messages are keyed by the engine's reason codes, so a
 * language can translate them with the label names as parameters; English falls back to the
 * engine's own (English) message.
 */
import type { ReasonCode } from "../../core/decide/types";
import type { ProtectionNotice } from "../../core/decide/addinProtection";
import type { HostWarning } from "../hosts/types";

export interface MessageParams {
  /** Full display name of the label the message is about ("Confidential \ All Employees"). */
  label?: string;
  /** The label before the change. */
  from?: string;
  /** Recipients outside the organisation, already joined. */
  who?: string;
  /** Free text from the policy (policy tip, rule message) shown as is. */
  text?: string;
}

/**
 * What the event handlers say (Smart Alerts, notifications): decision messages and the send
 * dialog's help and button. Its own modules (enDecisions.ts, frDecisions.ts), so the event bundle
 * carries these and not the task pane's text.
 */
export interface DecisionStrings {
  locale: string;
  /** Smart Alerts button that opens the pane (≤ 20 characters). */
  chooseLabelButton: string;
  sendHelpMarkdown: string;
  reasons: Partial<Record<ReasonCode, (p: MessageParams) => string>>;
}

/** One sentence per adapter warning code, given that warning's parameters (warnings.ts). */
export type WarningStrings = {
  [C in HostWarning["code"]]: (w: Extract<HostWarning, { code: C }>) => string;
};

export interface Strings extends DecisionStrings {
  title: string;
  loading: string;
  currentLabel: string;
  noLabel: string;
  labelsHeading: string;
  applyLabelAria: (label: string) => string;
  applied: string;
  chooseSublabel: string;
  learnMore: string;
  reportIssue: string;
  mandatoryBanner: string;
  /** Word and Excel: no before-save event, so the pane (not a save check) is where labeling happens. */
  mandatoryBannerDocument: string;
  recommendationTitle: string;
  acceptRecommendation: (label: string) => string;
  dismiss: string;
  justificationTitle: string;
  justificationIntro: (from: string, to: string) => string;
  justificationOtherLabel: string;
  justificationOtherRequired: string;
  justificationPickReason: string;
  cancel: string;
  confirmChange: string;
  readModeHeading: string;
  readModeNone: string;
  otherMarkings: string;
  otherTenantLabel: string;
  /** Under another organisation's labels in a document: we keep them, never change them. */
  otherTenantKept: string;
  /** The label comes from a label mapping: `source` is the mapping's name (or what it read), `original` what the item carries. */
  mappedFrom: (source: string, original: string) => string;
  /** A partner organisation's label, named in `mappedFrom` when the mapping has no name. */
  partnerLabelSource: string;
  /** Documents: our label (or its removal) is in LabelInfo, which only Office changes. */
  officeKeepsLabel: string;
  /** Documents: LabelInfo could not be read (`why`: unreadReasons), so a label Office applied is unknown. */
  officeLabelUnread: (why: string) => string;
  unreadReasons: Record<"not-supported" | "too-large" | "timed-out" | "failed", string>;
  offlineNotice: (when: string) => string;
  /** Working from a saved policy because there is no sign-in token to refresh it. */
  signedOutNotice: (when: string) => string;
  /** No policy: the backend answered something that is not a policy (or an error of its own). */
  noPolicy: string;
  /** No policy: no sign-in token at all (no SSO, no development token). */
  notSignedIn: string;
  /** No policy: the backend refused the token (401/403). */
  signInRefused: string;
  /** No policy: the backend could not be reached, and nothing is saved. */
  serviceUnreachable: string;
  /** The host lacks a requirement set the add-in needs, e.g. ("Word", "WordApi 1.3"). */
  requirementMissing: (app: string, set: string) => string;
  retry: string;
  /** Mail: the Outlook adapter undid what it had written. */
  applyFailed: (detail: string) => string;
  /** Mail: some writes could not be undone (`calls`, joined). */
  applyFailedNotUndone: (detail: string, calls: string) => string;
  /** Word and Excel: one Office batch, stopped at the failing step, nothing undone (documentHost.ts). */
  applyFailedDocument: (detail: string) => string;
  /** The label could not be read before a change: nothing was written. */
  readFailed: (detail: string) => string;
  /** After a label change was written. */
  labelApplied: (label: string) => string;
  labelRemoved: string;
  outsideOffice: string;
  settings: string;
  devTokenLabel: string;
  devTokenHint: string;
  save: string;
  clear: string;
  tokenSaved: string;
  tokenInvalid: string;
  auditPending: (n: number) => string;
  nativeAlsoSet: string;
  readOnlyCapability: string;
  removeLabel: string;
  labelChangedOutside: (label: string) => string;
  recipientJustificationIntro: string;
  recipientJustified: string;
  /** A protecting label this host cannot really apply (decideAddinProtection); `message` is core's, in English. */
  protectionRefused: (p: { label: string; app: string; message: string }) => string;
  /** What the person is told about an applied label's protection, one sentence per notice. */
  protectionNotice: Record<ProtectionNotice, (label: string) => string>;
}
