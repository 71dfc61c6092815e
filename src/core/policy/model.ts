/**
 * The label and policy model. Labels are shaped like Microsoft Graph's `sensitivityLabel` so that a
 * Purview tenant's labels import without translation; policies carry the settings of a Purview label
 * policy plus the advanced settings Labelbridge honours (docs/reference/label-policy.md §3–§7).
 *
 * The zod schemas are the single source of truth: the backend validates admin writes with them, the
 * add-in validates a cached policy with them, and the admin console shows their messages at the field.
 */
import { z } from "zod";
import { EPMS_ACCESS, EPMS_CLASSIFICATIONS } from "../marking/epms";
import { guidSchema as guid } from "./guidSchema";
import { labelMappingsSchema } from "./mapping";
import { purviewLabelSchema, purviewSyncSchema } from "./purview";
import { NZ_CLASSIFICATIONS } from "../marking/nzTerms";
import { customInfoTypeSchema } from "./infoTypes";
import * as protection from "./protection";
import { externalMarkingRemovalSchema } from "./markingRemoval";

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #A4262C");
const httpsOrMailto = z
  .string()
  .max(2048)
  .regex(/^(https:\/\/|mailto:)\S+$/, "must be an https:// or mailto: link");

export const MARKING_ALIGNMENTS = ["Left", "Center", "Right"] as const;
export const WATERMARK_LAYOUTS = ["Horizontal", "Diagonal"] as const;

export const textMarkingSchema = z
  .object({
    enabled: z.boolean().default(true),
    text: z.string(),
    fontName: z.string().min(1).max(64).optional(),
    fontSize: z.number().int().min(1).max(400).default(10),
    fontColor: colour.default("#000000"),
    alignment: z.enum(MARKING_ALIGNMENTS).default("Center"),
    margin: z.number().min(0).max(500).optional(),
  })
  .strict();

export const watermarkMarkingSchema = z
  .object({
    enabled: z.boolean().default(true),
    text: z.string(),
    fontName: z.string().min(1).max(64).optional(),
    fontSize: z.number().int().min(1).max(400).default(48),
    fontColor: colour.default("#C0C0C0"),
    layout: z.enum(WATERMARK_LAYOUTS).default("Diagonal"),
  })
  .strict();

export const contentMarkingSchema = z
  .object({
    header: textMarkingSchema.optional(),
    footer: textMarkingSchema.optional(),
    watermark: watermarkMarkingSchema.optional(),
  })
  .strict();

export const CONDITION_MODES = ["recommend", "automatic"] as const;

/** A client-side auto/recommend condition: a built-in or custom information type at a count and confidence. */
export const labelConditionSchema = z
  .object({
    mode: z.enum(CONDITION_MODES),
    sitId: guid,
    minCount: z.number().int().min(1).max(10000).default(1),
    minConfidence: z.number().int().min(1).max(100).default(85),
    policyTip: z.string().max(1024).optional(),
  })
  .strict();

/** The EPMS classifications and access markers are the marking module's; the model only refers to them. */
export { EPMS_CLASSIFICATIONS, EPMS_ACCESS };

/** What the `au-epms` marking profile writes for this label (docs/reference/protective-markings.md §1). */
export const labelProtectiveMarkingSchema = z
  .object({
    sec: z.enum(EPMS_CLASSIFICATIONS),
    caveats: z.array(z.string().min(1).max(140)).max(10).optional(),
    access: z.array(z.enum(EPMS_ACCESS)).max(3).optional(),
    /** What the sender may add at send (caveat and information-management-marker selectors). */
    selectableCaveats: z.array(z.string().min(1).max(140)).max(20).optional(),
    selectableAccess: z.array(z.enum(EPMS_ACCESS)).max(3).optional(),
  })
  .strict();

/** What the `nz-gov` marking profile writes for this label (marking/nz.ts). */
export const labelNzMarkingSchema = z
  .object({
    classification: z.enum(NZ_CLASSIFICATIONS),
    endorsements: z.array(z.string().min(1).max(128)).max(5).optional(),
  })
  .strict();

