import { enDecisions } from "./enDecisions";
import type { Strings } from "./types";

export const en: Strings = {
  ...enDecisions,
  title: "Sensitivity",
  loading: "Loading labels…",
  currentLabel: "Current label",
  noLabel: "No label",
  labelsHeading: "Labels",
  applyLabelAria: (label) => `Apply the label ${label}`,
  applied: "Applied",
  chooseSublabel: "Choose one of its sublabels",
  learnMore: "Learn more",
  reportIssue: "Report an issue",
  mandatoryBanner: "Your organisation requires a sensitivity label on this mail. Choose one before sending.",
  mandatoryBannerDocument:
    "Your organisation requires a sensitivity label on this document. Office has no event before a save, so nothing stops this document from being saved without one: choose the label here. This pane opens with the document until it is labeled, and the scanner enforces labels on saved files.",
  recommendationTitle: "Recommended label",
  acceptRecommendation: (label) => `Apply ${label}`,
  dismiss: "Dismiss",
  justificationTitle: "Justify this change",
  justificationIntro: (from, to) =>
    `Your organisation asks why you are lowering or removing the label "${from}"${to ? ` (to "${to}")` : ""}.`,
  justificationOtherLabel: "Explain why",
  justificationOtherRequired: 'Explain why in the text box when you choose "Other".',
  justificationPickReason: "Choose a reason.",
  cancel: "Cancel",
  confirmChange: "Change label",
  readModeHeading: "Label of this mail",
  readModeNone: "This mail carries no label from your organisation.",
  otherMarkings: "Other markings",
  otherTenantLabel: "Label from another organisation",
  otherTenantKept: "Kept as it is: only your organisation's label is changed here.",
  mappedFrom: (source, original) => `Mapped from ${source} "${original}"`,
  partnerLabelSource: "a partner organisation's label",
  officeKeepsLabel:
    "Office keeps this document's label in its own label record (LabelInfo), which only Office can change: use Office's Sensitivity button to change it.",
  officeLabelUnread: (why) =>
    `Labelbridge cannot read where Office keeps labels in this document (${why}), so it applies no label by itself: Office may have labeled it. A label you choose here is written as document properties, which Office ignores if it keeps a label of its own.`,
  unreadReasons: {
    "not-supported": "this version of Office does not give add-ins the document's file",
    "too-large": "the document is too large to read",
    "timed-out": "reading the document took too long",
    failed: "reading the document failed",
  },
  offlineNotice: (when) => `The labeling service cannot be reached. Using the policy saved ${when}.`,
  signedOutNotice: (when) =>
    `You are not signed in to Labelbridge: using the policy saved ${when}. Sign in to Office, or paste a development token in Settings below.`,
  noPolicy: "The labeling policy could not be loaded.",
  notSignedIn:
    "You are not signed in to Labelbridge, so your organisation's labels could not be loaded. Sign in to Office, or paste a development token in Settings below.",
  signInRefused:
    "The labeling service did not accept your sign-in. Sign in to Office again, or paste a new development token in Settings below.",
  serviceUnreachable:
    "The labeling service cannot be reached and no saved policy is available. Check the connection, then try again.",
  requirementMissing: (app, set) =>
    `Labelbridge needs ${set}, which this version of ${app} does not offer, to read and write labels. Update Office, or open the file in ${app} on the web.`,
  retry: "Try again",
  applyFailed: (detail) => `The label could not be applied (${detail}). The mail was left as it was.`,
  applyFailedNotUndone: (detail, calls) =>
    `The label could not be applied (${detail}), and not everything already written could be undone (${calls}): check the mail's subject, body and label before sending.`,
  applyFailedDocument: (detail) =>
    `The label could not be applied (${detail}). Office makes the change as one batch — the markings, then the label properties — and stops at a failing step without undoing the steps before it, so some markings may already have changed. Choose the label again to finish.`,
  readFailed: (detail) => `The label could not be read (${detail}); nothing was changed.`,
  labelApplied: (label) => `The label "${label}" was applied.`,
  labelRemoved: "The label was removed.",
  outsideOffice: "Open Labelbridge from Outlook, Word, Excel or PowerPoint.",
  settings: "Settings",
  devTokenLabel: "Development token",
  devTokenHint: "Paste the token printed by `labelbridge token`.",
  save: "Save",
  clear: "Clear",
  tokenSaved: "Token saved.",
  tokenInvalid: "That does not look like a token.",
  auditPending: (n) => `${n} audit record${n === 1 ? "" : "s"} waiting to be sent`,
  nativeAlsoSet: "Outlook's own sensitivity label was set too.",
  readOnlyCapability: "This mail is open for reading: its label cannot be changed here.",
  removeLabel: "Remove label",
  labelChangedOutside: (label) => `The label "${label}" was chosen with Outlook's Sensitivity button.`,
  recipientJustificationIntro:
    "This mail goes to people outside your organisation and its label asks for a reason. Why are you sending it?",
  recipientJustified: "Reason saved. You can send the mail now.",
  protectionRefused: ({ message }) => `${message}.`,
  protectionNotice: {
    purview: (label) =>
      `"${label}" is Outlook's own sensitivity label on this mail: Microsoft Purview encrypts it.`,
    "labelbridge-file": (label) =>
      `"${label}" protects files, but not here: the label is saved in the file, and the file is encrypted when the Labelbridge scanner (scan --mode enforce) or "labelbridge label" runs on the saved file with the Labelbridge server. Until then it is not encrypted.`,
    "labelbridge-mail": (label) =>
      `"${label}" protects files, not mail: Labelbridge does not encrypt this message.`,
  },
};
