/**
 * How a label protects (docs/deploy.md, "Protection"):
 * - `none`: the label is metadata and markings only;
 * - `purview`: Microsoft's service encrypts. Only a path that applies a real Purview label (Outlook's
 *   built-in sensitivity label API; Word's where available) can apply it; every other path refuses;
 * - `labelbridge`: Labelbridge encrypts Office files at rest (ECMA-376 agile encryption) and escrows
 *   each file's key; the key is released to the label's rights holders and the tenant's super users.
 *
 * Graph only knows `hasProtection`; a label without `protection` is read from it (true = purview),
 * so imports and older stored policies keep their meaning.
 */
import { z } from "zod";
import { GUID_PATTERN } from "./ids";
import { type ProtectionFields, labelProtection } from "./protectionAccess";

export const PROTECTION_KINDS = ["none", "purview", "labelbridge"] as const;
export type ProtectionKind = (typeof PROTECTION_KINDS)[number];

/** An Exchange rights template (name or GUID), e.g. "Encrypt" or "Do Not Forward". */
const rightsTemplate = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .regex(/^[^"`$\r\n]+$/, "must not contain quotes, '`', '$' or line breaks (it is written into PowerShell)");

const principal = z.string().trim().min(1).max(256);

export const labelProtectionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }).strict(),
  z
    .object({
      kind: z.literal("purview"),
      /** The Exchange backstop encrypts mail with this template; without it, Office 365 Message Encryption. */
      rightsTemplate: rightsTemplate.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("labelbridge"),
      /** Entra group object ids (as in the token's `groups` claim) whose members may open the files. */
      rightsGroups: z.array(principal).max(100).default([]),
      /** Entra object ids or user principal names who may open the files. */
      rightsUsers: z.array(principal).max(500).default([]),
      rightsTemplate: rightsTemplate.optional(),
    })
    .strict(),
]);

export type LabelProtection = z.infer<typeof labelProtectionSchema>;
export type LabelbridgeProtection = Extract<LabelProtection, { kind: "labelbridge" }>;

const mailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[^\s@"'`$,;]+@([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/,
    "must be a mail address like scanner@contoso.com",
  );

export const MANDATORY_MAIL_ACTIONS = ["reject", "moderate"] as const;

/** The Exchange backstop's settings (labelbridge exchange-rules). */
export const exchangeBackstopSchema = z
  .object({
    /** Every rule's name starts with this; rules with it that the policy no longer needs are removed. */
    rulePrefix: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, "letters, digits, space, '_', '.' or '-'")
      .default("Labelbridge"),
    /** Internal mail without our label when labeling is mandatory: rejected, or held for moderators. */
    mandatoryMailAction: z.enum(MANDATORY_MAIL_ACTIONS).default("reject"),
    moderators: z.array(mailAddress).max(25).default([]),
    /** Senders the mandatory-label rule never stops: service accounts, scanners, journaling. */
    exceptSenders: z.array(mailAddress).max(200).default([]),
  })
  .strict();

export const tenantProtectionSchema = z
  .object({
    /** The roadmap's data-recovery role: may open every Labelbridge-protected file of the tenant. */
    superUsers: z
      .object({
        users: z.array(principal).max(100).default([]),
        groups: z.array(principal).max(50).default([]),
      })
      .strict()
      .default({}),
    exchange: exchangeBackstopSchema.default({}),
  })
  .strict();

export type TenantProtection = z.infer<typeof tenantProtectionSchema>;
export type ExchangeBackstop = z.infer<typeof exchangeBackstopSchema>;

export * from "./protectionAccess";

/** A label as parsed: `protection` always set, `hasProtection` (input only) gone. */
export function settleProtection<T extends ProtectionFields>(
  label: T,
): Omit<T, "hasProtection" | "protection"> & { hasProtection?: boolean; protection?: LabelProtection } {
  const { hasProtection: _flag, protection: _given, ...rest } = label;
  return { ...rest, protection: labelProtection(label) };
}

/** `hasProtection: false` on a Labelbridge-protected label: which is meant cannot be known. */
export function protectionContradiction(label: ProtectionFields): string | null {
  if (label.protection?.kind !== "labelbridge" || label.hasProtection !== false) return null;
  return "is false but protection.kind is 'labelbridge'; set protection.kind to 'none' to stop protecting (hasProtection follows it)";
}

/** Graph import: Graph says only whether a label protects; keep how ours does when Graph agrees. */
export function protectionFromGraph(
  hasProtection: boolean,
  kept: LabelProtection | undefined,
): LabelProtection {
  if (hasProtection) return kept && kept.kind !== "none" ? kept : { kind: "purview" };
  return { kind: "none" };
}

/** Issues a schema cannot express, e.g. a Labelbridge label nobody but super users could open. */
export function labelProtectionIssues(
  label: ProtectionFields & { applicableTo: readonly string[] },
  at: string,
): { path: string; rule: string; message: string }[] {
  const p = labelProtection(label);
  if (p.kind !== "labelbridge") return [];
  const issues = [];
  if (p.rightsGroups.length === 0 && p.rightsUsers.length === 0)
    issues.push({
      path: `${at}.protection`,
      rule: "protection-no-rights",
      message:
        "a Labelbridge-protected label needs rightsGroups or rightsUsers: otherwise only super users could open its files",
    });
  p.rightsGroups.forEach((g, i) => {
    if (!GUID_PATTERN.test(g.toLowerCase()))
      issues.push({
        path: `${at}.protection.rightsGroups[${i}]`,
        rule: "protection-group-id",
        message: `'${g}' is not a group object id (GUID), which is what tokens carry in their groups claim`,
      });
  });
  return issues;
}