export const APPLICABLE_TO = ["email", "file"] as const;

export const labelSchema = z
  .object({
    id: guid,
    /** Unique id-like name, written to metadata as `_Name` (not the display name). */
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[^;=\r\n]+$/, "must not contain ';', '=' or line breaks (it is written into mail headers)"),
    displayName: z.string().min(1).max(64),
    description: z.string().max(1024).default(""),
    tooltip: z.string().min(1, "a tooltip tells people when to use the label").max(1024),
    color: colour.optional(),
    /** Order: lower = less sensitive. Unique across the tenant's labels. */
    sensitivity: z.number().int().min(0).max(100000),
    parentId: guid.nullable().default(null),
    isActive: z.boolean().default(true),
    applicableTo: z.array(z.enum(APPLICABLE_TO)).min(1).default(["email", "file"]),
    /** Graph's flag; `protection` says how (./protection.ts). */
    hasProtection: z.boolean().optional(),
    protection: protection.labelProtectionSchema.optional(),
    marking: contentMarkingSchema.default({}),
    conditions: z.array(labelConditionSchema).max(20).default([]),
    protectiveMarking: labelProtectiveMarkingSchema.optional(),
    /** Set when the label came from Microsoft Purview (policy/purview.ts). */
    purview: purviewLabelSchema.optional(),
    nzMarking: labelNzMarkingSchema.optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    const why = protection.protectionContradiction(l);
    if (why) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["hasProtection"], message: why });
  })
  .transform(protection.settleProtection);

export const PHASES = ["discover", "define", "deploy", "advance", "enforce"] as const;
export const RECIPIENT_ACTIONS = ["warn", "justify", "block"] as const;
export const ATTACHMENT_INHERITANCE = ["automatic", "recommended", "off"] as const;
export const MARKING_PROFILES = ["purview", "au-epms", "nz-gov"] as const;
export const OFFLINE_SEND_FALLBACKS = ["allow", "block"] as const;

/** The built-in Office wording (docs/reference/label-policy.md §1). "Other" always asks for free text. */
export const DEFAULT_JUSTIFICATION_REASONS = [
  "Previous label no longer applies",
  "Previous label was incorrect",
] as const;
export const DEFAULT_OTHER_REASON = "Other (explain) - Do not enter sensitive information";

export const recipientRuleSchema = z
  .object({
    /** Mail carrying any of these labels (or a sublabel of them) triggers the rule. */
    labelIds: z.array(guid).min(1),
    action: z.enum(RECIPIENT_ACTIONS),
    /** Recipients in these domains (and their subdomains) are trusted. */
    trustedDomains: z.array(
      z
        .string()
        .toLowerCase()
        .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, "must be a domain like example.com"),
    ),
    message: z.string().max(500).optional(),
  })
  .strict();

const scopeSchema = z
  .object({
    everyone: z.boolean().default(false),
    /** Entra object ids (oid) or user principal names. */
    users: z.array(z.string().min(1).max(256)).default([]),
    /** Entra group object ids as they appear in the token's `groups` claim. */
    groups: z.array(z.string().min(1).max(256)).default([]),
  })
  .strict();

