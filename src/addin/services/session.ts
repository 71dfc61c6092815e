/**
 * Per-item state the task pane and the Outlook event handlers share through item session data
 * (Mailbox 1.11): what send needs and what the person already said.
 */
export const SESSION = {
  /** Attachments with the labels read from their bytes: [{ id, name, size, labelId }]. */
  attachments: "lb.attachments",
  /** Recipients as of the last recipients-changed event. */
  recipients: "lb.recipients",
  /** A recommended label the person dismissed for this mail (do not ask again at send). */
  dismissed: "lb.dismissed",
  /** Justification given in the pane for a recipient rule: { reason, text? }. */
  recipientJustification: "lb.recipientJustification",
  /** Body marking queued for send, to restore it if a later apply fails. */
  bodyMarking: "lb.bodyMarking",
} as const;
