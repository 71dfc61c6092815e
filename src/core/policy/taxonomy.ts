/**
 * The default taxonomy, shipped as data with stable GUIDs the way Microsoft ships its default labels:
 * Personal, Public, General, Confidential and Highly Confidential with sublabels. A fresh install is
 * seeded with it; admins rename and re-word from there (scenario 1).
 */
import { tenantPolicySchema, type TenantPolicy, type TenantPolicyInput } from "./model";

/** Entity id of the credit card number sensitive information type (docs/reference/label-policy.md §9). */
const CREDIT_CARD_SIT = "50842eb7-edc8-4019-85dd-5a5c1f2bb085";
const IBAN_SIT = "e7dc4711-11b7-4cb0-b88b-2c394a771f0e";
const US_SSN_SIT = "a44669fe-0d48-453d-a9b1-2cc83f2cba77";

export const DEFAULT_LABEL_IDS = {
  personal: "33f63910-2e4b-4d52-aef1-70602314eb1e",
  public: "4f9f82fc-4f78-482b-aacd-e72e820d853b",
  general: "e3f63795-7642-4031-8b70-0c01ebdd2b0c",
  confidential: "9590c712-8dee-4bc8-9bb6-3dbbe7abdccf",
  confidentialAnyone: "da86b488-fff3-4264-a1d5-7776f8add00f",
  confidentialAllEmployees: "bfaa5e1b-0734-4df1-b9c5-77d8b1b3c9f1",
  confidentialTrustedPeople: "34008c63-6e1c-4b65-a5c9-e26135fb58b7",
  highlyConfidential: "ed17e572-74b6-4bbd-93db-4d289b2430a2",
  highlyConfidentialAllEmployees: "4df0bb92-d95f-41d5-92cb-93219efc354a",
  highlyConfidentialSpecifiedPeople: "1867fdf7-851a-4c91-9bec-dec107fe1923",
} as const;

export const DEFAULT_POLICY_ID = "bea5fc35-465b-45e8-9453-66a58a737044";

/** The tenant a development install is seeded with (`npm start`, `labelbridge token`). */
export const DEVELOPMENT_SITE_ID = "b07492d7-d98e-4130-802b-b50692f074c5";

const L = DEFAULT_LABEL_IDS;

const footer = (text: string) => ({
  enabled: true,
  text,
  fontSize: 10,
  fontColor: "#000000",
  alignment: "Center" as const,
});

/** The header and footer both Highly Confidential sublabels write (fresh objects each call). */
const highlyConfidentialHeaderAndFooter = () => ({
  header: {
    enabled: true,
    text: "Highly Confidential",
    fontSize: 12,
    fontColor: "#A4262C",
    alignment: "Center" as const,
  },
  footer: footer("Classified as Highly Confidential — ${User.Name}, ${Event.DateTime}"),
});

