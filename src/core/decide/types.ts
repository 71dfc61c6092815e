/**
 * Inputs and outputs of the decision engine. Every decision carries a machine-readable reason (for
 * audit, tests and localisation) and a human message (English; the UI may translate by reason).
 */
import type { ActionSource, AuditEvent, AuditApp } from "../audit";
import type { NzMarking, ProtectiveMarking, ResolvedMarking } from "../marking";
import type { Detection } from "../detect";
import type { LabelStorage } from "../policy/model";

export type ItemKind = "email" | "file";
export type AssignmentMethod = "Standard" | "Privileged";
export type OfficeHostApp = "Word" | "Excel" | "PowerPoint" | "Outlook";

/** Our tenant's label on the item as a host adapter read it. */
export interface CurrentLabel {
  labelId: string;
  /** null when the metadata did not say (old AIP keys without `_Method`). */
  method: AssignmentMethod | null;
}

export interface ItemState {
  kind: ItemKind;
  current: CurrentLabel | null;
}

export interface Justification {
  /** One of the policy's reasons, or the policy's "Other" text. */
  reason: string;
  /** Free text; required when the reason is "Other". */
  text?: string;
}

/** Everything a decision needs from the world, passed in so the engine stays pure and testable. */
export interface DecisionContext {
  app: OfficeHostApp | "Scanner";
  now: Date;
  /** A fresh id (GUID) — for ActionId and audit event ids. */
  newId: () => string;
  user: { name: string; principalName: string };
  item: { name: string; location: string };
  /** Local date/time text for `${Event.DateTime}`; defaults to an ISO rendering of `now`. */
  localDateTime?: string;
  /** Sender address for the EPMS `ORIGIN=` field. */
  sender?: string;
}

export type ReasonCode =
  | "labeling-not-available"
  | "unknown-label"
  | "label-not-in-policy"
  | "parent-not-appliable"
  | "inactive-label"
  | "not-applicable-to-item"
  | "unchanged"
  | "allowed"
  | "upgrade"
  | "justification-required"
  | "justification-text-required"
  | "justification-invalid"
  | "justified"
  | "downgrade-prevented"
  | "removal-not-allowed-mandatory"
  | "manual-label-kept"
  | "default-label"
  | "original-label-inherited"
  | "no-default-label"
  | "already-labeled"
  | "mandatory-label-missing"
  | "recommended-label"
  | "automatic-label"
  | "attachment-label-higher"
  | "attachment-label-inherited"
  | "recipient-rule-warn"
  | "recipient-rule-justify"
  | "recipient-rule-block"
  | "no-policy-allow"
  | "no-policy-block"
  | "office-keeps-label"
  | "office-label-unknown"
  | "ok";

/** The actions that applying (or removing) a label implies on a host; the adapter executes them. */
export interface LabelPlan {
  labelId: string | null;
  previousLabelId: string | null;
  /** Our tenant (the policy's siteId): the label records a host replaces or removes are this tenant's. */
  siteId: string;
  /** Where the tenant keeps document labels; a host that cannot write LabelInfo says so. */
  labelStorage: LabelStorage;
  method: AssignmentMethod;
  /** Metadata for our tenant; null removes our tenant's label. */
  metadata: {
    labelId: string;
    siteId: string;
    method: AssignmentMethod;
    name: string;
    contentBits: number;
    setDate: string;
    actionId: string;
  } | null;
  /** Markings to write (already resolved for this app); empty when marking is off or the label has none. */
  marking: ResolvedMarking;
  /** Mail only: `msip_labels`-compatible header value (null = remove ours), and other x-headers. */
  mailHeaders?: { set: Record<string, string>; remove: string[] };
  /** Mail with the au-epms profile: the subject marking to put in place (null strips it). */
  subjectMarking?: ProtectiveMarking | null;
  /** Mail with the nz-gov profile: the NZ subject marking `[SEC=…]` to put in place (null strips it). */
  nzSubjectMarking?: NzMarking | null;
  downgrade: boolean;
  justification: Justification | null;
  audit: AuditEvent;
  /**
   * Documents: other tools' header/footer marks the write removes along with the previous label's
   * (policy settings.externalMarkingRemoval); Office's own label marks are always removed.
   */
  markingRemoval?: { wordShapeNames: string[]; textPatterns: string[] };
}

export type LabelChangeDecision =
  | { outcome: "allow"; reason: ReasonCode; message: string; plan: LabelPlan }
  | {
      outcome: "justify";
      reason: ReasonCode;
      message: string;
      /** What the dialog offers: the policy's reasons plus "Other" (which needs text). */
      reasons: string[];
      otherReason: string;
    }
  | { outcome: "block"; reason: ReasonCode; message: string }
  | { outcome: "none"; reason: ReasonCode; message: string };

export type DefaultLabelDecision =
  | { outcome: "apply"; reason: ReasonCode; message: string; plan: LabelPlan }
  | { outcome: "none"; reason: ReasonCode; message: string };

export interface Recommendation {
  labelId: string;
  mode: "recommend" | "automatic";
  /** The condition that chose the label: which type, how many, at what confidence. */
  condition: {
    sitId: string;
    sitName: string;
    count: number;
    confidence: number;
    minCount: number;
    minConfidence: number;
  };
  policyTip: string;
}

export type RecommendationDecision =
  | { outcome: "recommend"; reason: ReasonCode; message: string; recommendation: Recommendation }
  | { outcome: "apply"; reason: ReasonCode; message: string; recommendation: Recommendation; plan: LabelPlan }
  | { outcome: "none"; reason: ReasonCode; message: string };

export interface AttachmentInfo {
  name: string;
  /** Our tenant's label on the attachment, when the adapter could read it. */
  labelId: string | null;
}

export interface MailSendState extends ItemState {
  kind: "email";
  recipients: string[];
  attachments: AttachmentInfo[];
  /** Sensitive information found in subject + body (the handler may pass a precomputed result). */
  detections?: Detection[];
  /** The person dismissed the recommendation for this label already (do not nag again). */
  dismissedRecommendation?: string | null;
  /** Justification already given for a recipient rule in the task pane. */
  recipientJustification?: Justification | null;
  /** A reply or forward no open moment labeled: the label the original shows (decide/inherit.ts). */
  originalLabelId?: string | null;
}

export interface SendFinding {
  reason: ReasonCode;
  message: string;
  /** Where the task pane should open to fix it. */
  fix?: "label-picker" | "justification" | "recommendation";
  labelId?: string | null;
}

export type SendDecision =
  | {
      outcome: "allow";
      reason: ReasonCode;
      message: string;
      findings: SendFinding[];
      plan?: LabelPlan;
      audit: AuditEvent[];
    }
  | {
      /** Block = the person must fix it; warn = they may send anyway (PromptUser). */
      outcome: "block" | "warn";
      reason: ReasonCode;
      message: string;
      findings: SendFinding[];
      fix?: SendFinding["fix"];
      audit: AuditEvent[];
    };

export interface ActionOptions {
  actionSource: ActionSource;
  justification?: Justification | null;
  app?: AuditApp;
}
