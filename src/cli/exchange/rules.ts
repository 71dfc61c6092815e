/**
 * The Exchange Online backstop generated from a tenant's policy: mail flow (transport) rules that
 * hold when the add-in does not run (Outlook mobile, SMTP clients, mail sent through Graph, users
 * without the add-in). Each rule is a name and New-/Set-TransportRule parameters:
 * - encrypt mail carrying a protecting label (matched on its GUID in the msip_labels header), with the
 *   label's rights template or Office 365 Message Encryption;
 * - reject, or hold for moderators, internal mail without our tenant's label where a live policy
 *   makes mail labeling mandatory, except the senders the admin lists;
 * - mirror the recipient rules: a label sent outside the organisation to an untrusted domain;
 * - AU profile: stamp X-Protective-Marking and the subject marking for each label's EPMS marking.
 */
import { renderEpmsHeader, renderEpmsSubjectSuffix } from "../../core/marking";
import {
  LabelIndex,
  type Label,
  type LabelPolicy,
  type TenantPolicy,
  labelProtection,
  phaseFeatures,
  tenantProtectionSchema,
} from "../../core/policy";

export type RuleValue = string | string[] | boolean;

export interface ExchangeRule {
  name: string;
  /** Parameters in the order they are written; Comments says what the rule is for. */
  params: Array<[string, RuleValue]>;
}

export interface ExchangeRuleSet {
  prefix: string;
  rules: ExchangeRule[];
  /** What the policy asks for that a transport rule cannot do (written into the script). */
  notes: string[];
}

export class ExchangeRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExchangeRuleError";
  }
}

/** Every parameter some generated rule may set; a re-run clears the ones a rule no longer uses. */
export const MANAGED_PARAMETERS = [
  "HeaderMatchesMessageHeader",
  "HeaderMatchesPatterns",
  "FromScope",
  "From",
  "FromMemberOf",
  "SentToScope",
  "ExceptIfHeaderMatchesMessageHeader",
  "ExceptIfHeaderMatchesPatterns",
  "ExceptIfFrom",
  "ExceptIfRecipientDomainIs",
  "ExceptIfSubjectMatchesPatterns",
  "ApplyRightsProtectionTemplate",
  "ApplyOME",
  "RejectMessageReasonText",
  "RejectMessageEnhancedStatusCode",
  "ModerateMessageByUser",
  "SetHeaderName",
  "SetHeaderValue",
  "PrependSubject",
] as const;

export const MSIP_HEADER = "msip_labels";
const MAX_NAME = 64;

function ruleName(prefix: string, what: string, id: string): string {
  const name = `${prefix} ${what}`;
  return name.length <= MAX_NAME ? name : `${name.slice(0, MAX_NAME - 10).trimEnd()} ~${id.slice(0, 8)}`;
}

