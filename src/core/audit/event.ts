/**
 * Audit events: what every client reports and the backend stores. Names follow Purview's activity
 * explorer (label applied / changed / removed, justification text with downgrades; docs/reference/label-policy.md §11)
 * so reports read the way admins know them.
 */
import { z } from "zod";
import { GUID_PATTERN } from "../policy/ids";

export const AUDIT_EVENT_TYPES = [
  "label-applied",
  "label-changed",
  "label-removed",
  "send-blocked",
  "recommendation-accepted",
  "recommendation-dismissed",
  "unlabeled-document",
  "scan-result",
  /** A send went ahead without any labeling policy (the backend was never reached); recorded for follow-up. */
  "policy-unavailable",
  /** A protecting label the path could not really protect with was refused (decideProtection). */
  "label-refused",
] as const;

export const ACTION_SOURCES = [
  "manual",
  "default",
  "automatic",
  "recommended",
  "inherited",
  "scanner",
] as const;
export const AUDIT_APPS = ["Outlook", "Word", "Excel", "PowerPoint", "Scanner"] as const;

const guid = z.string().regex(GUID_PATTERN, "must be a lower-case GUID");

export const auditEventSchema = z
  .object({
    /** Made by the client, so a retried batch is stored once. */
    id: z
      .string()
      .min(8)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, "must be 8–64 characters of A–Z, a–z, 0–9, '-' or '_'"),
    type: z.enum(AUDIT_EVENT_TYPES),
    /** When it happened on the client, ISO 8601. */
    time: z.string().datetime({ offset: true }),
    app: z.enum(AUDIT_APPS),
    labelId: guid.nullable().default(null),
    oldLabelId: guid.nullable().default(null),
    method: z.enum(["Standard", "Privileged"]).nullable().default(null),
    actionSource: z.enum(ACTION_SOURCES).nullable().default(null),
    /** Downgrade or removal: true when the change lowered the label. */
    downgrade: z.boolean().default(false),
    justification: z
      .object({ reason: z.string().min(1).max(200), text: z.string().max(1000).optional() })
      .strict()
      .nullable()
      .default(null),
    /** File name or mail subject; never the content. */
    itemName: z.string().max(400).optional(),
    /** Machine-readable reason of the decision (e.g. `mandatory-label-missing`). */
    reason: z.string().max(100).optional(),
    /** Scanner and recommendation details: information types found, counts, confidence, folder. */
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditEventInput = z.input<typeof auditEventSchema>;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
export type ActionSource = (typeof ACTION_SOURCES)[number];
export type AuditApp = (typeof AUDIT_APPS)[number];