export const policySettingsSchema = z
  .object({
    defaultDocumentLabel: guid.nullable().default(null),
    /** `null` = same as documents; "none" = no default for mail (OutlookDefaultLabel=None). */
    defaultMailLabel: z
      .union([z.literal("none"), guid])
      .nullable()
      .default(null),
    mandatoryDocuments: z.boolean().default(false),
    mandatoryMail: z.boolean().default(false),
    justificationRequired: z.boolean().default(false),
    justificationReasons: z
      .array(z.string().min(1).max(200))
      .max(10)
      .default([...DEFAULT_JUSTIFICATION_REASONS]),
    otherReasonText: z.string().min(1).max(200).default(DEFAULT_OTHER_REASON),
    /** Lowering a label FROM one of these is refused outright (Purview can only ask for a justification). */
    preventDowngradeFrom: z.array(guid).default([]),
    moreInfoUrl: httpsOrMailto.optional(),
    reportIssueUrl: httpsOrMailto.optional(),
    attachmentInheritance: z.enum(ATTACHMENT_INHERITANCE).default("off"),
    mailRecommendations: z.boolean().default(true),
    recipientRules: z.array(recipientRuleSchema).max(50).default([]),
    markingProfile: z.enum(MARKING_PROFILES).default("purview"),
    epmsVersion: z
      .string()
      .regex(/^\d{4}\.\d{1,2}$/, "must look like 2024.1")
      .default("2024.1"),
    /** What the Outlook send handler does when it has no policy at all (never fetched, cache lost). */
    offlineSendFallback: z.enum(OFFLINE_SEND_FALLBACKS).default("allow"),
    auditEnabled: z.boolean().default(true),
    /** Other tools' header/footer shapes and text a label change removes (markingRemoval.ts). */
    externalMarkingRemoval: externalMarkingRemovalSchema.optional(),
  })
  .strict();

export const labelPolicySchema = z
  .object({
    id: guid,
    name: z.string().min(1).max(120),
    description: z.string().max(1024).default(""),
    scope: scopeSchema,
    /**
     * Order in the policy list. As in Purview, the policy lowest in the list — the HIGHEST number —
     * wins each setting for a user it scopes.
     */
    priority: z.number().int().min(0).max(10000),
    phase: z.enum(PHASES),
    /** Labels this policy publishes. A published sublabel brings its parent into view. */
    labels: z.array(guid).default([]),
    settings: policySettingsSchema.default({}),
  })
  .strict();

export const LABEL_STORAGE = ["auto", "customProperties", "labelInfo"] as const;

/** A tenant's whole labeling configuration: the versioned document admins edit. */
export const tenantPolicySchema = z
  .object({
    siteId: guid,
    name: z.string().min(1).max(200),
    /**
     * Where documents carry the label: `labelInfo` once the tenant has turned on co-authoring for
     * labeled files; `auto` follows what each file already has (docs/reference/label-metadata.md §3).
     */
    labelStorage: z.enum(LABEL_STORAGE).default("auto"),
    labels: z.array(labelSchema).max(500),
    policies: z.array(labelPolicySchema).max(200),
    /** Other tools' classifications and partner tenants' labels → ours (policy/mapping.ts). */
    labelMappings: labelMappingsSchema.optional(),
    purviewSync: purviewSyncSchema.optional(),
    /** Custom sensitive information types (infoTypes.ts); conditions name them by id. */
    infoTypes: z.array(customInfoTypeSchema).max(200).default([]),
    protection: protection.tenantProtectionSchema.default({}),
  })
  .strict();

export type Guid = string;
export type TextMarkingSettings = z.infer<typeof textMarkingSchema>;
export type WatermarkSettings = z.infer<typeof watermarkMarkingSchema>;
export type ContentMarkingSettings = z.infer<typeof contentMarkingSchema>;
export type LabelCondition = z.infer<typeof labelConditionSchema>;
export type LabelProtectiveMarking = z.infer<typeof labelProtectiveMarkingSchema>;
export type Label = z.infer<typeof labelSchema>;
export type Phase = (typeof PHASES)[number];
export type RecipientRule = z.infer<typeof recipientRuleSchema>;
export type RecipientAction = (typeof RECIPIENT_ACTIONS)[number];
export type PolicySettings = z.infer<typeof policySettingsSchema>;
export type LabelPolicy = z.infer<typeof labelPolicySchema>;
export type TenantPolicy = z.infer<typeof tenantPolicySchema>;
export type TenantPolicyInput = z.input<typeof tenantPolicySchema>;
export type LabelStorage = (typeof LABEL_STORAGE)[number];
export type MarkingProfile = (typeof MARKING_PROFILES)[number];
export type AttachmentInheritance = (typeof ATTACHMENT_INHERITANCE)[number];