/** `MSIP_Label_<guid>_Enabled=true`: the label is on the message (mip-metadata: msip_labels). */
export function labelPattern(labelId: string): string {
  return `MSIP_Label_${labelId}_Enabled=true`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function livePolicies(tenant: TenantPolicy): LabelPolicy[] {
  return tenant.policies.filter((p) => phaseFeatures(p.phase).manualLabeling);
}

function encryptRules(tenant: TenantPolicy, prefix: string, index: LabelIndex<Label>): ExchangeRule[] {
  return tenant.labels
    .filter((l) => l.isActive && l.applicableTo.includes("email") && !index.isParent(l.id))
    .flatMap((l) => {
      const p = labelProtection(l);
      if (p.kind === "none") return [];
      const how: Array<[string, RuleValue]> = p.rightsTemplate
        ? [["ApplyRightsProtectionTemplate", p.rightsTemplate]]
        : [["ApplyOME", true]];
      return [
        {
          name: ruleName(prefix, `encrypt ${l.name}`, l.id),
          params: [
            ["HeaderMatchesMessageHeader", MSIP_HEADER],
            ["HeaderMatchesPatterns", [labelPattern(l.id)]],
            ...how,
            [
              "Comments",
              `Labelbridge: mail labeled "${index.fullName(l.id)}" (${l.id}) is encrypted (${p.kind} protection; ${p.rightsTemplate ? `rights template ${p.rightsTemplate}` : "Office 365 Message Encryption"}).`,
            ],
          ],
        },
      ];
    });
}

function mandatoryRules(tenant: TenantPolicy, prefix: string): ExchangeRule[] {
  const settings = tenantProtectionSchema.parse(tenant.protection ?? {}).exchange;
  return livePolicies(tenant)
    .filter((p) => phaseFeatures(p.phase).enforcement && p.settings.mandatoryMail)
    .map((p) => {
      if (settings.mandatoryMailAction === "moderate" && settings.moderators.length === 0)
        throw new ExchangeRuleError(
          "protection.exchange.mandatoryMailAction is 'moderate' but protection.exchange.moderators is empty: name who approves held mail",
        );
      const scope: Array<[string, RuleValue]> = p.scope.everyone
        ? [["FromScope", "InOrganization"]]
        : [
            ["FromScope", "InOrganization"],
            ...(p.scope.users.length ? [["From", [...p.scope.users]] as [string, RuleValue]] : []),
            ...(p.scope.groups.length ? [["FromMemberOf", [...p.scope.groups]] as [string, RuleValue]] : []),
          ];
      const action: Array<[string, RuleValue]> =
        settings.mandatoryMailAction === "moderate"
          ? [["ModerateMessageByUser", [...settings.moderators]]]
          : [
              [
                "RejectMessageReasonText",
                "This message has no sensitivity label. Label it in Outlook (Sensitivity) and send it again.",
              ],
              ["RejectMessageEnhancedStatusCode", "5.7.1"],
            ];
      return {
        name: ruleName(prefix, `require label ${p.name}`, p.id),
        params: [
          ...scope,
          ["SentToScope", "InOrganization"],
          // Any label attribute carrying our tenant id: the message has one of our labels.
          ["ExceptIfHeaderMatchesMessageHeader", MSIP_HEADER],
          ["ExceptIfHeaderMatchesPatterns", [`_SiteId=${tenant.siteId}`]],
          ...(settings.exceptSenders.length
            ? [["ExceptIfFrom", [...settings.exceptSenders]] as [string, RuleValue]]
            : []),
          ...action,
          [
            "Comments",
            `Labelbridge: policy "${p.name}" makes mail labeling mandatory; internal mail without a label of tenant ${tenant.siteId} is ${settings.mandatoryMailAction === "moderate" ? "held for moderation" : "rejected"}.`,
          ],
        ],
      };
    });
}

function recipientRules(
  tenant: TenantPolicy,
  prefix: string,
  index: LabelIndex<Label>,
  notes: string[],
): ExchangeRule[] {
  const rules: ExchangeRule[] = [];
  for (const p of livePolicies(tenant)) {
    if (!phaseFeatures(p.phase).recipientRules) continue;
    p.settings.recipientRules.forEach((r, i) => {
      const where = `policy "${p.name}" recipient rule ${i + 1}`;
      if (r.action === "warn") {
        notes.push(`${where} only warns; a transport rule cannot warn, so it has no Exchange rule.`);
        return;
      }
      const ids = [...new Set(r.labelIds.flatMap((id) => [id, ...index.children(id).map((c) => c.id)]))];
      const text =
        r.message?.replace(/[\r\n]+/g, " ") ??
        "This label may not be sent outside the organisation to these recipients.";
      if (r.action === "justify")
        notes.push(
          `${where} asks for a justification; the Exchange rule rejects instead (a transport rule cannot ask).`,
        );
      rules.push({
        name: ruleName(prefix, `recipients ${p.name} #${i + 1}`, p.id),
        params: [
          ["HeaderMatchesMessageHeader", MSIP_HEADER],
          ["HeaderMatchesPatterns", ids.map(labelPattern)],
          ["SentToScope", "NotInOrganization"],
          ...(r.trustedDomains.length
            ? [["ExceptIfRecipientDomainIs", [...r.trustedDomains]] as [string, RuleValue]]
            : []),
          ["RejectMessageReasonText", text],
          ["RejectMessageEnhancedStatusCode", "5.7.1"],
          [
            "Comments",
            `Labelbridge: ${where}: ${ids.map((id) => index.fullName(id)).join(", ")} to external recipients outside ${r.trustedDomains.join(", ") || "any trusted domain"}.`,
          ],
        ],
      });
    });
  }
  return rules;
}

function epmsRules(tenant: TenantPolicy, prefix: string, index: LabelIndex<Label>): ExchangeRule[] {
  const au = livePolicies(tenant).filter(
    (p) => phaseFeatures(p.phase).contentMarking && p.settings.markingProfile === "au-epms",
  );
  if (au.length === 0) return [];
  const version = au[0].settings.epmsVersion;
  const published = new Set(au.flatMap((p) => p.labels));
  return tenant.labels
    .filter((l) => published.has(l.id) && l.protectiveMarking && l.applicableTo.includes("email"))
    .map((l) => {
      const pm = l.protectiveMarking!;
      const subject = renderEpmsSubjectSuffix(pm);
      return {
        name: ruleName(prefix, `EPMS ${l.name}`, l.id),
        params: [
          ["HeaderMatchesMessageHeader", MSIP_HEADER],
          ["HeaderMatchesPatterns", [labelPattern(l.id)]],
          ["ExceptIfSubjectMatchesPatterns", [escapeRegex(subject)]],
          ["SetHeaderName", "X-Protective-Marking"],
          ["SetHeaderValue", renderEpmsHeader(pm, { version })],
          ["PrependSubject", `${subject} `],
          [
            "Comments",
            `Labelbridge: mail labeled "${index.fullName(l.id)}" carries X-Protective-Marking and the subject marking ${subject}.`,
          ],
        ] as Array<[string, RuleValue]>,
      };
    });
}

export function exchangeRules(tenant: TenantPolicy): ExchangeRuleSet {
  const prefix = tenantProtectionSchema.parse(tenant.protection ?? {}).exchange.rulePrefix;
  const index = new LabelIndex<Label>(tenant.labels);
  const notes: string[] = [];
  const rules = [
    ...encryptRules(tenant, prefix, index),
    ...mandatoryRules(tenant, prefix),
    ...recipientRules(tenant, prefix, index, notes),
    ...epmsRules(tenant, prefix, index),
  ];
  for (const r of rules) {
    // Exchange keeps at most 1024 characters of Comments.
    r.params = r.params.map(([k, v]) => [
      k,
      k === "Comments" && typeof v === "string" ? v.slice(0, 1024) : v,
    ]);
    r.params.push(["Mode", "Enforce"]);
  }
  const seen = new Set<string>();
  for (const r of rules) {
    const key = r.name.toLowerCase();
    if (seen.has(key))
      throw new ExchangeRuleError(
        `two rules would be named "${r.name}"; rename one of the labels or policies`,
      );
    seen.add(key);
  }
  if (rules.some((r) => r.params.some(([k]) => k === "SetHeaderValue")))
    notes.push(
      "X-Protective-Marking is stamped without ORIGIN= (a transport rule cannot insert the sender); Outlook with the add-in writes the full header.",
    );
  return { prefix, rules, notes };
}