export function defaultTaxonomyLabels(): TenantPolicyInput["labels"] {
  return [
    {
      id: L.personal,
      name: "Personal",
      displayName: "Personal",
      tooltip: "Non-business data, for personal use only.",
      description:
        "Personal mail and files that have nothing to do with work. Labels the item; does not encrypt it.",
      color: "#0078D4",
      sensitivity: 0,
    },
    {
      id: L.public,
      name: "Public",
      displayName: "Public",
      description: "Labels the item; adds no marking and does not encrypt it.",
      tooltip: "Business data that is specifically prepared and approved for public consumption.",
      color: "#107C10",
      sensitivity: 100,
    },
    {
      id: L.general,
      name: "General",
      displayName: "General",
      description: "Labels the item; adds no marking and does not encrypt it.",
      tooltip:
        "Business data that is not intended for public consumption, but can be shared with external partners as required.",
      color: "#5C2E91",
      sensitivity: 200,
    },
    {
      id: L.confidential,
      name: "Confidential",
      displayName: "Confidential",
      description: "A parent: apply one of its sublabels.",
      tooltip:
        "Sensitive business data that could cause damage to the business if shared with unauthorized people.",
      color: "#CA5010",
      sensitivity: 300,
    },
    {
      id: L.confidentialAnyone,
      name: "Confidential_Anyone",
      displayName: "Anyone (not protected)",
      description: 'Labels the item and adds the footer "Classified as Confidential"; does not encrypt it.',
      tooltip:
        "Confidential data that does not need protection, for example to share with a trusted partner.",
      color: "#CA5010",
      sensitivity: 310,
      parentId: L.confidential,
      marking: { footer: footer("Classified as Confidential") },
    },
    {
      id: L.confidentialAllEmployees,
      name: "Confidential_AllEmployees",
      displayName: "All Employees",
      description:
        'Labels the item and adds the footer "Classified as Confidential"; does not encrypt it, so anyone who gets the file can read it.',
      tooltip:
        "Confidential data that all employees may see, for example customer details and internal reports.",
      color: "#CA5010",
      sensitivity: 320,
      parentId: L.confidential,
      marking: { footer: footer("Classified as Confidential") },
      conditions: [
        {
          mode: "recommend",
          sitId: CREDIT_CARD_SIT,
          minCount: 1,
          minConfidence: 85,
          policyTip:
            "This content contains a credit card number. It is recommended to label it Confidential \\ All Employees.",
        },
        {
          mode: "recommend",
          sitId: IBAN_SIT,
          minCount: 1,
          minConfidence: 85,
          policyTip:
            "This content contains a bank account number (IBAN). It is recommended to label it Confidential \\ All Employees.",
        },
      ],
    },
    {
      id: L.confidentialTrustedPeople,
      name: "Confidential_TrustedPeople",
      displayName: "Trusted People",
      description:
        'Labels the item and adds the footer "Classified as Confidential"; does not encrypt it or restrict who can open it.',
      tooltip: "Confidential data for a named set of people inside and outside the organisation.",
      color: "#CA5010",
      sensitivity: 330,
      parentId: L.confidential,
      marking: { footer: footer("Classified as Confidential") },
    },
    {
      id: L.highlyConfidential,
      name: "HighlyConfidential",
      displayName: "Highly Confidential",
      description: "A parent: apply one of its sublabels.",
      tooltip:
        "Very sensitive business data that would cause damage to the business if it was shared with unauthorized people.",
      color: "#A4262C",
      sensitivity: 400,
    },
    {
      id: L.highlyConfidentialAllEmployees,
      name: "HighlyConfidential_AllEmployees",
      displayName: "All Employees",
      description:
        "Labels the item and adds a header, a footer and a watermark; does not encrypt it, so anyone who gets the file can read it.",
      tooltip:
        "Highly confidential data that all employees may see, for example payroll and identity numbers.",
      color: "#A4262C",
      sensitivity: 410,
      parentId: L.highlyConfidential,
      marking: {
        ...highlyConfidentialHeaderAndFooter(),
        watermark: {
          enabled: true,
          text: "HIGHLY CONFIDENTIAL",
          fontSize: 48,
          fontColor: "#C0C0C0",
          layout: "Diagonal",
        },
      },
      conditions: [
        {
          mode: "recommend",
          sitId: US_SSN_SIT,
          minCount: 1,
          minConfidence: 75,
          policyTip:
            "This content contains a U.S. Social Security number. It is recommended to label it Highly Confidential \\ All Employees.",
        },
        {
          mode: "automatic",
          sitId: CREDIT_CARD_SIT,
          minCount: 10,
          minConfidence: 85,
          policyTip:
            "This content contains ten or more credit card numbers and was labeled Highly Confidential \\ All Employees.",
        },
      ],
    },
    {
      id: L.highlyConfidentialSpecifiedPeople,
      name: "HighlyConfidential_SpecifiedPeople",
      displayName: "Specified People",
      description:
        "Encrypted by Microsoft Purview: only Outlook's built-in sensitivity labels (and Word's where available) apply it, with the tenant's Purview label doing the encryption. Labelbridge's command line and scanner refuse it rather than label without encrypting.",
      tooltip: "Highly confidential data that only named people may see.",
      protection: { kind: "purview" },
      color: "#A4262C",
      sensitivity: 420,
      parentId: L.highlyConfidential,
      marking: {
        ...highlyConfidentialHeaderAndFooter(),
      },
    },
  ];
}

export interface DefaultTenantOptions {
  siteId?: string;
  name?: string;
}

/**
 * A tenant with the default taxonomy and one policy for everyone in phase "advance": General by
 * default, justification on downgrade, mandatory labeling for mail.
 */
export function defaultTenantPolicy(options: DefaultTenantOptions = {}): TenantPolicy {
  const labels = defaultTaxonomyLabels();
  return tenantPolicySchema.parse({
    siteId: options.siteId ?? DEVELOPMENT_SITE_ID,
    name: options.name ?? "Development tenant",
    labels,
    policies: [
      {
        id: DEFAULT_POLICY_ID,
        name: "Default policy",
        description: "Publishes the default labels to everyone.",
        scope: { everyone: true },
        priority: 0,
        phase: "advance",
        labels: labels.map((l) => l.id),
        settings: {
          defaultDocumentLabel: L.general,
          defaultMailLabel: L.general,
          mandatoryDocuments: true,
          mandatoryMail: true,
          justificationRequired: true,
          preventDowngradeFrom: [],
          attachmentInheritance: "recommended",
          mailRecommendations: true,
        },
      },
    ],
  });
}
