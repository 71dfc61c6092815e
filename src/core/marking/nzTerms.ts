/**
 * New Zealand Government protective-marking terms (PSR classification system, NZISM §15.1;
 * docs/protective-markings-nz.md): classifications in order, endorsements, and the namespaces that
 * mark a header as New Zealand's, so the Australian reader never takes it for its own.
 */

export const NZ_CLASSIFICATIONS = [
  "UNCLASSIFIED",
  "IN-CONFIDENCE",
  "SENSITIVE",
  "RESTRICTED",
  "CONFIDENTIAL",
  "SECRET",
  "TOP SECRET",
] as const;
export type NzClassification = (typeof NZ_CLASSIFICATIONS)[number];

/** Policy and privacy endorsements (the PSR list); national-security endorsements are free text. */
export const NZ_ENDORSEMENTS = [
  "APPOINTMENTS",
  "BUDGET",
  "CABINET",
  "COMMERCIAL",
  "DEPARTMENT USE ONLY",
  "EMBARGOED FOR RELEASE",
  "EVALUATE",
  "HONOURS",
  "LEGAL PRIVILEGE",
  "MEDICAL",
  "POLICY",
  "STAFF",
  "TO BE REVIEWED ON",
] as const;

/** The namespace we write (the form), and the one NZ government domains use; both read as NZ. */
export const NZ_NAMESPACE = "gov.nz";
const NZ_NAMESPACES = /* @__PURE__ */ new Set(["gov.nz", "govt.nz"]);

export function isNzNamespace(ns: string): boolean {
  return NZ_NAMESPACES.has(ns.trim().toLowerCase());
}

/** Classifications of the policy and privacy group: the only ones SEEMail may carry (PSR handbook). */
export const NZ_SEEMAIL_MAX: NzClassification = "RESTRICTED";
